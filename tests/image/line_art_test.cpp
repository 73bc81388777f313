// Tests of the line-art test that picks PNG or JPEG for a transcoded figure.
#include "pubforge/image/line_art.hpp"

#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

namespace pubforge {
namespace {

cv::Mat bar_chart() {
    cv::Mat chart(300, 400, CV_8UC3, cv::Scalar(255, 255, 255));
    cv::line(chart, {40, 260}, {380, 260}, cv::Scalar(0, 0, 0), 2, cv::LINE_AA);
    cv::line(chart, {40, 20}, {40, 260}, cv::Scalar(0, 0, 0), 2, cv::LINE_AA);
    for (int i = 0; i < 5; ++i)
        cv::rectangle(chart, {60 + i * 60, 240 - i * 40}, {100 + i * 60, 259}, cv::Scalar(180, 90, 30), cv::FILLED);
    cv::putText(chart, "Dose (mg)", {150, 290}, cv::FONT_HERSHEY_SIMPLEX, 0.6, cv::Scalar(0, 0, 0), 1, cv::LINE_AA);
    return chart;
}

cv::Mat micrograph() {
    cv::Mat photo(300, 400, CV_8UC3);
    cv::RNG rng(11);
    rng.fill(photo, cv::RNG::NORMAL, cv::Scalar(120, 80, 160), cv::Scalar(40, 30, 50));
    cv::GaussianBlur(photo, photo, cv::Size(5, 5), 0);
    return photo;
}

TEST(LineArtTest, ChartsAreLineArtAndPhotographsAreNot) {
    EXPECT_TRUE(is_line_art(bar_chart()));
    EXPECT_FALSE(is_line_art(micrograph()));
}

TEST(LineArtTest, APhotographPanelInAChartFigureTipsItToPhotograph) {
    cv::Mat figure = bar_chart();
    micrograph()(cv::Rect(0, 0, 200, 300)).copyTo(figure(cv::Rect(200, 0, 200, 300)));
    EXPECT_FALSE(is_line_art(figure));
}

TEST(LineArtTest, LargeImagesAreSampledWithTheSameAnswer) {
    cv::Mat big;
    cv::resize(bar_chart(), big, {4000, 3000}, 0, 0, cv::INTER_NEAREST);
    EXPECT_TRUE(is_line_art(big));
    EXPECT_FALSE(is_line_art(cv::Mat()));
}

}  // namespace
}  // namespace pubforge
