// Tests of figure references: panel letters named by a reference, and the sentence around a mention.
#include "pubforge/jats/mentions.hpp"
#include "pubforge/text/mentions.hpp"

#include <gtest/gtest.h>

namespace pubforge::jats {
namespace {

using Panels = std::vector<std::string>;

Panels panels(const std::string& reference, const std::string& number, const std::string& following = "") {
    return panels_for_figure(parse_panel_references(reference, following), number);
}

TEST(MentionsTest, RangesAndListsOfPanelsAreExpanded) {
    EXPECT_EQ(panels("Figure 2B–D", "2"), (Panels{"B", "C", "D"}));
    EXPECT_EQ(panels("Fig. 2b-d", "2"), (Panels{"b", "c", "d"}));
    EXPECT_EQ(panels("Figure 1A and B", "1"), (Panels{"A", "B"}));
    EXPECT_EQ(panels("Fig. 4(a, c)", "4"), (Panels{"a", "c"}));
    EXPECT_EQ(panels("Figure 3A–C, E", "3"), (Panels{"A", "B", "C", "E"}));
    EXPECT_EQ(panels("Figure 5", "5"), Panels{});
    EXPECT_EQ(panels("Figures 1 and 4", "4"), Panels{});
}

TEST(MentionsTest, EachFigureGetsThePanelsNamedWithItsNumber) {
    EXPECT_EQ(panels("Figs. 1A and 3C", "1"), Panels{"A"});
    EXPECT_EQ(panels("Figs. 1A and 3C", "3"), Panels{"C"});
    EXPECT_EQ(panels("Figure S2B", "S2"), Panels{"B"});  // S2 is a number, not panel S
    EXPECT_EQ(panels("Figure 1—figure supplement 2", "1"), Panels{});
}

TEST(MentionsTest, PanelsSplitOffByMarkupAreReadFromTheFollowingText) {
    EXPECT_EQ(panels("Figure 2", "2", "B–D), and"), (Panels{"B", "C", "D"}));
    EXPECT_EQ(panels("Figure 3", "3", "(b) is shown"), Panels{"b"});
    EXPECT_EQ(panels("Fig. 3", "3", " (c, d)."), (Panels{"c", "d"}));
    EXPECT_EQ(panels("Figure 3", "3", " and more"), Panels{});
    EXPECT_EQ(panels("Figure 3", "3", " (n = 12)"), Panels{});
}

TEST(MentionsTest, FigureNumbersComeFromLabels) {
    EXPECT_EQ(text::figure_number("Figure 3"), "3");
    EXPECT_EQ(text::figure_number("Fig. S2."), "S2");
    EXPECT_EQ(text::figure_number("Figura 12"), "12");
    EXPECT_EQ(text::figure_number("Scheme"), "");
}

TEST(MentionsTest, SentencesEndAtFullStopsButNotAtAbbreviations) {
    const std::string text = "Cells grew. As shown in Fig. 2 by Smith et al. the effect (e.g. in Figure 3B) is large. Next.";
    const size_t at = text.find("Figure 3B");
    const auto [start, end] = sentence_around(text, at, at + 9);
    EXPECT_EQ(text.substr(start, end - start),
              "As shown in Fig. 2 by Smith et al. the effect (e.g. in Figure 3B) is large.");
    const auto [s2, e2] = sentence_around(text, 0, 5);
    EXPECT_EQ(text.substr(s2, e2 - s2), "Cells grew.");
    const std::string open = "No full stop (Figure 1)";
    const auto [s3, e3] = sentence_around(open, 14, 22);
    EXPECT_EQ(open.substr(s3, e3 - s3), open);
}

}  // namespace
}  // namespace pubforge::jats
