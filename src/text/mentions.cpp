// Figure references in running text: a small hand-written grammar over "Fig./Figure N[panels] (and|,|-) ...".
#include "pubforge/text/mentions.hpp"

#include <algorithm>
#include <array>

namespace pubforge::text {
namespace {

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return is_upper(c) || is_lower(c); }
bool is_alnum(char c) { return is_alpha(c) || is_digit(c); }
char lower(char c) { return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c; }

size_t dash_length(std::string_view s, size_t p) {
    if (p >= s.size()) return 0;
    if (s[p] == '-') return 1;
    if (p + 2 < s.size() && static_cast<unsigned char>(s[p]) == 0xE2 && static_cast<unsigned char>(s[p + 1]) == 0x80 &&
        static_cast<unsigned char>(s[p + 2]) >= 0x90 && static_cast<unsigned char>(s[p + 2]) <= 0x95)
        return 3;
    return 0;
}

// Length of a figure word at p ("Fig.", "Figs", "Figure", "Figures", "Figura", "Figuras"), 0 if none.
size_t figure_word(std::string_view s, size_t p) {
    if (p > 0 && is_alnum(s[p - 1])) return 0;
    static constexpr std::array<std::string_view, 6> words = {"figures", "figuras", "figure", "figura", "figs", "fig"};
    for (std::string_view w : words) {
        if (p + w.size() > s.size()) continue;
        bool same = true;
        for (size_t k = 0; k < w.size() && same; ++k) same = lower(s[p + k]) == w[k];
        if (!same) continue;
        size_t q = p + w.size();
        if (q < s.size() && is_alpha(s[q])) continue;
        if (q < s.size() && s[q] == '.') ++q;
        return q - p;
    }
    return 0;
}

void skip_spaces(std::string_view s, size_t& p) {
    while (p < s.size() && (s[p] == ' ' || static_cast<unsigned char>(s[p]) == 0xC2)) {
        if (static_cast<unsigned char>(s[p]) == 0xC2) {
            if (p + 1 < s.size() && static_cast<unsigned char>(s[p + 1]) == 0xA0) p += 2;
            else return;
        } else {
            ++p;
        }
    }
}

// Panel letters after a figure number: "B", "B-D", "B,C", "B and C", "(B)", "(B-D)".
std::vector<std::string> read_panels(std::string_view s, size_t& p) {
    std::vector<std::string> panels;
    size_t q = p;
    const bool bracketed = q < s.size() && s[q] == '(';
    if (bracketed) ++q;
    auto letter_at = [&](size_t at) {
        return at < s.size() && is_alpha(s[at]) && (at + 1 >= s.size() || !is_alpha(s[at + 1]));
    };
    if (!letter_at(q)) return panels;
    panels.emplace_back(1, s[q]);
    ++q;
    while (q < s.size()) {
        size_t r = q;
        bool range = false;
        if (const size_t d = dash_length(s, r)) {
            r += d;
            range = true;
        } else if (s[r] == ',') {
            ++r;
            skip_spaces(s, r);
        } else if (r + 4 < s.size() && s.substr(r, 5) == " and ") {
            r += 5;
        } else {
            break;
        }
        if (!letter_at(r)) break;
        // "Figs. 2 and 3" is two figures, not panels: a letter only.
        const char from = panels.back()[0];
        const char to = s[r];
        if (range && lower(to) > lower(from) && lower(to) - lower(from) < 26) {
            for (char c = static_cast<char>(from + 1); c <= to; ++c) panels.emplace_back(1, c);
        } else {
            panels.emplace_back(1, to);
        }
        q = r + 1;
    }
    if (bracketed) {
        if (q < s.size() && s[q] == ')') ++q;
        else return {};
    }
    p = q;
    return panels;
}

// A figure number at p: digits, or "S" + digits; the panel letters glued to it follow.
bool read_number(std::string_view s, size_t& p, std::string& number) {
    size_t q = p;
    if (q < s.size() && (s[q] == 'S' || s[q] == 's') && q + 1 < s.size() && is_digit(s[q + 1])) ++q;
    if (q >= s.size() || !is_digit(s[q])) return false;
    while (q < s.size() && is_digit(s[q])) ++q;
    number = std::string(s.substr(p, q - p));
    if (number[0] == 's') number[0] = 'S';
    p = q;
    return true;
}

// eLife's figure supplements: "Figure 1—figure supplement 2", "Figure 3—figure supplements 1 and 2".
// At p (right after a figure number and its panels), reads the supplement numbers into `numbers`
// and moves p past them; false (p unchanged) when no supplement follows.
bool read_supplements(std::string_view s, size_t& p, std::vector<std::string>& numbers) {
    size_t q = p;
    skip_spaces(s, q);
    const size_t dash = dash_length(s, q);
    if (dash == 0) return false;
    q += dash;
    skip_spaces(s, q);
    static constexpr std::string_view kWord = "figure supplement";
    if (q + kWord.size() > s.size()) return false;
    for (size_t k = 0; k < kWord.size(); ++k)
        if (lower(s[q + k]) != kWord[k]) return false;
    q += kWord.size();
    if (q < s.size() && (s[q] == 's' || s[q] == 'S')) ++q;
    skip_spaces(s, q);
    numbers.clear();
    bool range = false;
    while (true) {
        size_t e = q;
        while (e < s.size() && is_digit(s[e]) && e - q < 3) ++e;
        if (e == q || (e < s.size() && is_digit(s[e]))) break;
        const int value = std::stoi(std::string(s.substr(q, e - q)));
        // "supplements 1-3": a range.
        if (range && !numbers.empty()) {
            const int from = std::stoi(numbers.back());
            for (int v = from + 1; v < value && value - from < 50; ++v) numbers.push_back(std::to_string(v));
        }
        numbers.push_back(std::to_string(value));
        p = e;
        // More supplement numbers: ", 2", " and 2", "-3", "–3".
        size_t r = e;
        range = false;
        if (const size_t d = dash_length(s, r)) {
            r += d;
            range = true;
        } else {
            if (r < s.size() && s[r] == ',') ++r;
            skip_spaces(s, r);
            if (s.substr(r, 4) == "and ") r += 4;
        }
        skip_spaces(s, r);
        if (r == e) break;
        q = r;
    }
    return !numbers.empty();
}

// The supplement number of figure `figure`: "1 figure supplement 2".
std::string supplement_number(const std::string& figure, const std::string& supplement) {
    return figure + " figure supplement " + supplement;
}

// Adds figure `number` read before p, or its supplements when "—figure supplement N" follows, with their panels.
void add_referenced(std::string_view s, size_t& p, const std::string& number, std::vector<ReferencedFigure>& figures) {
    std::vector<std::string> panels = read_panels(s, p);
    std::vector<std::string> supplements;
    if (!read_supplements(s, p, supplements)) {
        figures.push_back({number, std::move(panels)});
        return;
    }
    for (size_t k = 0; k < supplements.size(); ++k) {
        std::vector<std::string> own;
        if (k + 1 == supplements.size()) own = read_panels(s, p);  // "figure supplement 1B"
        figures.push_back({supplement_number(number, supplements[k]), std::move(own)});
    }
}

}  // namespace

std::vector<FigureReference> find_figure_references(std::string_view s) {
    std::vector<FigureReference> out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] != 'F' && s[i] != 'f') continue;
        const size_t word = figure_word(s, i);
        if (word == 0) continue;
        size_t p = i + word;
        skip_spaces(s, p);
        FigureReference ref;
        ref.begin = i;
        std::string number;
        if (!read_number(s, p, number)) continue;
        add_referenced(s, p, number, ref.figures);
        size_t end = p;
        // More figures: "Figs. 2 and 3", "Figures 2, 4-6", "Fig. 2B and 3C".
        while (true) {
            size_t q = end;
            skip_spaces(s, q);
            bool range = false;
            if (q < s.size() && s[q] == ',') {
                ++q;
            } else if (const size_t d = dash_length(s, q)) {
                q += d;
                range = true;
            } else if (s.substr(q, 4) == "and " || s.substr(q, 2) == "& ") {
                q += s[q] == '&' ? 1 : 3;
            } else {
                break;
            }
            skip_spaces(s, q);
            std::string next;
            if (!read_number(s, q, next)) break;
            const std::string last = ref.figures.back().number;  // a copy: push_back below may move it
            // Only short numbers make a range: std::stoi throws on "1-99999999999".
            if (range && !last.empty() && last.size() <= 6 && is_digit(last[0]) && is_digit(next[0]) && next.size() <= 6) {
                const int from = std::stoi(last);
                const int to = std::stoi(next);
                for (int k = from + 1; k < to && to - from < 50; ++k) ref.figures.push_back({std::to_string(k), {}});
            }
            add_referenced(s, q, next, ref.figures);
            end = q;
        }
        ref.end = end;
        ref.text = std::string(s.substr(ref.begin, ref.end - ref.begin));
        out.push_back(std::move(ref));
        i = end > i ? end - 1 : i;
    }
    return out;
}

std::vector<std::string> panels_named(std::string_view reference_text, const std::string& number) {
    std::vector<FigureReference> refs = find_figure_references(reference_text);
    if (refs.empty()) refs = find_figure_references("Fig. " + std::string(reference_text));
    // An xref that shows panels only ("B", "C–E") names them in the figure it points to.
    if (refs.empty() && !reference_text.empty() && (is_alpha(reference_text[0]) || reference_text[0] == '(') &&
        !number.empty() && is_digit(number.back()) && number.find(' ') == std::string::npos)
        refs = find_figure_references("Fig. " + number + std::string(reference_text));
    const ReferencedFigure* only = nullptr;
    size_t figures = 0;
    for (const FigureReference& r : refs)
        for (const ReferencedFigure& f : r.figures) {
            if (f.number == number) return f.panels;
            only = &f;
            ++figures;
        }
    // A reference to one figure whose number differs from the label's ("Fig. 2" for a
    // figure labelled "Figure 2a") still names its panels for the figure it points to.
    return figures == 1 ? only->panels : std::vector<std::string>{};
}

namespace {

// Abbreviations that end in a full stop without ending the sentence ("Fig. 2", "et al. (2010)").
bool is_abbreviation(std::string_view word) {
    static constexpr std::array<std::string_view, 43> abbreviations = {
        "fig", "figs", "al", "vs", "ca", "approx", "eq", "eqs", "ref", "refs", "no", "nos", "dr", "mr", "mrs",
        "ms", "prof", "st", "cf", "resp", "suppl", "supp", "tab", "sp", "spp", "var", "etc", "ext", "vol", "pp",
        "inc", "ltd", "co", "dept", "univ", "min", "max", "av", "ave", "sec", "eg", "ie", "viz"};
    if (word.size() == 1 && is_upper(word[0])) return true;  // an initial: "J. Smith"
    // "e.g", "i.e", "U.S": a dotted abbreviation.
    if (word.find('.') != std::string_view::npos) return true;
    for (std::string_view a : abbreviations) {
        if (word.size() != a.size()) continue;
        bool same = true;
        for (size_t k = 0; k < a.size() && same; ++k) same = lower(word[k]) == a[k];
        if (same) return true;
    }
    return false;
}

// True when s[p] is a '.', '!' or '?' that ends a sentence: followed by the end of the
// text, or by a space and a word that does not start in lower case, and not after an abbreviation.
bool ends_sentence(std::string_view s, size_t p) {
    if (s[p] != '.' && s[p] != '!' && s[p] != '?') return false;
    if (p + 1 < s.size() && s[p + 1] != ' ') return false;
    size_t q = p + 1;
    while (q < s.size() && s[q] == ' ') ++q;
    if (q < s.size() && is_lower(s[q])) return false;
    if (s[p] != '.') return true;
    size_t b = p;
    while (b > 0 && s[b - 1] != ' ' && s[b - 1] != '(') --b;
    return !is_abbreviation(s.substr(b, p - b));
}

}  // namespace

std::pair<size_t, size_t> sentence_around(std::string_view s, size_t from, size_t to) {
    from = std::min(from, s.size());
    to = std::min(std::max(to, from), s.size());
    size_t begin = 0;
    for (size_t p = from; p-- > 0;) {
        if (ends_sentence(s, p)) {
            begin = p + 1;
            break;
        }
    }
    while (begin < s.size() && s[begin] == ' ') ++begin;
    size_t end = s.size();
    for (size_t p = to; p < s.size(); ++p) {
        if (ends_sentence(s, p)) {
            end = p + 1;
            break;
        }
    }
    return {begin, end};
}

std::pair<size_t, size_t> sentence_around(std::string_view s, size_t at) { return sentence_around(s, at, at); }

std::string figure_number(std::string_view label) {
    for (size_t i = 0; i < label.size(); ++i) {
        if (is_digit(label[i]) || ((label[i] == 'S' || label[i] == 's') && i + 1 < label.size() && is_digit(label[i + 1]) &&
                                   (i == 0 || !is_alpha(label[i - 1])))) {
            size_t p = i;
            std::string number;
            if (!read_number(label, p, number)) continue;
            std::vector<std::string> supplements;
            if (read_supplements(label, p, supplements)) return supplement_number(number, supplements.front());
            return number;
        }
    }
    return "";
}

}  // namespace pubforge::text
