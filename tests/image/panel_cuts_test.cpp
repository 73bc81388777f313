// The canvas and the cuts (src/image/panel_cuts.cpp): which colour is the page, and where figures are cut.
#include "image/panel_parts.hpp"

#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

#include "pubforge/image/panels.hpp"

namespace pubforge::panels {
namespace {

// A radiograph-like picture: a bright disc on black, black to its edges.
cv::Mat dark_picture(int width, int height, int seed) {
    cv::Mat picture(height, width, CV_8UC3, cv::Scalar::all(8));
    cv::RNG random(static_cast<std::uint64_t>(seed));
    cv::circle(picture, cv::Point(width / 2, height / 2), std::min(width, height) / 3, cv::Scalar::all(170), cv::FILLED);
    cv::Mat grain(picture.size(), CV_8UC3);
    random.fill(grain, cv::RNG::UNIFORM, 0, 6);  // JPEG-like noise within one colour bin
    picture += grain;
    return picture;
}

// Two dark pictures one above the other, `band` white rows of page between them.
cv::Mat stacked_with_page(int band) {
    const cv::Mat top = dark_picture(400, 260, 1), bottom = dark_picture(400, 240, 2);
    cv::Mat figure(top.rows + band + bottom.rows, 400, CV_8UC3, cv::Scalar::all(255));
    top.copyTo(figure(cv::Rect(0, 0, 400, top.rows)));
    bottom.copyTo(figure(cv::Rect(0, top.rows + band, 400, bottom.rows)));
    return figure;
}

TEST(PanelCutsTest, AWhiteLineAcrossADarkFramedFigureMakesThePageTheBackground) {
    EXPECT_EQ(make_canvas(stacked_with_page(4), 1000).background, cv::Vec3b(255, 255, 255));
    // Without the white line the dark frame is the background (a micrograph on black).
    EXPECT_LT(make_canvas(stacked_with_page(0), 1000).background[1], 64);
    // A white line that stops short of the edges is a picture's own, not the page.
    cv::Mat drawn = stacked_with_page(0);
    cv::line(drawn, cv::Point(40, 100), cv::Point(360, 100), cv::Scalar::all(255), 3);
    EXPECT_LT(make_canvas(drawn, 1000).background[1], 64);
}

TEST(PanelCutsTest, DarkPicturesWithThePageBetweenThemAreTwoPanels) {
    PanelOptions options;
    options.read_labels = false;
    const PanelDetection detection = detect_panels(stacked_with_page(4), options);
    ASSERT_EQ(detection.panels.size(), 2u);
    EXPECT_NEAR(detection.panels[0].box.y + detection.panels[0].box.height, 260, 3);
    EXPECT_NEAR(detection.panels[1].box.y, 264, 3);
}

// A mid-gray photograph-like picture with soft blobs and grain, `seed` choosing them.
cv::Mat light_picture(int width, int height, int seed) {
    cv::Mat picture(height, width, CV_8UC3, cv::Scalar(120, 140, 160));
    cv::RNG random(static_cast<std::uint64_t>(seed));
    for (int i = 0; i < 5; ++i)
        cv::circle(picture, cv::Point(random.uniform(0, width), random.uniform(0, height)), random.uniform(10, height / 3),
                   cv::Scalar(random.uniform(40, 200), random.uniform(40, 200), random.uniform(40, 200)), cv::FILLED);
    cv::Mat grain(picture.size(), CV_8UC3);
    random.fill(grain, cv::RNG::UNIFORM, 0, 40);  // a photograph's grain: no one flat colour on its edges
    picture += grain;
    return picture;
}

TEST(PanelCutsTest, PicturesOfDifferentHeightsOnePixelApartAreTwoPanels) {
    // Top-aligned in one row, 1 px of page between them: neither column beside the gutter
    // is content from end to end, but along most of the gutter both sides are.
    cv::Mat figure(200, 601, CV_8UC3, cv::Scalar::all(255));
    light_picture(300, 200, 3).copyTo(figure(cv::Rect(0, 0, 300, 200)));
    light_picture(300, 140, 4).copyTo(figure(cv::Rect(301, 0, 300, 140)));
    PanelOptions options;
    options.read_labels = false;
    const PanelDetection detection = detect_panels(figure, options);
    ASSERT_EQ(detection.panels.size(), 2u);
    EXPECT_NEAR(detection.panels[0].box.x + detection.panels[0].box.width, 300, 2);
    EXPECT_NEAR(detection.panels[1].box.x, 301, 2);
}

TEST(PanelCutsTest, AOnePixelBlankLineThroughTextIsNoGutter) {
    // Words of a line of text: blank columns between letters face little ink.
    cv::Mat figure(60, 600, CV_8UC3, cv::Scalar::all(255));
    cv::putText(figure, "lll illl IIl lil", cv::Point(10, 45), cv::FONT_HERSHEY_SIMPLEX, 1.4, cv::Scalar::all(0), 2);
    PanelOptions options;
    options.read_labels = false;
    EXPECT_EQ(detect_panels(figure, options).panels.size(), 1u);
}

}  // namespace
}  // namespace pubforge::panels
