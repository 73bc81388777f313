// Panel letters inside photographs: white type on grains, under a joined text line, and the letters touching photographs split at.
#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include "image/glyph_raster.hpp"
#include "image/panel_parts.hpp"
#include "pubforge/image/panels.hpp"

namespace pubforge::panels {
namespace {

constexpr const char* kSansBold = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";

// A coloured-noise texture with grains of about 4 px, the brightest within a tenth of white.
cv::Mat texture(cv::Size size) {
    cv::Mat noise(size.height / 4 + 1, size.width / 4 + 1, CV_8UC3), big;
    cv::RNG random(7);
    random.fill(noise, cv::RNG::UNIFORM, 0, 255);
    cv::resize(noise, big, size, 0, 0, cv::INTER_CUBIC);
    cv::Mat out;
    cv::addWeighted(big, 0.7, cv::Mat(size, CV_8UC3, cv::Scalar(200, 180, 190)), 0.3, 0, out);
    return out;
}

std::vector<LabelMark> corner_marks(const cv::Mat& figure) {
    const Canvas canvas = make_canvas(figure, 1000);
    return find_corner_marks(canvas, {Region{cv::Rect(0, 0, figure.cols, figure.rows), "whole"}}, {});
}

TEST(PanelCornerLabelsTest, WhiteTypeOnGrainsIsReadAtTheCorner) {
    const auto face = glyphs::FontFace::open(kSansBold);
    if (!face) GTEST_SKIP() << kSansBold << " is not installed";
    for (const char* letter : {"b", "E", "f"}) {
        cv::Mat figure = texture({360, 280});
        face->draw(figure, letter, {6, 4}, 20, cv::Scalar::all(255));
        bool read = false;
        for (const LabelMark& m : corner_marks(figure)) read |= m.text == letter && m.box.x < 20 && m.box.y < 20;
        EXPECT_TRUE(read) << letter;
    }
}

TEST(PanelCornerLabelsTest, ATextLineJoinedAboveThePictureDoesNotHideItsLetter) {
    // The axis title of the chart above ("time (s)") joined to the region's top: 25 px of
    // paper over the picture, and its corner letter below them.
    const auto face = glyphs::FontFace::open(kSansBold);
    if (!face) GTEST_SKIP() << kSansBold << " is not installed";
    cv::Mat figure(360, 380, CV_8UC3, cv::Scalar::all(255));
    cv::putText(figure, "time (s)", {160, 22}, cv::FONT_HERSHEY_SIMPLEX, 0.4, cv::Scalar::all(40), 1, cv::LINE_AA);
    figure(cv::Rect(10, 35, 360, 315)).setTo(cv::Scalar(70, 110, 90));
    face->draw(figure, "e", {14, 37}, 17, cv::Scalar::all(255));
    const Canvas canvas = make_canvas(figure, 1000);
    bool read = false;
    for (const LabelMark& m : find_corner_marks(canvas, {Region{cv::Rect(10, 10, 360, 340), "gutter"}}, {}))
        read |= m.text == "e" && m.box.y > 35 && m.box.y < 55;
    EXPECT_TRUE(read);
}

TEST(PanelCornerLabelsTest, TouchingPhotographsSplitAtSmallLettersOfEitherCase) {
    // Two rows of two grainy photographs of one shade, touching within a row, a gutter
    // between the rows, lettered a b / c d in 17 px type: the "b" stands an ascender above
    // the "a" (once at the search band's edge), and the "c" of the second row reads as
    // well as "C" (once asking for a "D" next).
    const auto face = glyphs::FontFace::open(kSansBold);
    if (!face) GTEST_SKIP() << kSansBold << " is not installed";
    cv::Mat figure(500, 640, CV_8UC3, cv::Scalar::all(255));
    cv::Mat grain(500, 640, CV_16SC3);
    cv::RNG(3).fill(grain, cv::RNG::NORMAL, 0, 8);
    for (const int y : {0, 260}) {
        cv::Mat row = figure(cv::Rect(0, y, 640, 240));
        row.setTo(cv::Scalar(90, 110, 120));
        cv::circle(row, {150, 130}, 60, cv::Scalar(70, 130, 100), cv::FILLED);
        cv::circle(row, {480, 110}, 70, cv::Scalar(110, 90, 70), cv::FILLED);
    }
    cv::Mat grainy;
    figure.convertTo(grainy, CV_16SC3);
    grainy += grain;
    grainy.convertTo(figure, CV_8UC3);
    figure(cv::Rect(0, 240, 640, 20)).setTo(cv::Scalar::all(255));
    const cv::Point corners[] = {{0, 0}, {330, 0}, {0, 260}, {330, 260}};
    for (int i = 0; i < 4; ++i)
        face->draw(figure, std::string(1, static_cast<char>('a' + i)), corners[i] + cv::Point(4, 2), 17, cv::Scalar::all(255));
    const PanelDetection detection = detect_panels(figure);
    ASSERT_EQ(detection.panels.size(), 4u);
    for (int i = 0; i < 4; ++i) {
        EXPECT_EQ(detection.panels[static_cast<size_t>(i)].label, std::string(1, static_cast<char>('a' + i)));
        EXPECT_NEAR(detection.panels[static_cast<size_t>(i)].box.x, corners[i].x, 3);
    }
}

TEST(PanelCornerLabelsTest, APhotographWithLightPartsIsSearchedAtItsCorner) {
    const auto face = glyphs::FontFace::open(kSansBold);
    if (!face) GTEST_SKIP() << kSansBold << " is not installed";
    // A radiograph on white paper: dark along its top and left edges, a bone as light as the
    // paper over a third of its corner, a white "b" in the corner.
    cv::Mat figure(280, 340, CV_8UC3, cv::Scalar::all(255));
    const cv::Rect photo(10, 10, 300, 240);
    figure(photo).setTo(cv::Scalar::all(40));
    figure(cv::Rect(photo.x + 70, photo.y + 30, 80, 80)).setTo(cv::Scalar::all(225));
    face->draw(figure, "b", {photo.x + 3, photo.y + 2}, 23, cv::Scalar::all(255));
    const Canvas canvas = make_canvas(figure, 1000);
    bool read = false;
    for (const LabelMark& m : find_corner_marks(canvas, {Region{photo, "gutter"}}, {}))
        read |= m.text == "b" && m.box.x < photo.x + 20 && m.box.y < photo.y + 20;
    EXPECT_TRUE(read);
}

}  // namespace
}  // namespace pubforge::panels
