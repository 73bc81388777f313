// Panel letters found on the figure's paper: isolation of a glyph group, the dot of an "i", a panel's corner beside a letter.
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include "image/glyph_raster.hpp"
#include "image/panel_parts.hpp"

namespace pubforge::panels {
namespace {

constexpr const char* kSansBold = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";

// The letters read on `figure`'s paper, as text.
std::vector<LabelMark> read_marks(const cv::Mat& figure) { return find_label_marks(make_canvas(figure, 1000)); }

// The first mark lying inside `area`, copied: callers pass the marks of a temporary.
std::optional<LabelMark> mark_in(const std::vector<LabelMark>& marks, const cv::Rect& area) {
    for (const LabelMark& m : marks)
        if ((m.box & area) == m.box) return m;
    return std::nullopt;
}

TEST(PanelLabelsTest, TheDotAboveABarMakesItAnI) {
    const auto face = glyphs::FontFace::open(kSansBold);
    if (!face) GTEST_SKIP() << kSansBold << " is not installed";
    for (const int size : {14, 17, 24}) {
        cv::Mat figure(200, 300, CV_8UC3, cv::Scalar::all(255));
        figure(cv::Rect(60, 40, 200, 140)).setTo(cv::Scalar(80, 120, 160));  // a panel, so that the letter is small
        face->draw(figure, "i", {20, 10}, size, cv::Scalar::all(0));
        const std::vector<LabelMark> marks = read_marks(figure);
        const std::optional<LabelMark> mark = mark_in(marks, cv::Rect(10, 0, 40, 40));
        ASSERT_TRUE(mark.has_value()) << size << " px: the dot is the i's, not a neighbour";
        EXPECT_EQ(mark->text, "i") << size << " px";
    }
}

TEST(PanelLabelsTest, APanelCornerDiagonallyBelowRightLeavesTheLetterAlone) {
    const auto face = glyphs::FontFace::open(kSansBold);
    if (!face) GTEST_SKIP() << kSansBold << " is not installed";
    // "D" printed above-left of a photograph whose corner is 2 px right of and below it.
    cv::Mat figure(300, 400, CV_8UC3, cv::Scalar::all(255));
    face->draw(figure, "D", {3, 20}, 17, cv::Scalar::all(0));
    cv::Mat ink;
    cv::cvtColor(figure, ink, cv::COLOR_BGR2GRAY);
    const cv::Rect letter = cv::boundingRect(ink < 200);
    figure(cv::Rect(letter.br().x + 2, letter.br().y + 2, 300, 200)).setTo(cv::Scalar(40, 60, 90));
    const std::optional<LabelMark> mark = mark_in(read_marks(figure), cv::Rect(0, 0, letter.br().x + 1, letter.br().y + 1));
    ASSERT_TRUE(mark.has_value());
    EXPECT_EQ(mark->text, "D");
    // A block beside the letter's rows (a word's next glyph, a plot's curve) is a neighbour.
    cv::Mat beside(300, 400, CV_8UC3, cv::Scalar::all(255));
    face->draw(beside, "D", {3, 20}, 17, cv::Scalar::all(0));
    beside(cv::Rect(letter.br().x + 3, letter.y + 2, 6, 6)).setTo(cv::Scalar::all(0));
    beside(cv::Rect(60, 60, 300, 200)).setTo(cv::Scalar(40, 60, 90));
    EXPECT_FALSE(mark_in(read_marks(beside), cv::Rect(0, 0, letter.br().x + 1, letter.br().y + 1)).has_value());
}

TEST(PanelLabelsTest, SmallBracketsAndALargePeriodAreNoPartOfTheLetter) {
    const auto face = glyphs::FontFace::open(kSansBold);
    if (!face) GTEST_SKIP() << kSansBold << " is not installed";
    // "(h)" at 8-10 px: a bracket 2-3 px wide is as wide as a stroke, and read as "I" or
    // "l" it made the mark "Ih". "c." at 35 px: the period is a glyph of its own.
    for (const auto& [text, size, expected] : std::vector<std::tuple<std::string, int, std::string>>{
             {"(h)", 8, "h"}, {"(b)", 10, "b"}, {"(e)", 12, "e"}, {"c.", 35, "c"}, {"(d)", 30, "d"}}) {
        cv::Mat figure(300, 400, CV_8UC3, cv::Scalar::all(255));
        figure(cv::Rect(80, 60, 300, 220)).setTo(cv::Scalar(80, 120, 160));  // a panel, so that the letter is small
        face->draw(figure, text, {10, 10}, size, cv::Scalar::all(0));
        const std::optional<LabelMark> mark = mark_in(read_marks(figure), cv::Rect(0, 0, 79, 59));
        ASSERT_TRUE(mark.has_value()) << text << " at " << size << " px";
        EXPECT_EQ(mark->text, expected) << text << " at " << size << " px";
    }
}

TEST(PanelLabelsTest, BracketedLettersAboveAStripOfPanelsAreGlyphSized) {
    const auto face = glyphs::FontFace::open(kSansBold);
    if (!face) GTEST_SKIP() << kSansBold << " is not installed";
    // Four pictures in one row, 125 px wide and 130 px tall with "(A)" 25 px above each: the
    // brackets stand 29 px tall, over an eighth of the figure's 165 px height.
    cv::Mat figure(165, 580, CV_8UC3, cv::Scalar::all(255));
    for (int i = 0; i < 4; ++i) {
        figure(cv::Rect(i * 146, 35, 125, 130)).setTo(cv::Scalar(60 + 30 * i, 90, 140));
        face->draw(figure, "(" + std::string(1, static_cast<char>('A' + i)) + ")", {i * 146, 0}, 25, cv::Scalar::all(0));
    }
    const std::vector<LabelMark> marks = read_marks(figure);
    for (int i = 0; i < 4; ++i) {
        const std::optional<LabelMark> mark = mark_in(marks, cv::Rect(i * 146, 0, 60, 34));
        ASSERT_TRUE(mark.has_value()) << i;
        EXPECT_EQ(mark->text, std::string(1, static_cast<char>('A' + i)));
    }
}

}  // namespace
}  // namespace pubforge::panels
