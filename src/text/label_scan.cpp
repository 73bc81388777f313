// Finds panel-label candidates in a caption: a hand-written scanner (one pass, no regex) for speed.
#include "label_scan.hpp"

#include <array>
#include <cctype>
#include <cstdio>

namespace pubforge::text::detail {
namespace {

// Byte classes, one table lookup per test: the scanner asks several of them of every byte.
enum : uint8_t { kUpper = 1, kLower = 2, kDigit = 4, kSpace = 8, kRoman = 16, kPositionInitial = 32 };

constexpr std::array<uint8_t, 256> make_byte_classes() {
    std::array<uint8_t, 256> table{};
    for (int c = 'A'; c <= 'Z'; ++c) table[static_cast<size_t>(c)] |= kUpper;
    for (int c = 'a'; c <= 'z'; ++c) table[static_cast<size_t>(c)] |= kLower;
    for (int c = '0'; c <= '9'; ++c) table[static_cast<size_t>(c)] |= kDigit;
    for (char c : {' ', '\t', '\n', '\r'}) table[static_cast<unsigned char>(c)] |= kSpace;
    for (char c : {'i', 'v', 'x', 'l', 'I', 'V', 'X', 'L'}) table[static_cast<unsigned char>(c)] |= kRoman;
    // First letters of the position words (left, right, top, bottom, middle, center, inset, upper, lower, far).
    for (char c : {'l', 'r', 't', 'b', 'm', 'c', 'i', 'u', 'f'}) {
        table[static_cast<unsigned char>(c)] |= kPositionInitial;
        table[static_cast<unsigned char>(c - 'a' + 'A')] |= kPositionInitial;
    }
    return table;
}
constexpr std::array<uint8_t, 256> kByteClasses = make_byte_classes();

bool has_class(char c, uint8_t classes) { return (kByteClasses[static_cast<unsigned char>(c)] & classes) != 0; }
bool is_upper(char c) { return has_class(c, kUpper); }
bool is_lower(char c) { return has_class(c, kLower); }
bool is_digit(char c) { return has_class(c, kDigit); }
bool is_alpha(char c) { return has_class(c, kUpper | kLower); }
bool is_alnum(char c) { return has_class(c, kUpper | kLower | kDigit); }
bool is_space(char c) { return has_class(c, kSpace); }
char lower(char c) { return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c; }

// Length of a dash at p: '-' or U+2010..U+2015, U+2212 (UTF-8 E2 80 90..95, E2 88 92); 0 if none.
size_t dash_length(std::string_view s, size_t p) {
    if (p >= s.size()) return 0;
    if (s[p] == '-') return 1;
    if (p + 2 < s.size() && static_cast<unsigned char>(s[p]) == 0xE2) {
        const auto b1 = static_cast<unsigned char>(s[p + 1]);
        const auto b2 = static_cast<unsigned char>(s[p + 2]);
        if (b1 == 0x80 && b2 >= 0x90 && b2 <= 0x95) return 3;
        if (b1 == 0x88 && b2 == 0x92) return 3;
    }
    return 0;
}

bool starts_with_word(std::string_view s, size_t p, std::string_view word) {
    if (p + word.size() > s.size()) return false;
    for (size_t k = 0; k < word.size(); ++k)
        if (lower(s[p + k]) != word[k]) return false;
    const size_t after = p + word.size();
    return after == s.size() || !is_alpha(s[after]);
}

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

bool equals_lower(std::string_view word, std::string_view expected) {
    if (word.size() != expected.size()) return false;
    for (size_t k = 0; k < word.size(); ++k)
        if (lower(word[k]) != expected[k]) return false;
    return true;
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
        if (cls != LabelClass::Position && label_key(token) <= label_key(last)) break;
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

// The lower-case word ending just before p (skipping spaces); "" if none.
std::string_view previous_word(std::string_view s, size_t p, size_t* word_begin = nullptr) {
    size_t e = p;
    while (e > 0 && s[e - 1] == ' ') --e;
    size_t b = e;
    while (b > 0 && is_alpha(s[b - 1])) --b;
    if (word_begin) *word_begin = b;
    return s.substr(b, e - b);
}

// "as in (A)", "Fig. 2 (B)", "panel C)": a reference to a panel, not the start of one.
bool follows_reference_word(std::string_view s, size_t p) {
    size_t b = 0;
    const std::string_view word = previous_word(s, p, &b);
    static constexpr std::array<std::string_view, 13> refs = {"fig",  "figs", "figure", "figures", "panel",
                                                              "panels", "see", "cf",   "as",      "vs",
                                                              "versus", "than", "compare"};
    for (std::string_view r : refs)
        if (equals_lower(word, r)) return true;
    if (equals_lower(word, "in")) {
        // "shown in (D)" often introduces the panel itself; "as in (A)" and "boxed in A" point back.
        static constexpr std::array<std::string_view, 6> pointing = {"as",    "marked",   "indicated",
                                                                     "boxed", "outlined", "area"};
        const std::string_view before = previous_word(s, b);
        for (std::string_view r : pointing)
            if (equals_lower(before, r)) return true;
    }
    return false;
}

// Bracket: after a closing bracket, which ends a clause only for delimited labels ("(H&E) B: text").
enum class Boundary { None, Bracket, Weak, Strong };

// What precedes p: the caption start or a sentence/clause end (strong), a comma or dash (weak), ')'.
Boundary boundary_before(std::string_view s, size_t p) {
    size_t e = p;
    while (e > 0 && is_space(s[e - 1])) --e;
    if (e == 0) return Boundary::Strong;
    const char c = s[e - 1];
    if (c == ';' || c == ':' || c == '!' || c == '?') return Boundary::Strong;
    if (c == '.') {
        // "Fig. B" and "et al. A" are not sentence ends.
        const std::string_view word = previous_word(s, e - 1);
        static constexpr std::array<std::string_view, 8> abbreviations = {"fig", "figs", "al", "eg", "ie",
                                                                          "vs", "approx", "ref"};
        for (std::string_view a : abbreviations)
            if (equals_lower(word, a)) return Boundary::None;
        if (word.size() == 1 && e >= 2 && s[e - 2] != ')') {
            // "e.g. a" / "i.e. b": a single letter before the dot is an abbreviation, unless it closes a label.
            if (e >= 3 && s[e - 3] == '.') return Boundary::None;
        }
        return Boundary::Strong;
    }
    if (c == ',') return Boundary::Weak;
    if (dash_length(s, e - 1) == 1 || (e >= 3 && dash_length(s, e - 3) == 3)) return Boundary::Weak;
    if (c == ')') return Boundary::Bracket;
    return Boundary::None;
}

bool followed_by_punctuation(std::string_view s, size_t p) {
    while (p < s.size() && s[p] == ' ') ++p;
    return p >= s.size() || s[p] == ',' || s[p] == ';' || s[p] == '.' || s[p] == ':' || s[p] == ')';
}

// True when the word [p, word_end) could be read as a label by some class: a letter
// with at most two digits, 1-3 digits, a roman numeral, or a position word. Most words
// of a caption fail here, before any class parses them.
bool may_be_label_word(std::string_view s, size_t p, size_t word_end) {
    const size_t length = word_end - p;
    if (length == 1) return true;
    uint8_t rest = kDigit | kRoman;  // classes every byte after the first shares
    for (size_t k = p + 1; k < word_end; ++k) rest &= kByteClasses[static_cast<unsigned char>(s[k])];
    if (rest & kDigit) return length <= 3;  // "B12", "300"
    if ((rest & kRoman) && has_class(s[p], kRoman)) return true;
    return has_class(s[p], kPositionInitial) && length >= 3 && position_word_length(s, p) != 0;
}

// "(see Fig. 2, B)": a note naming a figure points at a panel, it does not label one.
bool names_figure(std::string_view s, size_t begin, size_t end) {
    for (size_t p = begin; p + 3 <= end; ++p)
        if (lower(s[p]) == 'f' && (p == begin || !is_alpha(s[p - 1])) && equals_lower(s.substr(p, 3), "fig")) return true;
    return false;
}

// Appends a candidate whose labels are pool[first_token, end of pool).
void add_candidate(LabelScan& scan, LabelCandidate cand, size_t first_token) {
    cand.first_token = first_token;
    cand.labels.count = scan.tokens.size() - first_token;
    scan.candidates.push_back(cand);
}

// "(PSA; image C)", "(anti-CD34, E-H)", "(WT, A)": a note, then the panels it shows, as the
// last part of a bracket at i. Returns the candidate's end (after ')'), 0 when there is none.
size_t scan_note_labels(std::string_view s, size_t i, LabelScan& scan) {
    const size_t n = s.size();
    size_t q = i + 1;
    while (q < n && q < i + 60 && s[q] != ')' && s[q] != '(') ++q;
    if (q >= n || s[q] != ')') return 0;
    for (size_t r = i + 1; r + 2 < q; ++r) {
        if (!((s[r] == ';' || s[r] == ',') && s[r + 1] == ' ')) continue;
        size_t t = r + 2;
        const bool introduced = starts_with_word(s, t, "image") || starts_with_word(s, t, "panel");
        if (introduced) t += 6;
        const LabelClass cls = t < q && is_upper(s[t]) ? LabelClass::Upper : LabelClass::Lower;
        const size_t mark = scan.tokens.size();
        size_t e = 0;
        if (t < q && (is_upper(s[t]) || (!introduced && is_lower(s[t]))) && parse_label_list(s, t, cls, scan.tokens, e) &&
            e == q && (introduced || !names_figure(s, i + 1, r))) {
            LabelCandidate cand;
            cand.begin = i;
            cand.end = q + 1;
            cand.label_class = cls;
            cand.before_punctuation = followed_by_punctuation(s, q + 1);
            cand.inside_text = !introduced;
            add_candidate(scan, cand, mark);
            return q + 1;
        }
        scan.tokens.resize(mark);
        if (introduced) return 0;
    }
    return 0;
}

// Candidates of a bracket at i ("(A)", "[b]", "(A-C)", "(panel a)", "(C)-(E)"); returns how far they reach (0: none).
size_t scan_bracket(std::string_view s, size_t i, LabelScan& scan) {
    const size_t n = s.size();
    const char c = s[i];
    const char close = c == '(' ? ')' : ']';
    size_t j = i + 1;
    while (j < n && s[j] == ' ') ++j;
    size_t furthest = 0;
    // "Fig2(b)" and "Fe(III)" are references and formulae; "tumorigenesis(a)" is a title glued to its label.
    const bool glued = i > 0 && (is_digit(s[i - 1]) || is_upper(s[i - 1]));
    // "(panel a)", "(image C)": the word only introduces the label.
    for (std::string_view intro : {std::string_view("panels"), std::string_view("panel"), std::string_view("images"),
                                   std::string_view("image")}) {
        if (starts_with_word(s, j, intro) && j + intro.size() < n && s[j + intro.size()] == ' ') {
            j += intro.size() + 1;
            break;
        }
    }
    if (j < n && !glued && !follows_reference_word(s, i)) {
        std::array<LabelClass, 3> classes{};
        const size_t count = classes_at(s[j], classes);
        for (size_t k = 0; k < count; ++k) {
            const size_t mark = scan.tokens.size();
            size_t e = 0;
            if (!parse_label_list(s, j, classes[k], scan.tokens, e)) continue;
            while (e < n && s[e] == ' ') ++e;
            if (e < n && (s[e] == ',' || s[e] == ';') &&
                (classes[k] == LabelClass::Upper || classes[k] == LabelClass::Lower)) {
                // "(C, in red, 200*)": a label followed by notes on that panel.
                size_t q = e + 1;
                while (q < n && q < e + 80 && s[q] != close && s[q] != '(') ++q;
                if (q < n && s[q] == close) e = q;
            }
            // [1]: a citation.
            if (e >= n || s[e] != close || (c == '[' && classes[k] == LabelClass::Digit)) {
                scan.tokens.resize(mark);
                continue;
            }
            // "(C)-(E)": a range written with two bracketed labels.
            if (const size_t d = dash_length(s, e + 1); d && e + 1 + d < n && s[e + 1 + d] == c) {
                LabelToken to;
                size_t te = 0;
                const LabelToken from = scan.tokens[mark];
                if (parse_token(s, e + 2 + d, classes[k], to, te) && te < n && s[te] == close &&
                    scan.tokens.size() - mark == 1 && to.minor == 0 && from.minor == 0 && to.major > from.major &&
                    to.major - from.major < 26 && (classes[k] == LabelClass::Upper || classes[k] == LabelClass::Lower)) {
                    const char base = classes[k] == LabelClass::Upper ? 'A' : 'a';
                    for (int v = from.major + 1; v <= to.major; ++v) {
                        const char letter = static_cast<char>(base + v - 1);
                        scan.tokens.emplace_back(std::string_view(&letter, 1), v, 0);
                    }
                    e = te;
                }
            }
            LabelCandidate cand;
            cand.begin = i;
            cand.end = e + 1;
            cand.style = MarkerStyle::Paren;
            cand.label_class = classes[k];
            cand.after_boundary = boundary_before(s, i) == Boundary::Strong;
            cand.before_punctuation = followed_by_punctuation(s, e + 1);
            add_candidate(scan, cand, mark);
            furthest = std::max(furthest, e + 1);
        }
    }
    if (furthest == 0 && c == '(' && !glued) furthest = scan_note_labels(s, i, scan);
    return furthest;
}

// Candidates of a bare or closing-bracket marker at the word starting at i ("A.", "a Text", "B)", "Upper left:").
size_t scan_word(std::string_view s, size_t i, size_t word_end, int depth, bool glued_to_word, LabelScan& scan) {
    const size_t n = s.size();
    if (!may_be_label_word(s, i, word_end)) return 0;
    Boundary boundary = boundary_before(s, i);
    // "(A) B. subtilis": a label's own bracket does not end a clause.
    if (boundary == Boundary::Bracket && !scan.candidates.empty()) {
        size_t e = i;
        while (e > 0 && is_space(s[e - 1])) --e;
        if (scan.candidates.back().end == e) boundary = Boundary::None;
    }
    std::array<LabelClass, 3> classes{};
    const size_t count = classes_at(s[i], classes);
    size_t furthest = 0;
    for (size_t k = 0; k < count; ++k) {
        const LabelClass cls = classes[k];
        const size_t mark = scan.tokens.size();
        size_t e = 0;
        if (!parse_label_list(s, i, cls, scan.tokens, e)) continue;
        const TokenRange labels{scan.tokens.data() + mark, scan.tokens.size() - mark};
        LabelCandidate cand;
        cand.begin = i;
        cand.label_class = cls;
        cand.after_boundary = boundary == Boundary::Strong;
        bool ok = false;
        if (glued_to_word && !(e < n && s[e] == ')')) {
            ok = false;
        } else if (e < n && s[e] == ')' && depth == 0 && cls != LabelClass::Position) {
            // "A) text" or "(B) and C) text": a closing bracket without an opening one.
            ok = !follows_reference_word(s, i);
            cand.style = MarkerStyle::Paren;
            cand.end = e + 1;
        } else if (boundary != Boundary::None && cls != LabelClass::Digit) {
            cand.style = MarkerStyle::Bare;
            size_t d = 0;
            if (e < n && (s[e] == '.' || s[e] == ':') && (e + 1 == n || is_space(s[e + 1]))) {
                ok = true;  // "A. text", "a: text"
                cand.end = e + 1;
            } else if (e + 1 < n && s[e] == ' ' && (d = dash_length(s, e + 1)) != 0 &&
                       (e + 1 + d == n || s[e + 1 + d] == ' ')) {
                ok = true;  // "A - text", "a – text"
                cand.end = e + 1 + d;
            } else if (e + 1 < n && s[e] == ',' && s[e + 1] == ' ' && boundary == Boundary::Strong &&
                       (cls == LabelClass::Upper || cls == LabelClass::Lower) && labels.size() == 1) {
                ok = true;  // "A, prostate tumor; B, thyroid tumor"
                cand.end = e + 1;
            } else if (e + 1 < n && s[e] == ' ' && cls != LabelClass::Position && boundary != Boundary::Bracket) {
                // Nature style "a Text". "A", "a" and "I" are also words, so after them the
                // next word must not read on as a sentence ("A representative", "a total of").
                const char next = s[e + 1];
                const LabelToken& only = labels.front();
                const bool word_like = labels.size() == 1 && only.length == 1 &&
                                       (lower(only.chars[0]) == 'a' || lower(only.chars[0]) == 'i');
                const bool starts_text = is_alnum(next) || next == '(' || next == '*' || next == '"' ||
                                         static_cast<unsigned char>(next) >= 0x80;
                const bool upper_ok = cls == LabelClass::Lower || cls == LabelClass::RomanLower ||
                                      boundary == Boundary::Strong;
                // After a comma "a" is the article (", a 4-mm metastasis").
                const bool article_risk = word_like && (is_lower(next) || boundary == Boundary::Weak ||
                                                        (is_upper(only.chars[0]) && is_digit(next)));
                ok = starts_text && !article_risk && upper_ok;
                cand.end = e;
            }
        }
        if (!ok) {
            scan.tokens.resize(mark);
            continue;
        }
        cand.before_punctuation = followed_by_punctuation(s, cand.end);
        furthest = std::max(furthest, cand.end);
        add_candidate(scan, cand, mark);
    }
    return furthest;
}

}  // namespace

void scan_label_candidates(std::string_view s, size_t max_candidates, LabelScan& scan) {
    scan.candidates.clear();
    scan.tokens.clear();
    const size_t n = s.size();
    int depth = 0;
    for (size_t i = 0; i < n && scan.candidates.size() < max_candidates; ++i) {
        const char c = s[i];
        if (c == ')') {
            if (depth > 0) --depth;
            continue;
        }
        if (c == '(' || c == '[') {
            const size_t furthest = scan_bracket(s, i, scan);
            if (furthest > 0) i = furthest - 1;
            else if (c == '(') ++depth;
            continue;
        }
        if (!is_alnum(c)) continue;
        bool glued_to_word = false;
        if (i > 0) {
            // A label starts a word: after a space, a clause mark or a dash ("cancer.A. Photographs", "(a,b)—the").
            const char p = s[i - 1];
            // "tissuesA) Evaluation": a title glued to an upper-case label with a bracket.
            glued_to_word = is_lower(p) && is_upper(c);
            const bool starts_word = is_space(p) || p == '.' || p == ';' || p == ':' || p == ',' || glued_to_word ||
                                     (static_cast<unsigned char>(p) >= 0x80 && i >= 3 && dash_length(s, i - 3) == 3);
            if (!starts_word) continue;
        }
        // Labels are short words ("B", "B12", "viii", "300", "Upper"): skip longer ones without parsing.
        // A capital glued to lower case ends the word: "tissuesA)" still gets its chance.
        auto word_goes_on = [&](size_t at) { return at < n && is_alnum(s[at]) && !(is_upper(s[at]) && is_lower(s[at - 1])); };
        size_t word_end = i + 1;
        while (word_goes_on(word_end) && word_end - i <= 7) ++word_end;
        if (word_end - i > 7) {
            i = word_end - 1;
            while (word_goes_on(i + 1)) ++i;
            continue;
        }
        const size_t furthest = scan_word(s, i, word_end, depth, glued_to_word, scan);
        // No later byte of this word can start a label, so the scan resumes at its end.
        i = std::max(furthest, word_end) - 1;
    }
    for (LabelCandidate& cand : scan.candidates) cand.labels.first = scan.tokens.data() + cand.first_token;
}

}  // namespace pubforge::text::detail
