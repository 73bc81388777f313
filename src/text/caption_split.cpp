// Caption splitting: picks one consistent label family among the candidates, then cuts the caption around it.
#include "pubforge/text/caption_split.hpp"

#include <algorithm>
#include <array>

#include "caption_pieces.hpp"
#include "label_scan.hpp"
#include "label_tokens.hpp"
#include "pubforge/text/utf8.hpp"

namespace pubforge::text {
namespace {

using detail::LabelCandidate;
using detail::LabelClass;
using detail::LabelToken;
using detail::MarkerStyle;
using detail::label_key;
using detail::MarkerSpan;
using detail::Piece;
using detail::applies_to_all_panels;
using detail::sentence_start_of;
using detail::sentence_starts;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// The labels one caption uses: a chain of candidates of one family, ascending.
struct Chain {
    std::vector<const LabelCandidate*> markers;
    const std::vector<LabelCandidate>* candidates = nullptr;  // every candidate of the scan, chain or not
    size_t label_count = 0;
    size_t gaps = 0;
    bool starts_at_first = false;
    double score = -1;
};

bool is_first_label(const LabelToken& t) { return t.major == 1 && t.minor <= 1; }

// "B" after "A", "B1" after "A", "C" after "B3", "B2" after "B1".
bool is_successor(const LabelToken& last, const LabelToken& next) {
    if (next.major == last.major + 1 && next.minor <= 1) return true;
    return next.major == last.major && next.minor == last.minor + 1;
}

size_t missing_between(const LabelToken& last, const LabelToken& next) {
    if (next.major > last.major + 1) return static_cast<size_t>(next.major - last.major - 1);
    if (next.major == last.major && next.minor > last.minor + 1) return static_cast<size_t>(next.minor - last.minor - 1);
    return 0;
}

// Walks one family's candidates in text order building the caption's label
// sequence: a label already used ("as in (A)" after (B)) is a reference; a label
// that jumps ahead while a later candidate fills the gap is a forward reference.
// Lists that skip labels ("A and C: 100X. B and D: 300X") leave holes that a
// later candidate may fill.
Chain walk_sequence(const std::vector<const LabelCandidate*>& family) {
    Chain chain;
    size_t start = 0;
    for (size_t j = 0; j < family.size(); ++j) {
        if (is_first_label(family[j]->labels.front())) {
            start = j;
            chain.starts_at_first = true;
            break;
        }
    }
    std::vector<long> used;   // keys of accepted labels
    std::vector<long> holes;  // keys skipped by a list, still expected
    auto accept = [&](const LabelCandidate* c) {
        for (size_t k = 0; k < c->labels.size(); ++k) {
            const long key = label_key(c->labels[k]);
            holes.erase(std::remove(holes.begin(), holes.end(), key), holes.end());
            used.push_back(key);
            if (k > 0 && c->labels[k].minor == 0 && c->labels[k - 1].minor == 0)
                for (int m = c->labels[k - 1].major + 1; m < c->labels[k].major; ++m)
                    if (std::find(used.begin(), used.end(), static_cast<long>(m) * 1000) == used.end())
                        holes.push_back(static_cast<long>(m) * 1000);
        }
        chain.markers.push_back(c);
    };
    accept(family[start]);
    LabelToken last = family[start]->labels.back();
    for (size_t j = start + 1; j < family.size(); ++j) {
        const LabelCandidate* c = family[j];
        bool fresh = true;
        for (const LabelToken& t : c->labels)
            fresh = fresh && std::find(used.begin(), used.end(), label_key(t)) == used.end();
        if (!fresh) continue;
        const LabelToken& first = c->labels.front();
        // "B, ... femur in dorsal (B1), medial (B2) ... views": sub-labels of a panel whose own
        // label was already given are parts of that panel's text, not panels.
        if (first.minor > 0 && std::find(used.begin(), used.end(), static_cast<long>(first.major) * 1000) != used.end())
            continue;
        const bool fills_hole = std::find(holes.begin(), holes.end(), label_key(first)) != holes.end();
        if (!fills_hole) {
            if (label_key(first) <= label_key(last)) continue;
            // "(H4)" after G: a sub-label of a panel never given is a slip, not a panel.
            if (first.minor > 1 && first.major != last.major) continue;
            if (!is_successor(last, first)) {
                // A label that comes again later is a forward reference here ("compare (C)" before "(B)").
                bool repeated_later = false;
                bool filled_later = false;
                for (size_t k = j + 1; k < family.size(); ++k) {
                    // Only a later marker that opens with this label repeats it: "(C-F)" in a closing
                    // note does not make "rostral (E)" a forward reference.
                    repeated_later = repeated_later || label_key(family[k]->labels.front()) == label_key(first);
                    for (const LabelToken& t : family[k]->labels) {
                        filled_later = filled_later || (label_key(t) > label_key(last) && label_key(t) < label_key(first));
                    }
                }
                // A long jump is a stray letter ("Elsevier B.V.", "L: lumen"), not a missing panel.
                if (repeated_later || missing_between(last, first) > 2) continue;
                if (filled_later) {
                    // Panels described out of order ("(a,b) ... (d,e) ... (c)"): the skipped ones become holes.
                    if (first.minor == 0 && last.minor == 0)
                        for (int m = last.major + 1; m < first.major; ++m) holes.push_back(static_cast<long>(m) * 1000);
                } else {
                    chain.gaps += missing_between(last, first);
                }
            }
        }
        accept(c);
        if (label_key(c->labels.back()) > label_key(last)) last = c->labels.back();
    }
    chain.gaps += holes.size();
    // Panels named before the first label ("areas of necrosis (B) and intervillous space (C) were
    // measured by overlaying a grid (A) ..."): earlier candidates that fill what the chain skipped.
    if (start > 0 && chain.gaps > 0) {
        for (size_t j = 0; j < start; ++j) {
            const LabelCandidate* c = family[j];
            bool fills = true;
            for (const LabelToken& t : c->labels)
                fills = fills && t.minor == 0 && label_key(t) < label_key(last) &&
                        std::find(used.begin(), used.end(), label_key(t)) == used.end();
            if (!fills || c->labels.size() > chain.gaps) continue;
            for (const LabelToken& t : c->labels) used.push_back(label_key(t));
            chain.gaps -= c->labels.size();
            chain.markers.insert(chain.markers.begin(), c);
        }
        std::sort(chain.markers.begin(), chain.markers.end(),
                  [](const LabelCandidate* a, const LabelCandidate* b) { return a->begin < b->begin; });
    }
    for (const LabelCandidate* m : chain.markers) chain.label_count += m->labels.size();
    return chain;
}

// Position words have no order: keep the first marker of each distinct word.
Chain collect_positions(const std::vector<const LabelCandidate*>& family) {
    Chain chain;
    std::vector<std::string_view> seen;
    for (const LabelCandidate* c : family) {
        bool fresh = true;
        for (const LabelToken& t : c->labels)
            fresh = fresh && std::find(seen.begin(), seen.end(), t.text()) == seen.end();
        if (!fresh) continue;
        for (const LabelToken& t : c->labels) seen.push_back(t.text());
        chain.markers.push_back(c);
    }
    chain.label_count = seen.size();
    chain.starts_at_first = true;
    return chain;
}

double chain_score(const Chain& chain, LabelClass cls) {
    if (chain.label_count < 2) return -1;
    // Labels that do not start the sequence ("(B) and (C)" in running text, "T1: ... T2:") are references or names.
    if (!chain.starts_at_first && (chain.label_count < 3 || chain.markers.front()->labels.front().major > 3)) return -1;
    if (cls == LabelClass::Digit && !chain.starts_at_first) return -1;
    // Numbers written as ranges ("(1-8) in the x axis", "(9-16)") count as few panels: at most two per marker.
    const size_t counted = cls == LabelClass::Digit ? std::min(chain.label_count, 2 * chain.markers.size())
                                                     : chain.label_count;
    double score = static_cast<double>(counted) + (chain.starts_at_first ? 2.0 : 0.0) -
                   1.5 * static_cast<double>(chain.gaps);
    for (const LabelCandidate* m : chain.markers) score += m->after_boundary ? 0.2 : 0.0;
    for (const LabelCandidate* m : chain.markers) score += m->style == MarkerStyle::Paren ? 0.05 : 0.0;
    // Digits and positions are the last resort: letters win when both read well.
    if (cls == LabelClass::Digit || cls == LabelClass::Position) score -= 2.0;
    if (cls == LabelClass::RomanLower || cls == LabelClass::RomanUpper) score -= 0.5;
    return score;
}

// A chain of run-in labels ("A segments IX-X, lateral B segments ...") is taken only when it
// starts at the first label, skips none, has three or more, and most of its markers are run-in:
// one "hepatitis C" after "(A)" and "(B)" is a word, not a panel.
// Two labels are enough when the first opens a sentence and each opens a capitalised text
// ("... americana. A General habitus, note the mine (arrow) B Leaf damage by larvae").
bool run_in_chain_holds(const Chain& chain, std::string_view text) {
    if (!chain.starts_at_first || chain.gaps > 0 || chain.label_count < 2) return false;
    size_t run_in = 0;
    bool capitalised = true;
    bool bare_numbers = false;
    for (const LabelCandidate* m : chain.markers) {
        run_in += m->run_in ? 1 : 0;
        bare_numbers = bare_numbers || m->bare_number;
        capitalised = capitalised && m->end + 1 < text.size() && text[m->end] == ' ' && is_upper(text[m->end + 1]);
    }
    // Numbers without periods ("1 holotype, dorsal view 2 same, ventral view 3 ...") are also counts
    // in running text ("1 day, 2 weeks"): only a run of four or more in a caption that opens with "1".
    if (bare_numbers && (chain.label_count < 4 || text.empty() || text[0] != '1' || (text.size() > 1 && is_digit(text[1]))))
        return false;
    if (chain.label_count == 2)
        return run_in >= 1 && capitalised && chain.markers.front()->after_boundary &&
               chain.markers.front()->label_class != LabelClass::Digit;
    return run_in >= 2 && 2 * run_in >= chain.markers.size();
}

Chain choose_chain(const std::vector<LabelCandidate>& candidates, std::string_view text) {
    // One family per alphabet: "(a) ... b Text" mixes bracket and bare markers of one sequence.
    std::array<std::vector<const LabelCandidate*>, detail::kLabelClassCount> families;
    std::array<std::vector<const LabelCandidate*>, detail::kLabelClassCount> with_run_in;
    bool any_run_in = false;
    for (const LabelCandidate& c : candidates) {
        with_run_in[static_cast<size_t>(c.label_class)].push_back(&c);
        if (!c.run_in) families[static_cast<size_t>(c.label_class)].push_back(&c);
        any_run_in = any_run_in || c.run_in;
    }
    Chain best;
    for (size_t key = 0; key < families.size(); ++key) {
        const std::vector<const LabelCandidate*>& family = families[key];
        const auto cls = static_cast<LabelClass>(key);
        Chain chain;
        if (!family.empty()) chain = cls == LabelClass::Position ? collect_positions(family) : walk_sequence(family);
        if (any_run_in && with_run_in[key].size() > family.size()) {
            // Numbers without a period ("3 loops") first left out; tried only when the periods do not hold.
            std::vector<const LabelCandidate*> dotted;
            for (const LabelCandidate* c : with_run_in[key])
                if (!c->bare_number) dotted.push_back(c);
            Chain run = dotted.size() > family.size() ? walk_sequence(dotted) : Chain{};
            if (run_in_chain_holds(run, text) && run.label_count > chain.label_count) {
                chain = std::move(run);
            } else if (dotted.size() < with_run_in[key].size()) {
                Chain numbers = walk_sequence(with_run_in[key]);
                if (run_in_chain_holds(numbers, text) && numbers.label_count > chain.label_count) chain = std::move(numbers);
            }
        }
        if ((cls == LabelClass::Upper || cls == LabelClass::Lower) && chain.gaps > 0 && !chain.markers.empty()) {
            // "(c) Effect on SOD. D. Effect on GPx. (e) ...": one label typed in the other case
            // fills the gap when it opens a sentence on its own.
            const LabelClass other = cls == LabelClass::Upper ? LabelClass::Lower : LabelClass::Upper;
            std::vector<const LabelCandidate*> mixed = family;
            for (const LabelCandidate* c : families[static_cast<size_t>(other)])
                if (c->style == MarkerStyle::Bare && c->after_boundary && c->labels.size() == 1) mixed.push_back(c);
            std::sort(mixed.begin(), mixed.end(),
                      [](const LabelCandidate* a, const LabelCandidate* b) { return a->begin < b->begin; });
            Chain fixed = walk_sequence(mixed);
            size_t other_markers = 0;
            for (const LabelCandidate* m : fixed.markers) other_markers += m->label_class == other ? 1 : 0;
            if (other_markers == 1 && fixed.gaps < chain.gaps && fixed.label_count == chain.label_count + 1)
                chain = std::move(fixed);
        }
        if (chain.markers.empty()) continue;
        chain.score = chain_score(chain, cls);
        if (chain.score > best.score) best = std::move(chain);
    }
    return best;
}

size_t dash_at(std::string_view s, size_t p) {
    if (p >= s.size()) return 0;
    if (s[p] == '-') return 1;
    if (p + 2 < s.size() && static_cast<unsigned char>(s[p]) == 0xE2 &&
        ((static_cast<unsigned char>(s[p + 1]) == 0x80 && static_cast<unsigned char>(s[p + 2]) >= 0x90 &&
          static_cast<unsigned char>(s[p + 2]) <= 0x95)))
        return 3;
    return 0;
}

bool word_at(std::string_view s, size_t p, size_t end, std::string_view word) {
    if (p + word.size() > end) return false;
    for (size_t k = 0; k < word.size(); ++k)
        if (lower(s[p + k]) != word[k]) return false;
    return p + word.size() == end || is_space(s[p + word.size()]);
}

// Shrinks [begin, end) past spaces and joining punctuation: ", and", "—", ";".
std::pair<size_t, size_t> trim_connectors(std::string_view s, size_t begin, size_t end) {
    for (bool moved = true; moved && begin < end;) {
        moved = false;
        // ')' is the rest of "((a), (b)) text", where brackets wrap a list of labels.
        while (begin < end && (is_space(s[begin]) || s[begin] == ',' || s[begin] == ';' || s[begin] == ':' ||
                               s[begin] == '.' || s[begin] == '&' || s[begin] == ')')) {
            ++begin;
            moved = true;
        }
        if (const size_t d = dash_at(s, begin); d && begin + d <= end) {
            begin += d;
            moved = true;
        }
        for (std::string_view w : {std::string_view("and"), std::string_view("or")}) {
            if (word_at(s, begin, end, w)) {
                begin += w.size();
                moved = true;
            }
        }
    }
    for (bool moved = true; moved && end > begin;) {
        moved = false;
        while (end > begin && (is_space(s[end - 1]) || s[end - 1] == ',' || s[end - 1] == ';' || s[end - 1] == '(')) {
            --end;
            moved = true;
        }
        if (end - begin >= 4 && is_space(s[end - 4]) && word_at(s, end - 3, end, "and")) {
            end -= 3;
            moved = true;
        }
    }
    return {begin, end};
}

// Text of [begin, end) without the chain's own markers, cleaned for output: one
// pass into one string (a marker reads as a space), then trimmed in place.
std::string render(std::string_view s, size_t begin, size_t end, const Chain& chain) {
    std::string out;
    out.reserve(end > begin ? end - begin : 0);
    bool pending_space = false;
    size_t p = begin;
    for (const LabelCandidate* m : chain.markers) {
        if (m->end <= begin || m->begin >= end) continue;
        if (m->begin > p) append_clean_text(out, s.substr(p, m->begin - p), pending_space);
        pending_space = pending_space || !out.empty();
        p = std::max(p, m->end);
    }
    if (p < end) append_clean_text(out, s.substr(p, end - p), pending_space);
    const auto [b, e] = trim_connectors(out, 0, out.size());
    out.erase(e);
    out.erase(0, b);
    return out;
}

// A bracket opening with a lone letter in [begin, end): "(A, D, G, J)", "(C)", "[b-d]", "(A and C: 100x)";
// not "(arrows)" or "(-)".
bool names_panel_in_brackets(std::string_view s, size_t begin, size_t end) {
    for (size_t p = begin; p + 2 < end; ++p) {
        if (s[p] != '(' && s[p] != '[') continue;
        const char letter = s[p + 1];
        const char next = s[p + 2];
        if (((letter >= 'A' && letter <= 'Z') || (letter >= 'a' && letter <= 'z')) &&
            (next == ')' || next == ']' || next == ',' || next == ' ' || next == '-' || next == ':' || is_digit(next) ||
             static_cast<unsigned char>(next) == 0xE2))
            return true;
    }
    return false;
}

// The chain markers holding a label, by key; false when a label is not the chain's.
bool owners_of(const Chain& chain, const detail::TokenRange& labels, std::vector<size_t>& owners) {
    for (const LabelToken& t : labels) {
        bool found = false;
        for (size_t k = 0; k < chain.markers.size() && !found; ++k)
            for (const LabelToken& own : chain.markers[k]->labels)
                if (label_key(own) == label_key(t) || (own.major == t.major && own.minor == 0 && t.minor > 0)) {
                    if (std::find(owners.begin(), owners.end(), k) == owners.end()) owners.push_back(k);
                    found = true;
                    break;
                }
        if (!found) return false;
    }
    return true;
}

// A sentence [begin, end) naming panels of the chain other than the last one, in brackets ("(D, G)", "(A)")
// or opening with "In A," / "In C and D,"; `owners` gets their marker indexes.
bool names_earlier_panels(std::string_view text, size_t begin, size_t end, const Chain& chain, std::vector<size_t>& owners) {
    const detail::LabelClass cls = chain.markers.front()->label_class;
    if (cls != detail::LabelClass::Upper && cls != detail::LabelClass::Lower) return false;
    for (const LabelCandidate& c : *chain.candidates) {
        if (c.begin < begin || c.end > end || c.label_class != cls) continue;
        // "B: Infratentorial SE show ...": a sentence opening with a label is that panel's own.
        if (c.begin == begin) return false;
        if (c.style != MarkerStyle::Paren) continue;
        if (!owners_of(chain, c.labels, owners)) return false;
    }
    if (text.compare(begin, 3, "In ") == 0) {
        thread_local std::vector<LabelToken> pool;
        pool.clear();
        size_t e = 0;
        size_t p = begin + 3;
        if (text.compare(p, 7, "panels ") == 0) p += 7;
        else if (text.compare(p, 6, "panel ") == 0) p += 6;
        if (detail::parse_label_list(text, p, cls, pool, e) && e < end && text[e] == ',' &&
            !owners_of(chain, detail::TokenRange{pool.data(), pool.size()}, owners))
            return false;
    }
    const size_t last = chain.markers.size() - 1;
    return !owners.empty() && std::find(owners.begin(), owners.end(), last) == owners.end();
}

// Right after a word: "vertebrae in (C)", not "tissues: (A)", "cancer.(a)" or "(A)" opening the caption.
bool follows_word(std::string_view s, size_t begin) {
    size_t e = begin;
    while (e > 0 && is_space(s[e - 1])) --e;
    return e > 0 && ((s[e - 1] >= 'a' && s[e - 1] <= 'z') || (s[e - 1] >= 'A' && s[e - 1] <= 'Z'));
}

// A label written after its text, inside a clause: after a word and followed by punctuation or
// "and"/"or" ("interleukin-1 (A), interleukin-10 (B)", "Strong (A) and weak (B) XIAP"). Not
// "(A) Bone marrow (B) Liver": there the label comes first, with its text after it.
// Also when the label's sentence began after the previous label ("(A) Survival. Levels are shown
// for (B) co-infected and (C) ..."): the words before it are its own, not the previous panel's.
bool written_inline(std::string_view s, size_t begin, size_t end, size_t previous_end) {
    size_t e = begin;
    while (e > 0 && is_space(s[e - 1])) --e;
    if (e == 0) return false;
    const char c = s[e - 1];
    if (c == '.' || c == ';' || c == ':' || c == ',' || c == '!' || c == '?' || c == '(' || c == '[' || c == '-') return false;
    if (e >= 3 && static_cast<unsigned char>(s[e - 3]) == 0xE2 && static_cast<unsigned char>(s[e - 2]) == 0x80) return false;
    size_t q = end;
    while (q < s.size() && is_space(s[q])) ++q;
    if (q >= s.size()) return true;
    // XEXP if (previous_end > 0 && sentence_start_of(s, previous_end, begin) > previous_end) return true;
    const char next = s[q];
    if (next == ',' || next == ';' || next == '.' || next == ':' || next == ')') return true;
    return word_at(s, q, s.size(), "and") || word_at(s, q, s.size(), "or");
}

// A marker listing only sub-labels of one letter ("E1 and E2", "B1-B3"): one panel in parts.
bool is_one_panel_in_parts(const detail::TokenRange& labels) {
    if (labels.size() < 2 || labels.front().major == 0) return false;
    for (const LabelToken& t : labels)
        if (t.minor == 0 || t.major != labels.front().major) return false;
    return true;
}

void append_shared(std::string& shared, const std::string& part) {
    if (part.empty()) return;
    if (!shared.empty()) shared += ' ';
    shared += part;
}

std::string describe_gap(const Chain& chain) {
    std::string missing;
    for (size_t k = 1; k < chain.markers.size(); ++k) {
        const LabelToken& last = chain.markers[k - 1]->labels.back();
        const LabelToken& next = chain.markers[k]->labels.front();
        if (missing_between(last, next) == 0) continue;
        if (!missing.empty()) missing += ", ";
        missing += "between ";
        missing += last.text();
        missing += " and ";
        missing += next.text();
    }
    return missing;
}

// The label chain split_caption cuts around, shortened to options.max_labels labels (`too_many` then
// set); no markers when the caption is not split. Points into a per-thread scan buffer whose capacity
// is reused, so warm calls allocate nothing for candidates; valid until the thread's next call.
Chain chosen_chain(std::string_view text, const SplitOptions& options, bool& too_many) {
    thread_local detail::LabelScan scan;
    detail::scan_label_candidates(text, options.max_labels * 4, scan);
    Chain chain = choose_chain(scan.candidates, text);
    chain.candidates = &scan.candidates;
    too_many = false;
    if (chain.score < 0) return {};
    size_t labels = 0;
    for (size_t k = 0; k < chain.markers.size(); ++k) {
        labels += chain.markers[k]->labels.size();
        if (labels > options.max_labels) {
            chain.markers.resize(k);
            too_many = true;
            break;
        }
    }
    if (chain.markers.size() < 2 && labels < 2) chain.markers.clear();
    return chain;
}

// How many subcaptions a marker gives: one for "(E1 and E2)" (a panel in parts), else one per label.
size_t subcaptions_of(const LabelCandidate& marker) {
    return is_one_panel_in_parts(marker.labels) ? 1 : marker.labels.size();
}

std::string_view limited(std::string_view caption, const SplitOptions& options) {
    return caption.size() > options.max_bytes ? caption.substr(0, utf8_floor(caption, options.max_bytes)) : caption;
}

}  // namespace

CaptionSplit split_caption(std::string_view caption, const SplitOptions& options) {
    CaptionSplit result;
    const std::string_view text = limited(caption, options);
    if (text.size() < caption.size()) {
        result.warnings.push_back("caption.truncated: " + std::to_string(caption.size()) + " bytes, split on the first " +
                                  std::to_string(text.size()));
    }
    if (!is_valid_utf8(text)) result.warnings.push_back("caption.invalid-utf8: ill-formed bytes replaced by U+FFFD");

    bool too_many = false;
    Chain chain = chosen_chain(text, options, too_many);
    if (too_many) result.warnings.push_back("caption.too-many-labels: kept the first " + std::to_string(options.max_labels));
    if (chain.markers.empty()) {
        result.shared = clean_text(text);
        return result;
    }
    if (chain.gaps > 0) result.warnings.push_back("caption.label-gap: " + describe_gap(chain));

    // Labels after their text ("liver (A), kidney (B)") or before it ("(A) liver. (B) kidney").
    size_t before_votes = 0;
    size_t after_votes = 0;
    for (const LabelCandidate* m : chain.markers) {
        before_votes += m->after_boundary ? 1 : 0;
        after_votes += (m->before_punctuation && !m->after_boundary) ? 1 : 0;
    }
    const bool trailing_labels = chain.markers.front()->style == MarkerStyle::Paren && after_votes > before_votes;

    const size_t count = chain.markers.size();
    std::vector<Piece> pieces(count);
    if (!trailing_labels) {
        for (size_t k = 0; k < count; ++k) {
            pieces[k].begin = chain.markers[k]->end;
            pieces[k].end = k + 1 < count ? chain.markers[k + 1]->begin : text.size();
        }
        // "(A-D) shows ... Immunostaining for CD34 (anti-CD34, E-H) at 200x shows ...",
        // "Strong (A) and weak (B) XIAP expression ...": labels written inside a sentence own
        // that whole sentence, not only the text after them.
        std::vector<MarkerSpan> spans(count);
        for (size_t k = 0; k < count; ++k) {
            const LabelCandidate* m = chain.markers[k];
            const size_t previous_end = k > 0 ? chain.markers[k - 1]->end : 0;
            spans[k] = {m->begin, m->end,
                        m->inside_text ||
                            (m->style == MarkerStyle::Paren && written_inline(text, m->begin, m->end, previous_end)),
                        m->after_boundary, m->style == MarkerStyle::Paren && follows_word(text, m->begin)};
        }
        detail::share_inline_sentences(text, spans, pieces);
        detail::share_sentence_heads(text, spans, pieces);
        detail::share_sentence_tails(text, spans, pieces);
    } else {
        size_t previous_end = 0;
        for (size_t k = 0; k < count; ++k) {
            const LabelCandidate* m = chain.markers[k];
            const size_t sentence = sentence_start_of(text, previous_end, m->begin);
            pieces[k].begin = k == 0 ? sentence : std::max(previous_end, sentence);
            pieces[k].end = m->end;
            // The rest of the previous label's sentence (and any sentence between) stays with it.
            if (k > 0) pieces[k - 1].end = pieces[k].begin;
            previous_end = m->end;
        }
        pieces[count - 1].end = text.size();
        // "mRNA levels of HYAL1 (C), GREB1 (D) and TFF1 (E) were also analysed by Q-PCR. (-) denotes ...":
        // what follows the last label of a sentence (its predicate, then the sentences up to the next
        // label) speaks of every label of that sentence.
        for (size_t k = 0; k < count;) {
            size_t last = k;
            while (last + 1 < count && pieces[last + 1].begin == chain.markers[last]->end) ++last;
            const size_t after = chain.markers[last]->end;
            // Up to the first sentence that names panels itself ("... of uninfected (A, D, G, J) or
            // chronic (C, F, I, L)", "(A and C: 100x)"): that is another grouping of the panels.
            size_t tail_end = after;
            std::vector<size_t> bounds = sentence_starts(text, after, pieces[last].end);
            bounds.push_back(pieces[last].end);
            for (size_t b : bounds) {
                if (names_panel_in_brackets(text, tail_end, b)) break;
                tail_end = b;
            }
            for (size_t j = k; j < last && tail_end > after; ++j) {
                pieces[j].tail_begin = after;
                pieces[j].tail_end = tail_end;
            }
            k = last + 1;
        }
    }

    // Sentences closing the last panel's text that speak of all panels belong to the shared part.
    Piece& last = pieces[count - 1];
    std::string tail;
    // Sentence starts of the last panel's text, for both passes below (the second sees the ones left).
    std::vector<size_t> starts = sentence_starts(text, last.begin, last.end);
    {
        size_t cut = last.end;
        for (auto it = starts.rbegin(); it != starts.rend(); ++it) {
            if (!applies_to_all_panels(text.substr(*it, cut - *it))) break;
            cut = *it;
        }
        if (cut < last.end) {
            tail = render(text, cut, last.end, chain);
            const size_t old_end = last.end;
            for (Piece& piece : pieces) {
                if (piece.end == old_end) piece.end = std::max(piece.begin, cut);
                if (piece.tail_end > cut) piece.tail_end = std::max(piece.tail_begin, cut);
            }
        }
    }

    // Closing sentences that name earlier panels ("... detectable in carcinoma (D, G), while ... normal
    // tissue (A).", "In A, immunoblotting was ..."): theirs, not the last panel's.
    std::vector<std::vector<std::pair<size_t, size_t>>> moved;
    {
        while (!starts.empty() && starts.back() >= last.end) starts.pop_back();
        size_t cut = last.end;
        std::vector<std::pair<std::pair<size_t, size_t>, std::vector<size_t>>> found;
        // The last panel keeps its first sentence: walk back no further than the second.
        for (auto it = starts.rbegin(); it != starts.rend(); ++it) {
            std::vector<size_t> owners;
            if (!names_earlier_panels(text, *it, cut, chain, owners)) break;
            found.push_back({{*it, cut}, std::move(owners)});
            cut = *it;
        }
        if (!found.empty()) {
            moved.resize(count);
            for (auto it = found.rbegin(); it != found.rend(); ++it)
                for (size_t k : it->second) moved[k].push_back(it->first);
            const size_t old_end = last.end;
            for (Piece& piece : pieces) {
                if (piece.end == old_end) piece.end = std::max(piece.begin, cut);
                if (piece.tail_end > cut) piece.tail_end = std::max(piece.tail_begin, cut);
            }
        }
    }

    const Piece& first = pieces.front();
    append_shared(result.shared, render(text, 0, first.head_end > first.head_begin ? first.head_begin : first.begin, chain));
    for (size_t k = 0; k < count; ++k) {
        const auto [b, e] = trim_connectors(text, pieces[k].begin, pieces[k].end);
        std::string body = render(text, b, e, chain);
        if (pieces[k].head_end > pieces[k].head_begin) {
            // The sentence's opening words, then the label's own words (the span stays the latter).
            std::string head = render(text, pieces[k].head_begin, pieces[k].head_end, chain);
            if (!head.empty() && !body.empty()) head += ' ';
            body = head + body;
        }
        if (pieces[k].tail_end > pieces[k].tail_begin) {
            const std::string tail_text = render(text, pieces[k].tail_begin, pieces[k].tail_end, chain);
            if (!tail_text.empty() && !body.empty()) body += ' ';
            body += tail_text;
        }
        if (!moved.empty())
            for (const auto& [mb, me] : moved[k]) {
                const std::string sentence = render(text, mb, me, chain);
                if (!sentence.empty() && !body.empty()) body += ' ';
                body += sentence;
            }
        const detail::TokenRange& marker_labels = chain.markers[k]->labels;
        if (is_one_panel_in_parts(marker_labels)) {
            // "(E1 and E2) The glial cells ...": parts of panel E listed together are panel E.
            result.subcaptions.push_back({std::string(1, marker_labels.front().chars[0]), body, b, std::max(b, e)});
            continue;
        }
        for (const LabelToken& t : marker_labels)
            result.subcaptions.push_back({std::string(t.text()), body, b, std::max(b, e)});
    }
    append_shared(result.shared, tail);

    // "(B) and C) text": a label with nothing of its own shares the next label's text.
    for (size_t k = result.subcaptions.size(); k-- > 1;) {
        Subcaption& sub = result.subcaptions[k - 1];
        if (sub.text.empty()) {
            sub.text = result.subcaptions[k].text;
            sub.begin = result.subcaptions[k].begin;
            sub.end = result.subcaptions[k].end;
        }
    }
    return result;
}

// The label choice of split_caption without the cutting and cleaning: no text is copied.
size_t count_caption_labels(std::string_view caption) {
    const SplitOptions options;
    bool too_many = false;
    const Chain chain = chosen_chain(limited(caption, options), options, too_many);
    size_t count = 0;
    for (const LabelCandidate* m : chain.markers) count += subcaptions_of(*m);
    return count;
}

}  // namespace pubforge::text
