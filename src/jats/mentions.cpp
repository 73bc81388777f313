// Panel letters in figure references ("Figure 2B–D"), read from an xref and the text that follows it.
#include "pubforge/jats/mentions.hpp"

#include <algorithm>
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

enum class TokenKind { Number, Letter, Word, Dash, Other };
struct Token {
    TokenKind kind;
    std::string text;
};

std::vector<Token> tokenize(std::string_view text) {
    std::vector<Token> tokens;
    size_t i = 0;
    while (i < text.size()) {
        if (const size_t dash = dash_at(text, i)) {
            tokens.push_back({TokenKind::Dash, ""});
            i += dash;
        } else if (is_digit(text[i])) {
            size_t j = i;
            while (j < text.size() && is_digit(text[j])) ++j;
            tokens.push_back({TokenKind::Number, std::string(text.substr(i, j - i))});
            i = j;
        } else if (is_alpha(text[i])) {
            size_t j = i;
            while (j < text.size() && is_alpha(text[j])) ++j;
            const std::string word(text.substr(i, j - i));
            if (word.size() == 1 && (word == "S" || word == "s") && j < text.size() && is_digit(text[j])) {
                // "S2": a supplementary figure number, not panel S.
                size_t k = j;
                while (k < text.size() && is_digit(text[k])) ++k;
                tokens.push_back({TokenKind::Number, "S" + std::string(text.substr(j, k - j))});
                i = k;
                continue;
            }
            if (word == "to" || word == "through") tokens.push_back({TokenKind::Dash, ""});
            else tokens.push_back({word.size() == 1 ? TokenKind::Letter : TokenKind::Word, word});
            i = j;
        } else {
            // Separators (spaces, commas, brackets, "&") and any non-ASCII byte.
            const bool space = text[i] == ' ';
            if (!space) tokens.push_back({TokenKind::Other, std::string(1, text[i])});
            ++i;
        }
    }
    return tokens;
}

void add_panel(std::vector<std::string>& panels, const std::string& panel) {
    if (std::find(panels.begin(), panels.end(), panel) == panels.end()) panels.push_back(panel);
}

// Expands "B" "–" "D" into B, C, D (same case, forward, at most the alphabet).
void add_range(std::vector<std::string>& panels, char from, char to) {
    if (std::isupper(static_cast<unsigned char>(from)) != std::isupper(static_cast<unsigned char>(to)) || to < from) {
        add_panel(panels, std::string(1, from));
        add_panel(panels, std::string(1, to));
        return;
    }
    for (char c = from; c <= to; ++c) add_panel(panels, std::string(1, c));
}

std::vector<PanelReference> parse_tokens(const std::vector<Token>& tokens) {
    std::vector<PanelReference> out;
    auto current = [&]() -> PanelReference& {
        if (out.empty()) out.push_back({});
        return out.back();
    };
    for (size_t i = 0; i < tokens.size(); ++i) {
        const Token& t = tokens[i];
        if (t.kind == TokenKind::Number) {
            out.push_back({t.text, {}});
        } else if (t.kind == TokenKind::Letter) {
            const bool range = i + 2 < tokens.size() && tokens[i + 1].kind == TokenKind::Dash &&
                               tokens[i + 2].kind == TokenKind::Letter;
            if (range) {
                add_range(current().panels, t.text[0], tokens[i + 2].text[0]);
                i += 2;
            } else {
                add_panel(current().panels, t.text);
            }
        } else if (t.kind == TokenKind::Word && !out.empty() && !out.back().panels.empty()) {
            // "and", "or" continue a panel list; other words ("supplement") end it.
            if (t.text != "and" && t.text != "or") out.push_back({});
        }
    }
    out.erase(std::remove_if(out.begin(), out.end(),
                             [](const PanelReference& r) { return r.number.empty() && r.panels.empty(); }),
              out.end());
    return out;
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
        return following.substr(0, j);
    }
    size_t open = following[0] == '(' ? 0 : following.size() > 1 && following[0] == ' ' && following[1] == '(' ? 1 : std::string_view::npos;
    if (open == std::string_view::npos) return {};
    const auto close = following.find(')', open);
    if (close == std::string_view::npos || close - open > 24) return {};
    const std::string_view inside = following.substr(open + 1, close - open - 1);
    for (const Token& t : tokenize(inside))
        if (t.kind == TokenKind::Number || (t.kind == TokenKind::Word && t.text != "and")) return {};
    return inside;
}

}  // namespace

std::vector<PanelReference> parse_panel_references(std::string_view reference, std::string_view following) {
    std::vector<Token> tokens = tokenize(reference);
    const std::string_view extra = !tokens.empty() && tokens.back().kind == TokenKind::Number
                                       ? trailing_panels(following)
                                       : std::string_view{};
    if (!extra.empty()) {
        auto more = tokenize(extra);
        tokens.insert(tokens.end(), more.begin(), more.end());
    }
    // Whatever precedes the first number ("Figure", "Figs.") names no panel.
    const auto first_number =
        std::find_if(tokens.begin(), tokens.end(), [](const Token& t) { return t.kind == TokenKind::Number; });
    if (first_number != tokens.end()) tokens.erase(tokens.begin(), first_number);
    return parse_tokens(tokens);
}

std::vector<std::string> panels_for_figure(const std::vector<PanelReference>& references,
                                           const std::string& figure_number) {
    std::vector<std::string> panels;
    const bool single_number = std::count_if(references.begin(), references.end(),
                                             [](const PanelReference& r) { return !r.number.empty(); }) <= 1;
    for (const PanelReference& r : references)
        if (single_number || r.number.empty() || r.number == figure_number)
            for (const auto& p : r.panels) add_panel(panels, p);
    return panels;
}

}  // namespace pubforge::jats
