// Finds panel-label candidates in a caption: a hand-written scanner (one pass, no regex) for speed.
#include "label_scan.hpp"

#include "label_chars.hpp"
#include "label_tokens.hpp"

#include <array>
#include <cctype>
#include <cstdio>

namespace pubforge::text::detail {
namespace {

// The lower-case word ending just before p (skipping spaces); "" if none.
std::string_view previous_word(std::string_view s, size_t p, size_t* word_begin = nullptr) {
    size_t e = p;
    while (e > 0 && s[e - 1] == ' ') --e;
    size_t b = e;
    while (b > 0 && is_alpha(s[b - 1])) --b;
    if (word_begin) *word_begin = b;
    return s.substr(b, e - b);
}

// True when the word before p is "and".
bool follows_and(std::string_view s, size_t p) { return equals_lower(previous_word(s, p), "and"); }

// True when p opens the caption or follows ". " / "; " / ": ".
bool starts_sentence(std::string_view s, size_t p) {
    size_t e = p;
    while (e > 0 && is_space(s[e - 1])) --e;
    return e == 0 || s[e - 1] == '.' || s[e - 1] == ';' || s[e - 1] == ':';
}

// "as in (A)", "Fig. 2 (B)", "panel C)": a reference to a panel, not the start of one.
bool follows_reference_word(std::string_view s, size_t p) {
    size_t b = 0;
    const std::string_view word = previous_word(s, p, &b);
    static constexpr std::array<std::string_view, 13> refs = {"fig",  "figs", "figure", "figures", "panel",
                                                              "panels", "see", "cf",   "as",      "vs",
                                                              "versus", "than", "compare"};
    for (std::string_view r : refs) {
        if (!equals_lower(word, r)) continue;
        // "Panel (B) shows ..." opening a sentence introduces the panel it names.
        if ((equals_lower(word, "panel") || equals_lower(word, "panels")) && is_upper(s[b]) && starts_sentence(s, b))
            return false;
        return true;
    }
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
    if (c == 'd' || c == 'r') {
        // "A, anterior; B, posterior; and D, ventral": "and"/"or" after a clause mark keeps it.
        size_t w = 0;
        const std::string_view word = previous_word(s, e, &w);
        if ((equals_lower(word, "and") || equals_lower(word, "or")) && w > 0 && w < e) {
            const Boundary before = boundary_before(s, w);
            if (before == Boundary::Strong || before == Boundary::Weak) return before;
        }
    }
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

// "(I, II, III-IV)", "(F7, L24, S26, ...)": after a comma comes another label-like token, so the
// bracket is a list of numerals or residues, not one label followed by notes on its panel.
bool continues_with_label(std::string_view s, size_t p) {
    while (p < s.size() && s[p] == ' ') ++p;
    if (p >= s.size() || !is_alnum(s[p])) return false;
    size_t q = p;
    while (q < s.size() && is_alnum(s[q])) ++q;
    if (q - p > 4 || !may_be_label_word(s, p, q)) return false;
    if (q >= s.size() || s[q] == ',' || s[q] == ')' || s[q] == ';') return true;
    // "III-IV" goes on as a range; "1- urinary bladder" is a numbered note.
    const size_t d = dash_length(s, q);
    return d != 0 && q + d < s.size() && is_alnum(s[q + d]);
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
        if (!((s[r] == ';' || s[r] == ',' || s[r] == ':') && s[r + 1] == ' ')) continue;
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
    const bool glued = i > 0 && (is_digit(s[i - 1]) || is_upper(s[i - 1]) || (s[i - 1] == '-' && i > 1 && is_alnum(s[i - 2])));
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
            // "(a.)": a label with its period inside the bracket.
            if (e + 1 < n && s[e] == '.' && s[e + 1] == close) ++e;
            if (e < n && (s[e] == ',' || s[e] == ';') &&
                (classes[k] == LabelClass::Upper || classes[k] == LabelClass::Lower) &&
                !continues_with_label(s, e + 1)) {
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
    // "i.e.", "e.g.", "S.D.": the second letter of a dotted abbreviation.
    if (i >= 2 && s[i - 1] == '.' && is_alpha(s[i - 2]) && (i == 2 || !is_alpha(s[i - 3])) && word_end == i + 1 &&
        word_end < n && s[word_end] == '.')
        return 0;
    Boundary boundary = boundary_before(s, i);
    // "(A) B. subtilis": a label's own bracket does not end a clause.
    if (boundary == Boundary::Bracket && !scan.candidates.empty()) {
        size_t e = i;
        while (e > 0 && is_space(s[e - 1])) --e;
        if (scan.candidates.back().end == e) boundary = Boundary::None;
    }
    // "(a: patients vs. controls; b: ...)": a bracket opening with a label and a colon.
    if (boundary == Boundary::None && word_end < n && s[word_end] == ':' && i > 0 && s[i - 1] == '(')
        boundary = Boundary::Strong;
    // "A, latex endocast and B, interpretation": "and" before a delimited capital joins two panels.
    if (boundary == Boundary::None && is_upper(s[i]) && i + 2 < n && s[i + 1] == ',' && s[i + 2] == ' ' && follows_and(s, i))
        boundary = Boundary::Weak;
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
            } else if (e + 1 < n && s[e] == ',' && s[e + 1] == ' ' &&
                       (boundary == Boundary::Strong || (cls == LabelClass::Upper && follows_and(s, i))) &&
                       (cls == LabelClass::Upper || cls == LabelClass::Lower)) {
                ok = true;  // "A, prostate tumor; B, thyroid tumor", "A–B, dorsal view"
                cand.end = e + 1;
            } else if (e + 1 < n && s[e] == ';' && s[e + 1] == ' ' && boundary == Boundary::Strong &&
                       (cls == LabelClass::Upper || cls == LabelClass::Lower) && labels.size() > 1) {
                ok = true;  // "C–D; radius in lateral view"
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
        if (!ok && (!glued_to_word || cls == LabelClass::Digit) && depth == 0 && labels.size() == 1 &&
            labels.front().minor == 0) {
            // Run-in labels, kept apart: the splitter uses them only when most of a chain is
            // written so ("Male genitalia: A segments IX-X, lateral B segments VII-VIII ...",
            // "in four steps. 1. Positioning of the loop 2. After placement ...").
            if (cls == LabelClass::Upper && !glued_to_word && e + 1 < n && s[e] == ' ' && is_alnum(s[e + 1])) {
                ok = true;
                cand.end = e;
            } else if (cls == LabelClass::Digit && e + 2 < n && s[e] == '.' && s[e + 1] == ' ' && is_upper(s[e + 2])) {
                ok = true;
                cand.end = e + 1;
            } else if (cls == LabelClass::Digit && !glued_to_word && e + 1 < n && s[e] == ' ') {
                // "1 holotype, dorsal view 2 same, ventral view": a number before a word of three or more
                // letters (not "2 h", "5 mg"); the splitter takes these only in a long run opening the caption.
                size_t w = e + 1;
                while (w < n && is_alpha(s[w])) ++w;
                ok = w - (e + 1) >= 3 && (w == n || !is_digit(s[w]));
                cand.end = e;
                cand.bare_number = ok;
            }
            cand.style = MarkerStyle::Bare;
            // Numbered items at a sentence start too: "Note: 1. ... 2. ..." are notes unless a run follows.
            cand.run_in = ok;
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
            // "Capsular incision2. Cyst resection": a number glued the same way (a run-in candidate only).
            glued_to_word = is_lower(p) && (is_upper(c) || is_digit(c));
            const bool starts_word = is_space(p) || p == '.' || p == ';' || p == ':' || p == ',' || glued_to_word ||
                                     (p == '(' && i + 1 < n && s[i + 1] == ':') ||
                                     (static_cast<unsigned char>(p) >= 0x80 && i >= 3 && dash_length(s, i - 3) == 3);
            if (!starts_word) continue;
        }
        // Labels are short words ("B", "B12", "viii", "300", "Upper"): skip longer ones without parsing.
        // A capital glued to lower case ends the word: "tissuesA)" still gets its chance.
        // So does a number after lower case followed by ". " ("incision2. Cyst").
        auto word_goes_on = [&](size_t at) {
            if (at >= n || !is_alnum(s[at])) return false;
            if (is_upper(s[at]) && is_lower(s[at - 1])) return false;
            return !(is_digit(s[at]) && is_lower(s[at - 1]) && at + 2 < n && s[at + 1] == '.' && s[at + 2] == ' ');
        };
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
