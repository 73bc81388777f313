// Letters naming regions: a margin letter far left of a chart trimmed to its axis still names it.
#include <gtest/gtest.h>

#include "image/panel_parts.hpp"

namespace pubforge::panels {
namespace {

LabelMark letter(const std::string& text, const cv::Rect& box) {
    LabelMark m;
    m.box = box;
    m.text = text;
    m.confidence = 0.9;
    m.letter_height = box.height;
    return m;
}

TEST(PanelMergeTest, AMarginLetterNamesTheRegionBesideItsRowEvenFarAway) {
    // Two charts whose boxes start at their axes, about 90 px right of their letters.
    const std::vector<Region> regions = {{cv::Rect(100, 22, 570, 370), "gutter"}, {cv::Rect(100, 474, 570, 420), "gutter"}};
    const std::vector<LabelMark> letters = {letter("a", {3, 7, 10, 9}), letter("b", {4, 455, 11, 13})};
    EXPECT_EQ(name_regions(regions, letters), (std::vector<std::string>{"a", "b"}));
}

TEST(PanelMergeTest, ALetterFarAboveARegionNamesNothing) {
    // Far above and left (not beside its row): no home.
    const std::vector<Region> regions = {{cv::Rect(300, 300, 200, 200), "gutter"}};
    EXPECT_EQ(name_regions(regions, {letter("a", {3, 7, 10, 12})}), (std::vector<std::string>{""}));
}

}  // namespace
}  // namespace pubforge::panels
