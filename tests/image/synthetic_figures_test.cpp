// The generator and scorer the panel tests rely on; also renders docs/images/crop-*.png on request.
#include "pubforge/image/synthetic_figures.hpp"

#include <gtest/gtest.h>

#include <cstdlib>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "pubforge/image/panels.hpp"

namespace pubforge {
namespace {

TEST(SyntheticFiguresTest, SameSeedSameFigure) {
    const SyntheticFigure a = make_synthetic_figure(42), b = make_synthetic_figure(42);
    EXPECT_EQ(cv::norm(a.image, b.image, cv::NORM_INF), 0.0);
    EXPECT_EQ(a.panels, b.panels);
    for (const cv::Rect& box : a.panels) EXPECT_EQ(box & cv::Rect(0, 0, a.image.cols, a.image.rows), box);
}

TEST(SyntheticFiguresTest, ImageClefRuleMatchesTheScorer) {
    const std::vector<cv::Rect> gold = {{0, 0, 100, 100}, {110, 0, 100, 100}};
    EXPECT_DOUBLE_EQ(imageclef_score(gold, gold), 1.0);
    EXPECT_DOUBLE_EQ(imageclef_score(gold, {{0, 0, 210, 100}}), 0.0);  // under 2/3 inside either
    EXPECT_DOUBLE_EQ(imageclef_score(gold, {{0, 0, 120, 100}}), 0.5);  // 5/6 inside the first
    EXPECT_DOUBLE_EQ(imageclef_score(gold, {{0, 0, 100, 100}, {0, 0, 100, 100}, {110, 0, 100, 100}}), 2.0 / 3.0);
}

// Writes before/after pictures for docs/crop.md when PUBFORGE_DOCS_IMAGES names a folder
// (tools/render_crop_docs.sh); skipped otherwise.
TEST(SyntheticFiguresTest, RenderDocsPictures) {
    const char* folder = std::getenv("PUBFORGE_DOCS_IMAGES");
    if (!folder) GTEST_SKIP() << "set PUBFORGE_DOCS_IMAGES to write docs pictures";
    const std::pair<SyntheticLayout, std::uint32_t> examples[] = {{SyntheticLayout::GutterGrid, 398},
                                                                   {SyntheticLayout::TouchingPhotos, 25},
                                                                   {SyntheticLayout::RuledPhotos, 49},
                                                                   {SyntheticLayout::ThinGutters, 1},
                                                                   {SyntheticLayout::LetterForms, 1}};
    for (const auto& [layout, seed] : examples) {
        const SyntheticFigure figure = make_synthetic_figure(seed, layout);
        const cv::Mat after = render_panels(figure.image, detect_panels(figure.image));
        cv::Mat pair;
        cv::vconcat(figure.image, after, pair);
        cv::Mat small;
        const double scale = std::min(1.0, 260.0 / pair.cols);
        cv::resize(pair, small, cv::Size(), scale, scale, cv::INTER_AREA);
        ASSERT_TRUE(cv::imwrite(std::string(folder) + "/crop-" + layout_name(layout) + ".png", small,
                                {cv::IMWRITE_PNG_COMPRESSION, 9}));
    }
}

}  // namespace
}  // namespace pubforge
