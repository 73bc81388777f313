// Run labelling against OpenCV's connectedComponentsWithStats on masks of figure-like content.
#include "image/run_components.hpp"

#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include "pubforge/image/synthetic_figures.hpp"

namespace pubforge::panels {
namespace {

// A mask the size of the component's box, 255 on its pixels, from its runs.
cv::Mat mask_of(const RunComponents& components, int label) {
    const cv::Rect box = components.boxes[static_cast<size_t>(label)];
    cv::Mat out = cv::Mat::zeros(box.size(), CV_8U);
    for (const RunComponents::Run& run : components.runs_of(label))
        out(cv::Rect(run.x0 - box.x, run.y - box.y, run.x1 - run.x0, 1)).setTo(255);
    return out;
}

// Same components (box and area, in the same raster order) and the same pixels as OpenCV.
void expect_same_as_opencv(const cv::Mat& mask) {
    const RunComponents runs = label_runs(mask);
    cv::Mat ids, stats, centroids;
    const int count = cv::connectedComponentsWithStats(mask, ids, stats, centroids, 8, CV_32S);
    ASSERT_EQ(static_cast<int>(runs.boxes.size()), count - 1);
    // OpenCV's numbering is not promised to be raster order: match components by a pixel.
    for (int i = 1; i < count; ++i) {
        const cv::Rect box(stats.at<int>(i, cv::CC_STAT_LEFT), stats.at<int>(i, cv::CC_STAT_TOP),
                           stats.at<int>(i, cv::CC_STAT_WIDTH), stats.at<int>(i, cv::CC_STAT_HEIGHT));
        int x = box.x;
        while (ids.at<int>(box.y, x) != i) ++x;
        const int label = runs.label_at(x, box.y);
        ASSERT_GE(label, 0);
        EXPECT_EQ(runs.boxes[static_cast<size_t>(label)], box);
        EXPECT_EQ(runs.areas[static_cast<size_t>(label)], stats.at<int>(i, cv::CC_STAT_AREA));
        const cv::Mat own = ids(box) == i;
        EXPECT_EQ(cv::countNonZero(own != mask_of(runs, label)), 0);
    }
    // Raster order of first pixels.
    for (size_t k = 1; k < runs.boxes.size(); ++k) {
        const auto first_pixel = [&](size_t label) {
            for (const auto& run : runs.runs)
                if (run.label == static_cast<int>(label)) return std::make_pair(run.y, run.x0);
            return std::make_pair(-1, -1);
        };
        EXPECT_LT(first_pixel(k - 1), first_pixel(k));
    }
}

TEST(RunComponentsTest, MatchesOpenCvOnGeneratedFigures) {
    for (std::uint32_t seed = 1; seed <= 12; ++seed) {
        const cv::Mat figure = make_synthetic_figure(seed).image;
        cv::Mat gray, mask;
        cv::cvtColor(figure, gray, cv::COLOR_BGR2GRAY);
        cv::threshold(gray, mask, 200, 1, cv::THRESH_BINARY_INV);
        SCOPED_TRACE(seed);
        expect_same_as_opencv(mask);
    }
}

TEST(RunComponentsTest, DiagonalTouchesJoinAndUShapesMerge) {
    // A U (two arms joined only at the bottom), a diagonal staircase, and noise.
    cv::Mat mask = cv::Mat::zeros(40, 67, CV_8U);
    mask(cv::Rect(2, 2, 3, 20)).setTo(1);
    mask(cv::Rect(12, 2, 3, 20)).setTo(1);
    mask(cv::Rect(2, 20, 13, 3)).setTo(1);
    for (int i = 0; i < 15; ++i) mask.at<uchar>(5 + i, 20 + i) = 1;
    cv::RNG rng(7);
    for (int i = 0; i < 300; ++i) mask.at<uchar>(rng.uniform(25, 40), rng.uniform(0, 67)) = 1;
    expect_same_as_opencv(mask);
    const RunComponents runs = label_runs(mask);
    EXPECT_EQ(runs.label_at(2, 2), runs.label_at(12, 2));   // the U is one piece
    EXPECT_EQ(runs.label_at(20, 5), runs.label_at(34, 19));  // so is the staircase
    EXPECT_EQ(runs.label_at(6, 6), -1);
}

TEST(RunComponentsTest, NonBinaryMasksAndEdgeCases) {
    cv::Mat mask = cv::Mat::zeros(9, 23, CV_8U);
    mask.row(0).setTo(255);                  // a full row, 0/255 values
    mask(cv::Rect(22, 3, 1, 6)).setTo(7);    // the last column
    expect_same_as_opencv(mask);
    expect_same_as_opencv(cv::Mat::ones(5, 17, CV_8U));
    EXPECT_TRUE(label_runs(cv::Mat::zeros(4, 4, CV_8U)).boxes.empty());
}

}  // namespace
}  // namespace pubforge::panels
