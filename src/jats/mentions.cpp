// Panel letters that JATS markup splits off a figure xref ("<xref>Figure 2</xref>B"), joined back to it.
#include "mentions.hpp"

#include <cctype>

namespace pubforge::jats {
namespace {

bool is_alpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }
bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

// Length of a dash (ASCII hyphen, en/em dash, hyphen, minus) at text[i], 0 if none.
size_t dash_at(std::string_view text, size_t i) {
    if (text[i] == '-') return 1;
    for (std::string_view dash : {"\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2212"})
        if (text.substr(i, dash.size()) == dash) return dash.size();
    return 0;
}

// True when `inside` (a bracket's content) is a list of single panel letters:
// "c", "c, d", "b–d", "a and c".
bool is_panel_list(std::string_view inside) {
    bool any = false;
    for (size_t i = 0; i < inside.size();) {
        if (is_alpha(inside[i])) {
            size_t j = i;
            while (j < inside.size() && is_alpha(inside[j])) ++j;
            const std::string_view word = inside.substr(i, j - i);
            if (word.size() == 1) any = true;
            else if (word != "and") return false;
            i = j;
        } else if (const size_t dash = dash_at(inside, i)) {
            i += dash;
        } else if (inside[i] == ',' || inside[i] == ' ') {
            ++i;
        } else {
            return false;
        }
    }
    return any;
}

// Panels written just after the reference: "B" glued to it, or "(c)" / " (c, d)".
std::string_view trailing_panels(std::string_view following) {
    if (following.empty()) return {};
    if (is_alpha(following[0])) {
        size_t j = 0;
        while (j < following.size() && (is_alpha(following[j]) || dash_at(following, j) || following[j] == ',')) {
            if (is_alpha(following[j]) && j + 1 < following.size() && is_alpha(following[j + 1])) return {};
            j += dash_at(following, j) ? dash_at(following, j) : 1;
        }
        while (j > 0 && following[j - 1] == ',') --j;
        return following.substr(0, j);
    }
    const size_t open = following[0] == '(' ? 0
                        : following.size() > 1 && following[0] == ' ' && following[1] == '(' ? 1
                                                                                               : std::string_view::npos;
    if (open == std::string_view::npos) return {};
    const size_t close = following.find(')', open);
    if (close == std::string_view::npos || close - open > 24) return {};
    const std::string_view inside = following.substr(open + 1, close - open - 1);
    return is_panel_list(inside) ? inside : std::string_view{};
}

}  // namespace

std::string reference_with_panels(std::string_view reference, std::string_view following) {
    std::string out(reference);
    // Only a reference that ends in its figure number can have panels split off it.
    if (out.empty() || !is_digit(out.back())) return out;
    out += trailing_panels(following);
    return out;
}

}  // namespace pubforge::jats
