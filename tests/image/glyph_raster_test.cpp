// Glyphs drawn through libfreetype: size, placement and blending of the letters the panel-letter templates and the generator use.
#include "image/glyph_raster.hpp"

#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

namespace pubforge::glyphs {
namespace {

constexpr const char* kSansBold = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";

std::unique_ptr<FontFace> sans_bold() { return FontFace::open(kSansBold); }

// The box of the pixels that differ from `paper`.
cv::Rect ink_box(const cv::Mat& bgr, const cv::Scalar& paper) {
    cv::Mat differs;
    cv::inRange(bgr, paper, paper, differs);
    cv::bitwise_not(differs, differs);
    return cv::boundingRect(differs);
}

TEST(GlyphRasterTest, MissingFontIsNoFace) { EXPECT_EQ(FontFace::open("/nonexistent/font.ttf"), nullptr); }

TEST(GlyphRasterTest, CapitalsScaleWithThePixelSizeBelowTheEmTop) {
    auto face = sans_bold();
    if (!face) GTEST_SKIP() << kSansBold << " is not installed (fonts-dejavu-core)";
    for (const int size : {12, 24, 48}) {
        cv::Mat canvas(120, 120, CV_8UC3, cv::Scalar::all(255));
        face->draw(canvas, "H", cv::Point(10, 5), size, cv::Scalar::all(0));
        const cv::Rect ink = ink_box(canvas, cv::Scalar::all(255));
        // A Sans capital is about 0.73 em tall and stands on the baseline one em down.
        EXPECT_NEAR(ink.height, 0.73 * size, 0.1 * size + 1) << size;
        EXPECT_NEAR(ink.y + ink.height, 5 + size, 1) << size;
        EXPECT_GE(ink.x, 10);
    }
}

TEST(GlyphRasterTest, InkBlendsOverTheBackgroundAndTextAdvances) {
    auto face = sans_bold();
    if (!face) GTEST_SKIP() << kSansBold << " is not installed (fonts-dejavu-core)";
    cv::Mat one(60, 200, CV_8UC3, cv::Scalar(20, 40, 60)), two = one.clone();
    face->draw(one, "a", cv::Point(5, 5), 30, cv::Scalar(255, 255, 255));
    face->draw(two, "(a)", cv::Point(5, 5), 30, cv::Scalar(255, 255, 255));
    // White on a dark ground: full-coverage pixels are white, edges in between.
    double low = 0, high = 0;
    cv::minMaxLoc(one.reshape(1), &low, &high);
    EXPECT_EQ(high, 255);
    EXPECT_EQ(low, 20);
    EXPECT_GT(ink_box(two, cv::Scalar(20, 40, 60)).width, 2 * ink_box(one, cv::Scalar(20, 40, 60)).width);
    // Drawing is clipped at the image's edge, never outside it.
    cv::Mat small(8, 8, CV_8UC3, cv::Scalar::all(0));
    face->draw(small, "W", cv::Point(-5, -20), 40, cv::Scalar::all(255));
    EXPECT_EQ(small.size(), cv::Size(8, 8));
}

}  // namespace
}  // namespace pubforge::glyphs
