// Colour-jump seams: where two photographs meet, and how grainy the box is for the seam searches that follow.
#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include "image/panel_parts.hpp"

namespace pubforge::panels {
namespace {

// The seam search in `pictures` laid on a page with a 10 px margin (the page's white is
// then the background, and the pictures are content).
SeamSearch search_in(const cv::Mat& pictures, bool vertical) {
    cv::Mat figure;
    cv::copyMakeBorder(pictures, figure, 10, 10, 10, 10, cv::BORDER_CONSTANT, cv::Scalar::all(255));
    const Canvas canvas = make_canvas(figure, 1000);
    SeamSearch search = find_seam(canvas, cv::Rect(10, 10, pictures.cols, pictures.rows), vertical,
                                  min_panel_side(canvas.gray.size()));
    return search;
}

TEST(PanelSeamsTest, TwoSmoothPhotographsMeetWhereTheColourJumps) {
    cv::Mat figure(300, 600, CV_8UC3, cv::Scalar(150, 170, 120));
    figure(cv::Rect(280, 0, 320, 300)).setTo(cv::Scalar(60, 70, 180));
    cv::circle(figure, {140, 150}, 60, cv::Scalar(40, 120, 200), cv::FILLED);
    const SeamSearch search = search_in(figure, true);
    EXPECT_NEAR(search.seam, 280, 2);
    // Smooth pictures: the typical column jumps on no line.
    EXPECT_LT(search.typical_jumps, kGrainyJumps);
}

TEST(PanelSeamsTest, ACoarseTextureIsReportedGrainy) {
    // Noise drawn at a quarter of the size and enlarged: most columns jump on most lines,
    // so no column stands out, and the box is grainy (the statistics search takes over).
    cv::RNG random(11);
    cv::Mat noise(60, 150, CV_8UC3), figure;
    random.fill(noise, cv::RNG::UNIFORM, 0, 255);
    cv::resize(noise, figure, cv::Size(600, 240), 0, 0, cv::INTER_CUBIC);
    const SeamSearch search = search_in(figure, true);
    EXPECT_EQ(search.seam, -1);
    EXPECT_GE(search.typical_jumps, kGrainyJumps);
}

TEST(PanelSeamsTest, ABoxOfChartsOnPaperIsNotScanned) {
    // Lines on white: no column has filled strips on both sides, so nothing is scanned.
    cv::Mat figure(300, 600, CV_8UC3, cv::Scalar::all(255));
    figure(cv::Rect(400, 40, 60, 220)).setTo(cv::Scalar(200, 120, 40));  // one bar
    cv::line(figure, {40, 260}, {560, 260}, cv::Scalar::all(0), 1);
    cv::line(figure, {40, 20}, {40, 260}, cv::Scalar::all(0), 1);
    const SeamSearch search = search_in(figure, true);
    EXPECT_EQ(search.seam, -1);
    EXPECT_EQ(search.typical_jumps, 0.0);
}

}  // namespace
}  // namespace pubforge::panels
