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

TEST(PanelSeamsTest, OnADarkBackgroundAMicrographsDarkFieldCountsAsFilled) {
    // A micrograph (cells on a dark field) touching a photograph, no page around them: the
    // frame's dominant colour is the dark field, so the mask sees little of the micrograph;
    // the dark background says no paper shows, and the seam between them stands.
    cv::Mat figure(300, 600, CV_8UC3, cv::Scalar::all(30));
    for (const cv::Point centre : {cv::Point(60, 70), cv::Point(200, 150), cv::Point(110, 240)})
        cv::circle(figure, centre, 25, cv::Scalar(80, 220, 60), cv::FILLED);
    figure(cv::Rect(300, 0, 300, 300)).setTo(cv::Scalar(150, 120, 100));
    cv::circle(figure, {450, 150}, 80, cv::Scalar(60, 60, 190), cv::FILLED);
    const Canvas canvas = make_canvas(figure, 1000);
    ASSERT_LT(canvas.background[1], 80);
    EXPECT_NEAR(find_seam(canvas, cv::Rect(0, 0, 600, 300), true, min_panel_side(canvas.gray.size())).seam, 300, 2);
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
