// In-text figure mentions in JATS: the panel letters an xref names, with the text that follows it.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pubforge::jats {

// One figure number and the panels named with it: "2B-D" -> {"2", {"B","C","D"}}.
struct PanelReference {
    std::string number;  // "2", "S1"; empty when the text names panels only ("B and C")
    std::vector<std::string> panels;
};

// Parses a reference as written: "Figure 2B–D" -> [{2, B C D}]; "Figs. 1A and 3C" ->
// [{1, A}, {3, C}]; "Fig. 4(a, b)" -> [{4, a b}]. `following` is the paragraph
// text right after the reference, read when the markup split the panels off
// ("<xref>Figure 2</xref>B" or "<xref>Fig. 2</xref> (c)").
std::vector<PanelReference> parse_panel_references(std::string_view reference, std::string_view following = {});

// Panels a reference names for the figure numbered `figure_number` (the number in
// its label), or for its only figure when the reference names one; deduplicated, in order.
std::vector<std::string> panels_for_figure(const std::vector<PanelReference>& references,
                                           const std::string& figure_number);

}  // namespace pubforge::jats
