// Panel letters inside photographs: white type on grains that touch it, and under a line of text joined to the region's top.
#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include "image/glyph_raster.hpp"
#include "image/panel_parts.hpp"

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

}  // namespace
}  // namespace pubforge::panels
