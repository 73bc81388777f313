// Sentences of a caption, and the rule that labels written inside a sentence own the whole sentence.
#include "caption_pieces.hpp"

#include <algorithm>
#include <array>

#include "label_chars.hpp"

namespace pubforge::text::detail {
namespace {

bool is_abbreviation_before(std::string_view s, size_t dot) {
    size_t b = dot;
    while (b > 0 && is_alpha(s[b - 1])) --b;
    const std::string_view word = s.substr(b, dot - b);
    static constexpr std::array<std::string_view, 9> abbreviations = {"fig", "figs", "al", "vs", "ca",
                                                                      "approx", "ref", "no", "e.g"};
    for (std::string_view a : abbreviations)
        if (equals_lower(word, a)) return true;
    return word.size() == 1 && b > 0 && s[b - 1] == '.';  // "e.g." / "i.e."
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
    if (s.size() < prefix.size()) return false;
    for (size_t k = 0; k < prefix.size(); ++k)
        if (lower(s[k]) != prefix[k]) return false;
    return true;
}

bool contains_ci(std::string_view s, std::string_view needle) {
    if (needle.size() > s.size()) return false;
    for (size_t p = 0; p + needle.size() <= s.size(); ++p)
        if (lower(s[p]) == needle[0] && starts_with_ci(s.substr(p), needle)) return true;
    return false;
}

}  // namespace

bool applies_to_all_panels(std::string_view sentence) {
    static constexpr std::array<std::string_view, 36> openers = {
        "reproduced", "reprinted", "adapted from", "modified from", "source:",
        "scale bar", "bar =", "bars =", "bars:", "bar:", "bars,", "bar,", "bars ", "original magnification",
        "magnification", "magnifications", "error bar", "data are", "data represent", "data were", "values are",
        "values represent", "results are", "abbreviation", "all ", "in all", "for all", "each ", "*", "hematoxylin",
        "haematoxylin", "h&e", "n =", "p <", "p-value", "statistical"};
    for (std::string_view o : openers)
        if (starts_with_ci(sentence, o)) return true;
    static constexpr std::array<std::string_view, 9> phrases = {
        "all panels", "each panel", "all images", "all cores", "all pictures", "all sections",
        "both panels", "in all", "all the images"};
    // The phrases hold "all", "both" or "each": look for them only in sentences that have one.
    if (contains_ci(sentence, "all") || contains_ci(sentence, "both") || contains_ci(sentence, "each"))
        for (std::string_view p : phrases)
            if (contains_ci(sentence, p)) return true;
    // An abbreviation legend ("BC: bacterial colony; CM: columnar muscle; ...").
    return std::count(sentence.begin(), sentence.end(), ':') >= 3;
}

std::vector<size_t> sentence_starts(std::string_view s, size_t begin, size_t end) {
    std::vector<size_t> starts;
    for (size_t p = begin; p + 1 < end; ++p) {
        const char c = s[p];
        if (c != '.' && c != '!' && c != '?') continue;
        if (!is_space(s[p + 1])) continue;
        if (c == '.' && is_abbreviation_before(s, p)) continue;
        size_t q = p + 1;
        while (q < end && is_space(s[q])) ++q;
        if (q >= end) break;
        const char next = s[q];
        if (is_upper(next) || is_digit(next) || next == '(' || next == '*' || static_cast<unsigned char>(next) >= 0x80)
            starts.push_back(q);
    }
    return starts;
}

size_t sentence_start_of(std::string_view s, size_t floor, size_t p) {
    size_t start = floor;
    for (size_t q : sentence_starts(s, floor, p))
        if (q <= p) start = q;
    // A clause mark right before the marker ("...; liver (A)") counts as a start too.
    for (size_t q = p; q > start; --q) {
        if (s[q - 1] == ';') return q;
    }
    return start;
}

namespace {

// Sentence and ';' clause starts of s, 0 included, ascending.
std::vector<size_t> unit_starts(std::string_view s, const std::vector<MarkerSpan>& markers) {
    std::vector<size_t> units = sentence_starts(s, 0, s.size());
    for (size_t p = 0; p + 1 < s.size(); ++p) {
        if (s[p] != ';') continue;
        size_t q = p + 1;
        while (q < s.size() && is_space(s[q])) ++q;
        if (q < s.size()) units.push_back(q);
    }
    // Labels opening a clause start a unit even before a lower-case word ("of cells. g) scattered").
    for (const MarkerSpan& m : markers)
        if (m.opens_clause) units.push_back(m.begin);
    units.push_back(0);
    std::sort(units.begin(), units.end());
    units.erase(std::unique(units.begin(), units.end()), units.end());
    return units;
}

// The units of a caption (sentences and ';' clauses) and which one holds a position.
struct Units {
    std::vector<size_t> starts;
    Units(std::string_view s, const std::vector<MarkerSpan>& markers) : starts(unit_starts(s, markers)) {}
    size_t of(size_t p) const {
        return static_cast<size_t>(std::upper_bound(starts.begin(), starts.end(), p) - starts.begin()) - 1;
    }
};

// Rule 2 of share_sentences (caption_pieces.hpp): a sentence's opening words head each of its labels.
void share_sentence_heads(const std::vector<MarkerSpan>& markers, const Units& units, std::vector<Piece>& pieces) {
    for (size_t k = 0; k < markers.size(); ++k) {
        const MarkerSpan& m = markers[k];
        if (!m.after_word || m.inline_marker || pieces[k].begin < m.end) continue;  // shared whole already
        const size_t u = units.of(m.begin);
        const size_t start = units.starts[u];
        if (k > 0 && units.of(markers[k - 1].begin) == u) continue;  // not the sentence's first label
        if (k > 0 && markers[k - 1].end > start) continue;
        // Every label of this sentence gets its head; the previous label stops at the sentence.
        for (size_t j = k; j < markers.size() && units.of(markers[j].begin) == u; ++j) {
            if (markers[j].inline_marker) break;
            pieces[j].head_begin = start;
            pieces[j].head_end = m.begin;
        }
        if (k > 0 && pieces[k - 1].end > start) pieces[k - 1].end = std::max(pieces[k - 1].begin, start);
    }
}

// True when the text before p ends with a joiner: ",", "and", "or".
bool joined_to_previous(std::string_view s, size_t p) {
    while (p > 0 && is_space(s[p - 1])) --p;
    if (p > 0 && s[p - 1] == ',') return true;
    size_t b = p;
    while (b > 0 && is_alpha(s[b - 1])) --b;
    const std::string_view word = s.substr(b, p - b);
    return equals_lower(word, "and") || equals_lower(word, "or");
}

// Rule 3 of share_sentences: the sentences after a joined list of labels go to each of them.
void share_sentence_tails(std::string_view s, const std::vector<MarkerSpan>& markers, const Units& units,
                          std::vector<Piece>& pieces) {
    for (size_t k = 0; k < markers.size();) {
        const size_t u = units.of(markers[k].begin);
        size_t last = k;
        while (last + 1 < markers.size() && units.of(markers[last + 1].begin) == u) ++last;
        const size_t next_unit = u + 1 < units.starts.size() ? units.starts[u + 1] : s.size();
        // Only pieces cut at their markers: labels sharing a whole sentence have it already.
        bool cut = true;
        for (size_t j = k; j <= last; ++j) cut = cut && !markers[j].inline_marker && pieces[j].begin >= markers[j].end;
        // One clause listing its panels ("(a) Sagittal and (b) oblique ..."), not a run of labelled
        // items without sentence marks ("A left ramus, ventral view B copulatory pore ...").
        for (size_t j = k + 1; j <= last && cut; ++j) cut = joined_to_previous(s, markers[j].begin);
        if (cut && last > k && next_unit > pieces[last].begin && next_unit < pieces[last].end)
            for (size_t j = k; j < last; ++j) {
                pieces[j].tail_begin = next_unit;
                pieces[j].tail_end = pieces[last].end;
            }
        k = last + 1;
    }
}

// Rule 1 of share_sentences: labels written inside a sentence own the whole of it.
void share_inline_sentences(std::string_view s, const std::vector<MarkerSpan>& markers, const Units& units,
                            std::vector<Piece>& pieces) {
    const size_t count = markers.size();
    size_t k = 0;
    while (k < count) {
        const size_t u = units.of(markers[k].begin);
        size_t last = k;
        bool has_inline = markers[k].inline_marker;
        while (last + 1 < count && units.of(markers[last + 1].begin) == u) {
            ++last;
            has_inline = has_inline || markers[last].inline_marker;
        }
        // A label written inside a sentence ("... in co-infected (B) animals ...") makes the
        // sentence belong to all of its labels together.
        if (has_inline) {
            const size_t begin = units.starts[u];
            const size_t end = last + 1 < count ? units.starts[units.of(markers[last + 1].begin)] : s.size();
            for (size_t j = k; j <= last; ++j) pieces[j] = {begin, std::max(begin, end)};
            if (k > 0 && pieces[k - 1].end > begin) pieces[k - 1].end = std::max(pieces[k - 1].begin, begin);
            if (last + 1 < count && pieces[last + 1].begin < end) pieces[last + 1].begin = end;
        }
        k = last + 1;
    }
}

}  // namespace

void share_sentences(std::string_view s, const std::vector<MarkerSpan>& markers, std::vector<Piece>& pieces) {
    // Most captions need none of the three rules: look for what each needs before splitting the caption
    // into units, and split it once for all of them.
    bool any_inline = false, any_after_word = false, any_joined = false;
    for (const MarkerSpan& m : markers) {
        any_inline = any_inline || m.inline_marker;
        any_after_word = any_after_word || m.after_word;
    }
    for (size_t k = 1; k < markers.size() && !any_joined; ++k) any_joined = joined_to_previous(s, markers[k].begin);
    if (!any_inline && !any_after_word && !any_joined) return;
    const Units units(s, markers);
    if (any_inline) share_inline_sentences(s, markers, units, pieces);
    if (any_after_word) share_sentence_heads(markers, units, pieces);
    if (any_joined) share_sentence_tails(s, markers, units, pieces);
}

}  // namespace pubforge::text::detail
