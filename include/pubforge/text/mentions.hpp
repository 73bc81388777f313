// In-text figure references ("Fig. 2B", "Figures 3 and 4", "Figure 2B-D") and the sentences around them.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace pubforge::text {

// One figure a reference points to, with the panel letters it names ("B", "C", "D" for "2B-D").
struct ReferencedFigure {
    std::string number;               // "2", "S1", "1 figure supplement 2" (eLife "Figure 1—figure supplement 2")
    std::vector<std::string> panels;  // empty when the whole figure is meant
};

struct FigureReference {
    size_t begin = 0;  // byte offsets of the reference in the text
    size_t end = 0;
    std::string text;  // as written: "Figs. 2B and 3"
    std::vector<ReferencedFigure> figures;
};

// Every figure reference in a paragraph, in order. Knows "Fig.", "Figs.", "Figure(s)",
// "Figura(s)" (Portuguese/Spanish), "Supplementary Figure S1" and eLife's "Figure 1—figure
// supplement 2" (a figure of its own, not figure 1); tables are not figures.
std::vector<FigureReference> find_figure_references(std::string_view text);

// The panels a reference's text names for figure `number` (for JATS xrefs whose
// text is "Fig. 2B", just "2B", or only the panels "B"); empty when none.
std::vector<std::string> panels_named(std::string_view reference_text, const std::string& number);

// [begin, end) of the sentence of `text` that holds the byte range [from, to): sentences end
// at . ! ? followed by the end or by a space and a word not in lower case, except after
// abbreviations ("Fig.", "e.g.", "et al.", initials). The range itself may hold full stops.
std::pair<size_t, size_t> sentence_around(std::string_view text, size_t from, size_t to);

// The sentence holding offset `at`.
std::pair<size_t, size_t> sentence_around(std::string_view text, size_t at);

// The number in a figure label: "Figure 3" -> "3", "Fig. S2" -> "S2", "Figura 1." -> "1",
// "Figure 1—figure supplement 2." -> "1 figure supplement 2"; "" if none.
std::string figure_number(std::string_view label);

}  // namespace pubforge::text
