// Which read marks form one labelling: a bar read as "l", "I" or a dotless "i" takes the set's case.
#include <gtest/gtest.h>

#include "image/panel_parts.hpp"

namespace pubforge::panels {
namespace {

// A mark read as `c` at `confidence`, the n-th in a row of letters of `height` px.
LabelMark mark(char c, int n, int height, double confidence = 0.9) {
    LabelMark m;
    m.box = cv::Rect(10 + 120 * n, 10, height * 3 / 4, height);
    m.text = std::string(1, c);
    m.confidence = confidence;
    m.letter_height = height;
    m.placed = true;
    return m;
}

std::string texts(const std::vector<LabelMark>& marks) {
    std::string out;
    for (const LabelMark& m : marks) out += m.text;
    return out;
}

TEST(PanelLetterSetsTest, ABarEndsACapitalSetAsI) {
    // The ninth capital, a plain bar, reads as "l" or as an "i" whose dot was lost.
    for (const char bar : {'l', 'i', 'I'}) {
        std::vector<LabelMark> marks;
        for (int k = 0; k < 8; ++k) marks.push_back(mark(static_cast<char>('A' + k), k, 13));
        marks.push_back(mark(bar, 8, 13, 0.95));
        EXPECT_EQ(texts(consistent_labels(marks)), "ABCDEFGHI") << "bar read as " << bar;
    }
}

TEST(PanelLetterSetsTest, ABarReadAsCapitalIEndsASmallSetAsL) {
    std::vector<LabelMark> marks;
    const char small[] = "abcdefghijk";
    for (int k = 0; k < 11; ++k) {
        const bool tall = std::string("bdfhk").find(small[k]) != std::string::npos;
        marks.push_back(mark(small[k], k, tall ? 13 : 10));
    }
    marks.push_back(mark('I', 11, 13, 0.95));
    EXPECT_EQ(texts(consistent_labels(marks)), "abcdefghijkl");
}

}  // namespace
}  // namespace pubforge::panels
