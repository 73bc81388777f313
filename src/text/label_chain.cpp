// Chooses the label family a caption uses: walks each class's candidates into an ascending sequence and scores them.
#include "label_chain.hpp"

#include <algorithm>
#include <array>

#include "label_chars.hpp"

namespace pubforge::text::detail {
namespace {

bool is_first_label(const LabelToken& t) { return t.major == 1 && t.minor <= 1; }

// "B" after "A", "B1" after "A", "C" after "B3", "B2" after "B1".
bool is_successor(const LabelToken& last, const LabelToken& next) {
    if (next.major == last.major + 1 && next.minor <= 1) return true;
    return next.major == last.major && next.minor == last.minor + 1;
}

}  // namespace

size_t missing_between(const LabelToken& last, const LabelToken& next) {
    if (next.major > last.major + 1) return static_cast<size_t>(next.major - last.major - 1);
    if (next.major == last.major && next.minor > last.minor + 1) return static_cast<size_t>(next.minor - last.minor - 1);
    return 0;
}

namespace {

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

}  // namespace

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
}  // namespace pubforge::text::detail
