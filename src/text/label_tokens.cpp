// Reads panel labels at a known place of a caption: one label ("B1", "iv", "Upper left"), separators, and lists with ranges.
#include "label_tokens.hpp"

#include "label_chars.hpp"

#include <cctype>
#include <cstdio>

namespace pubforge::text::detail {
namespace {

int roman_value(char c) {
    switch (lower(c)) {
        case 'i': return 1;
        case 'v': return 5;
        case 'x': return 10;
        case 'l': return 50;
        default: return 0;
    }
}

// Value of a well-formed roman numeral (canonical spelling only, so "iiii" or "vx" fail); 0 if invalid.
int parse_roman(std::string_view r) {
    int total = 0;
    for (size_t k = 0; k < r.size(); ++k) {
        const int v = roman_value(r[k]);
        const int next = k + 1 < r.size() ? roman_value(r[k + 1]) : 0;
        total += v < next ? -v : v;
    }
    static const std::array<const char*, 40> canonical = {
        "",       "i",     "ii",     "iii",     "iv",     "v",     "vi",     "vii",     "viii",   "ix",
        "x",      "xi",    "xii",    "xiii",    "xiv",    "xv",    "xvi",    "xvii",    "xviii",  "xix",
        "xx",     "xxi",   "xxii",   "xxiii",   "xxiv",   "xxv",   "xxvi",   "xxvii",   "xxviii", "xxix",
        "xxx",    "xxxi",  "xxxii",  "xxxiii",  "xxxiv",  "xxxv",  "xxxvi",  "xxxvii",  "xxxviii", "xxxix"};
    if (total <= 0 || total >= static_cast<int>(canonical.size())) return 0;
    const std::string_view expected = canonical[static_cast<size_t>(total)];
    if (expected.size() != r.size()) return 0;
    for (size_t k = 0; k < r.size(); ++k)
        if (lower(r[k]) != expected[k]) return 0;
    return total;
}

// The letters of the word at p (up to the first non-letter).
std::string_view alpha_run(std::string_view s, size_t p) {
    size_t q = p;
    while (q < s.size() && is_alpha(s[q])) ++q;
    return s.substr(p, q - p);
}

// Position words used as labels, by length: a single word, or "<first> left|right"
// for the words that can open a compound (upper, lower, top, bottom, far).
bool is_position_word(std::string_view w, bool& opens_compound) {
    opens_compound = false;
    switch (w.size()) {
        case 3:
            opens_compound = equals_lower(w, "top") || equals_lower(w, "far");
            return equals_lower(w, "top");
        case 4:
            return equals_lower(w, "left");
        case 5:
            opens_compound = equals_lower(w, "upper") || equals_lower(w, "lower");
            return opens_compound || equals_lower(w, "right") || equals_lower(w, "inset");
        case 6:
            opens_compound = equals_lower(w, "bottom");
            return opens_compound || equals_lower(w, "middle") || equals_lower(w, "center") || equals_lower(w, "centre");
        default:
            return false;
    }
}

// A prime after a label: ' or U+2032 (UTF-8 E2 80 B2) or U+2019 (E2 80 99); 0 if none.
size_t prime_length(std::string_view s, size_t p) {
    if (p < s.size() && s[p] == '\'') return 1;
    if (p + 2 < s.size() && static_cast<unsigned char>(s[p]) == 0xE2 && static_cast<unsigned char>(s[p + 1]) == 0x80 &&
        (static_cast<unsigned char>(s[p + 2]) == 0xB2 || static_cast<unsigned char>(s[p + 2]) == 0x99))
        return 3;
    return 0;
}

}  // namespace

// Length of the position label at p ("Upper left", "Inset"), 0 if none.
size_t position_word_length(std::string_view s, size_t p) {
    const std::string_view first = alpha_run(s, p);
    bool opens_compound = false;
    const bool single = is_position_word(first, opens_compound);
    if (opens_compound && p + first.size() < s.size() && s[p + first.size()] == ' ') {
        const std::string_view second = alpha_run(s, p + first.size() + 1);
        if (equals_lower(second, "left") || equals_lower(second, "right")) return first.size() + 1 + second.size();
    }
    return single ? first.size() : 0;
}

// Reads one label of `cls` at p; sets `end` past it.
bool parse_token(std::string_view s, size_t p, LabelClass cls, LabelToken& token, size_t& end) {
    const size_t n = s.size();
    if (p >= n) return false;
    switch (cls) {
        case LabelClass::Upper:
        case LabelClass::Lower: {
            if (cls == LabelClass::Upper ? !is_upper(s[p]) : !is_lower(s[p])) return false;
            size_t q = p + 1;
            int minor = 0;
            while (q < n && is_digit(s[q]) && q - p <= 2) minor = minor * 10 + (s[q++] - '0');
            if (q < n && is_alnum(s[q])) return false;
            // "B1" sub-panels are small numbers; "p53" and "H358" are names, not labels.
            if (q > p + 1 && (s[p + 1] == '0' || minor > 30)) return false;
            token = LabelToken(s.substr(p, q - p), lower(s[p]) - 'a' + 1, minor);
            end = q;
            return true;
        }
        case LabelClass::RomanUpper:
        case LabelClass::RomanLower: {
            size_t q = p;
            while (q < n && roman_value(s[q]) != 0 && (cls == LabelClass::RomanUpper ? is_upper(s[q]) : is_lower(s[q])))
                ++q;
            if (q == p || q - p > 7 || (q < n && is_alnum(s[q]))) return false;
            const int value = parse_roman(s.substr(p, q - p));
            if (value == 0) return false;
            token = LabelToken(s.substr(p, q - p), value, 0);
            end = q;
            return true;
        }
        case LabelClass::Digit: {
            if (!is_digit(s[p]) || s[p] == '0') return false;
            size_t q = p;
            int value = 0;
            while (q < n && is_digit(s[q]) && q - p < 3) value = value * 10 + (s[q++] - '0');
            if (q < n && is_alnum(s[q])) return false;
            // 1.5 and 1,000 are numbers, not labels.
            if (q + 1 < n && (s[q] == '.' || s[q] == ',') && is_digit(s[q + 1])) return false;
            token = LabelToken(s.substr(p, q - p), value, 0);
            end = q;
            return true;
        }
        case LabelClass::Position: {
            const size_t length = position_word_length(s, p);
            if (length == 0) return false;
            size_t q = p + length;
            if (starts_with_word(s, q + 1, "panels") && s[q] == ' ') q += 7;
            else if (starts_with_word(s, q + 1, "panel") && s[q] == ' ') q += 6;
            std::array<char, 15> text{};
            for (size_t k = 0; k < length; ++k) text[k] = lower(s[p + k]);
            text[0] = static_cast<char>(text[0] - 'a' + 'A');
            token = LabelToken(std::string_view(text.data(), length), 0, 0);
            end = q;
            return true;
        }
    }
    return false;
}

// A separator between two labels of one marker; `range` when it is a dash or "to".
bool parse_separator(std::string_view s, size_t p, size_t& end, bool& range) {
    size_t q = p;
    while (q < s.size() && s[q] == ' ') ++q;
    range = false;
    if (q < s.size() && (s[q] == ',' || s[q] == '&' || s[q] == '/' || s[q] == ';')) {
        ++q;
        while (q < s.size() && s[q] == ' ') ++q;
        if (starts_with_word(s, q, "and")) q += 3;
    } else if (const size_t d = dash_length(s, q)) {
        q += d;
        range = true;
    } else if (starts_with_word(s, q, "and")) {
        q += 3;
    } else if (starts_with_word(s, q, "to")) {
        q += 2;
        range = true;
    } else {
        return false;
    }
    while (q < s.size() && s[q] == ' ') ++q;
    end = q;
    return true;
}

// Reads "A", "A,B", "A-C", "B1-B3", "a and b", ... of one class onto the end of
// `pool` (ranges expanded); on failure `pool` is unchanged.
bool parse_label_list(std::string_view s, size_t p, LabelClass cls, std::vector<LabelToken>& pool, size_t& end) {
    const size_t mark = pool.size();
    LabelToken token;
    size_t q = 0;
    if (!parse_token(s, p, cls, token, q)) return false;
    pool.push_back(token);
    end = q;
    while (pool.size() - mark < 400) {
        size_t after_sep = 0;
        bool range = false;
        if (!parse_separator(s, end, after_sep, range)) break;
        size_t after_token = 0;
        if (!parse_token(s, after_sep, cls, token, after_token)) break;
        if (cls == LabelClass::Position && range) break;
        const LabelToken last = pool.back();
        // "(A and A')", "(C, C′)": the primed view is part of the same panel.
        if ((cls == LabelClass::Upper || cls == LabelClass::Lower) && !range && label_key(token) == label_key(last)) {
            if (const size_t prime = prime_length(s, after_token)) {
                end = after_token + prime;
                continue;
            }
        }
        if (cls != LabelClass::Position && label_key(token) <= label_key(last)) break;
        // "B, H&E staining": a letter glued to "&" and a letter that does not go on the list is a stain.
        if (after_token + 1 < s.size() && s[after_token] == '&' && is_alpha(s[after_token + 1])) {
            LabelToken next;
            size_t next_end = 0;
            if (!parse_token(s, after_token + 1, cls, next, next_end) || label_key(next) <= label_key(token)) break;
        }
        if (range) {
            const bool letters = cls == LabelClass::Upper || cls == LabelClass::Lower;
            if (token.minor > 0 && token.major == last.major) {
                for (int m = last.minor + 1; m < token.minor; ++m) {
                    char text[4] = {last.chars[0], 0, 0, 0};
                    const size_t length = m < 10 ? 2 : 3;
                    if (m < 10) text[1] = static_cast<char>('0' + m);
                    else text[1] = static_cast<char>('0' + m / 10), text[2] = static_cast<char>('0' + m % 10);
                    pool.emplace_back(std::string_view(text, length), last.major, m);
                }
            } else if (token.minor == 0 && last.minor == 0 && token.major - last.major <= 60) {
                for (int v = last.major + 1; v < token.major; ++v) {
                    if (letters) {
                        const char letter = static_cast<char>((cls == LabelClass::Upper ? 'A' : 'a') + v - 1);
                        pool.emplace_back(std::string_view(&letter, 1), v, 0);
                    } else if (cls == LabelClass::Digit) {
                        char digits[4] = {};
                        const int length = std::snprintf(digits, sizeof digits, "%d", v);
                        pool.emplace_back(std::string_view(digits, static_cast<size_t>(length)), v, 0);
                    } else {
                        break;  // roman ranges are expanded below
                    }
                }
                if (cls == LabelClass::RomanLower || cls == LabelClass::RomanUpper) {
                    static constexpr std::array<std::string_view, 12> small = {"", "i", "ii", "iii", "iv", "v", "vi",
                                                                               "vii", "viii", "ix", "x", "xi"};
                    for (int v = last.major + 1; v < token.major && v < static_cast<int>(small.size()); ++v) {
                        LabelToken numeral(small[static_cast<size_t>(v)], v, 0);
                        if (cls == LabelClass::RomanUpper)
                            for (char& c : numeral.chars) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
                        pool.push_back(numeral);
                    }
                }
            } else {
                break;
            }
        }
        pool.push_back(token);
        end = after_token;
    }
    return true;
}

// The classes a label starting with c may belong to.
size_t classes_at(char c, std::array<LabelClass, 3>& out) {
    size_t k = 0;
    if (is_upper(c)) {
        out[k++] = LabelClass::Upper;
        if (roman_value(c)) out[k++] = LabelClass::RomanUpper;
    } else if (is_lower(c)) {
        out[k++] = LabelClass::Lower;
        if (roman_value(c)) out[k++] = LabelClass::RomanLower;
    } else if (is_digit(c)) {
        out[k++] = LabelClass::Digit;
    }
    if (is_alpha(c)) out[k++] = LabelClass::Position;
    return k;
}

}  // namespace pubforge::text::detail
