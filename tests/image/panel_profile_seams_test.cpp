// Seams found as a step in line statistics: between textures, along the whole length only, never inside one picture.
#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include "image/panel_parts.hpp"

namespace pubforge::panels {
namespace {

// A coarse colour texture (noise drawn at a quarter of the size and enlarged, tinted),
// the kind of panel whose every column jumps.
cv::Mat texture(cv::Size size, const cv::Scalar& tint, std::uint64_t seed) {
    cv::RNG random(seed);
    cv::Mat noise(size.height / 4 + 1, size.width / 4 + 1, CV_8UC3), big, out;
    random.fill(noise, cv::RNG::UNIFORM, 0, 255);
    cv::resize(noise, big, size, 0, 0, cv::INTER_CUBIC);
    cv::addWeighted(big, 0.7, cv::Mat(size, CV_8UC3, tint), 0.3, 0, out);
    return out;
}

// A smooth picture with fine grain (every pixel independent) of `sigma` gray levels.
cv::Mat grainy(cv::Size size, const cv::Scalar& colour, double sigma, std::uint64_t seed) {
    cv::RNG random(seed);
    cv::Mat grain(size, CV_16SC3), shaded, out;
    random.fill(grain, cv::RNG::NORMAL, 0, sigma);
    cv::Mat(size, CV_8UC3, colour).convertTo(shaded, CV_16SC3);
    shaded += grain;
    shaded.convertTo(out, CV_8UC3);
    return out;
}

int seam_in(const cv::Mat& figure, bool vertical) {
    const Canvas canvas = make_canvas(figure, 1000);
    return find_profile_seam(canvas, cv::Rect(0, 0, figure.cols, figure.rows), vertical,
                             min_panel_side(canvas.gray.size()));
}

TEST(PanelProfileSeamsTest, TwoTexturesTintedApartMeetAtTheirSeam) {
    cv::Mat figure(230, 690, CV_8UC3);
    texture({345, 230}, cv::Scalar(200, 40, 120), 1).copyTo(figure(cv::Rect(0, 0, 345, 230)));
    texture({345, 230}, cv::Scalar(30, 190, 60), 2).copyTo(figure(cv::Rect(345, 0, 345, 230)));
    EXPECT_NEAR(seam_in(figure, true), 345, 3);
    // Stacked, the seam is a row.
    cv::Mat stacked;
    cv::transpose(figure, stacked);
    EXPECT_NEAR(seam_in(stacked, false), 345, 3);
}

TEST(PanelProfileSeamsTest, ACoarseTextureBesideAFineGrainOfTheSameColourMeetsIt) {
    // Same mean colour on both sides: only the grain (pixels four apart) tells them apart.
    cv::Mat figure(240, 640, CV_8UC3);
    texture({320, 240}, cv::Scalar(128, 128, 128), 3).copyTo(figure(cv::Rect(0, 0, 320, 240)));
    const cv::Scalar mean = cv::mean(figure(cv::Rect(0, 0, 320, 240)));
    grainy({320, 240}, mean, 12, 4).copyTo(figure(cv::Rect(320, 0, 320, 240)));
    EXPECT_NEAR(seam_in(figure, true), 320, 3);
}

TEST(PanelProfileSeamsTest, OneTextureHasNoSeam) {
    EXPECT_EQ(seam_in(texture({690, 230}, cv::Scalar(90, 90, 160), 5), true), -1);
    EXPECT_EQ(seam_in(texture({690, 230}, cv::Scalar(90, 90, 160), 5), false), -1);
}

TEST(PanelProfileSeamsTest, AStepAlongPartOfTheLengthIsNoSeam) {
    // The tint changes at x = 345 over the top three quarters only: an object inside one
    // picture, not two pictures meeting (real grids align along the whole length). Over
    // the whole length the step is still plain; in the last stretch there is none.
    cv::Mat figure = texture({690, 320}, cv::Scalar(200, 40, 120), 6);
    texture({345, 240}, cv::Scalar(30, 190, 60), 7).copyTo(figure(cv::Rect(345, 0, 345, 240)));
    EXPECT_EQ(seam_in(figure, true), -1);
    // Over the whole length, the same step is a seam.
    texture({345, 80}, cv::Scalar(30, 190, 60), 8).copyTo(figure(cv::Rect(345, 240, 345, 80)));
    EXPECT_NEAR(seam_in(figure, true), 345, 3);
}

TEST(PanelProfileSeamsTest, StripesOfOnePictureAreNoSeam) {
    // Vertical bands 20 px wide (a lattice image, a gel's lanes): the step between two
    // bands is as large as the variation inside each side, so no band edge is a seam.
    cv::Mat figure = grainy({640, 240}, cv::Scalar(120, 120, 120), 20, 9);
    for (int x = 0; x < 640; x += 40) figure(cv::Rect(x, 0, 20, 240)) += cv::Scalar::all(70);
    EXPECT_EQ(seam_in(figure, true), -1);
}

}  // namespace
}  // namespace pubforge::panels
