// Tests of JATS figure references: the panel letters an xref and its following text name.
#include "pubforge/text/mentions.hpp"
#include "jats/mentions.hpp"

#include <gtest/gtest.h>

namespace pubforge::jats {
namespace {

using Panels = std::vector<std::string>;

Panels panels(const std::string& reference, const std::string& number, const std::string& following = "") {
    return text::panels_named(reference_with_panels(reference, following), number);
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
    EXPECT_EQ(panels("Figure 3", "3", "A, and"), Panels{"A"});
}

TEST(MentionsTest, AnXrefThatNamesOnlyPanelsGetsThemForItsTarget) {
    EXPECT_EQ(panels("B", "2"), Panels{"B"});
    EXPECT_EQ(panels("C–E", "4"), (Panels{"C", "D", "E"}));
    EXPECT_EQ(panels("Supplementary", "4"), Panels{});
}

}  // namespace
}  // namespace pubforge::jats
