// Panel letters inside photographs: white type on a grainy texture whose brightest grains touch it.
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

}  // namespace
}  // namespace pubforge::panels
