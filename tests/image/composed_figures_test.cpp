// compose_figure: figures laid out from real panel images (real/pdf-compounds' gold panels), and the panel finder scored on them.
#include "pubforge/image/composed_figures.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <opencv2/imgproc.hpp>

#include "pubforge/core/files.hpp"
#include "pubforge/image/codecs.hpp"
#include "pubforge/image/decode.hpp"
#include "pubforge/image/panels.hpp"
#include "test_support.hpp"

namespace pubforge {
namespace {

// Two made-up "real" images: the generator's own behaviour does not need the corpus.
std::vector<cv::Mat> small_pool() {
    cv::Mat photo(120, 160, CV_8UC3, cv::Scalar(40, 90, 140));
    cv::circle(photo, cv::Point(80, 60), 30, cv::Scalar(200, 180, 90), cv::FILLED);
    cv::Mat chart(100, 200, CV_8UC3, cv::Scalar::all(255));
    cv::line(chart, cv::Point(20, 90), cv::Point(190, 90), cv::Scalar::all(0), 1);
    cv::line(chart, cv::Point(20, 90), cv::Point(20, 5), cv::Scalar::all(0), 1);
    return {photo, chart};
}

TEST(ComposedFiguresTest, PanelsAreTheImagesPlacedAndLetteredInOrder) {
    const std::vector<cv::Mat> pool = small_pool();
    for (std::uint32_t seed = 1; seed <= 40; ++seed) {
        const SyntheticFigure figure = compose_figure(pool, seed);
        ASSERT_GE(figure.panels.size(), 2u) << figure.description;
        ASSERT_EQ(figure.labels.size(), figure.panels.size());
        const cv::Rect whole(0, 0, figure.image.cols, figure.image.rows);
        for (size_t i = 0; i < figure.panels.size(); ++i) {
            EXPECT_EQ(figure.panels[i] & whole, figure.panels[i]) << figure.description;
            for (size_t j = i + 1; j < figure.panels.size(); ++j)
                EXPECT_EQ((figure.panels[i] & figure.panels[j]).area(), 0) << figure.description;
            const char first = figure.labels[0][0];
            EXPECT_TRUE(first == 'a' || first == 'A');
            EXPECT_EQ(figure.labels[i][0], first + static_cast<int>(i));
        }
    }
}

TEST(ComposedFiguresTest, SameSeedSamePixels) {
    const std::vector<cv::Mat> pool = small_pool();
    const SyntheticFigure a = compose_figure(pool, 7), b = compose_figure(pool, 7), c = compose_figure(pool, 8);
    EXPECT_EQ(cv::norm(a.image, b.image, cv::NORM_INF), 0.0);
    EXPECT_TRUE(a.image.size() != c.image.size() || cv::norm(a.image, c.image, cv::NORM_INF) > 0.0);
    EXPECT_TRUE(compose_figure({}, 7).panels.empty());
}

TEST(ComposedFiguresTest, LettersReadCountsOnlyTheRightLetterOnTheRightPanel) {
    SyntheticFigure figure;
    figure.panels = {cv::Rect(0, 0, 100, 100), cv::Rect(110, 0, 100, 100)};
    figure.labels = {"a", "b"};
    EXPECT_EQ(letters_read(figure, {{cv::Rect(0, 0, 100, 100), "a"}, {cv::Rect(110, 0, 100, 100), "b"}}), 2);
    EXPECT_EQ(letters_read(figure, {{cv::Rect(0, 0, 100, 100), "b"}, {cv::Rect(110, 0, 100, 100), "a"}}), 0);
    EXPECT_EQ(letters_read(figure, {{cv::Rect(0, 0, 40, 100), "a"}}), 0);  // covers too little of panel a
}

// Every gold panel of real/pdf-compounds, cut out of its figure.
std::vector<cv::Mat> real_panels(const std::string& folder) {
    std::vector<cv::Mat> pool;
    const nlohmann::json gold = nlohmann::json::parse(read_file(folder + "/gold.json"));
    for (const auto& [name, entry] : gold.items()) {
        const cv::Mat figure = decode_image(read_file(folder + "/" + name));
        for (const auto& sub : entry["gt_subfigures"]) {
            const auto& b = sub["panel"]["box"];
            const cv::Rect box = cv::Rect(cv::Point(b[0].get<int>(), b[1].get<int>()), cv::Point(b[2].get<int>(), b[3].get<int>())) &
                                 cv::Rect(0, 0, figure.cols, figure.rows);
            if (box.width >= 24 && box.height >= 24) pool.push_back(figure(box).clone());
        }
    }
    return pool;
}

TEST(ComposedFiguresTest, PanelFinderOnFiguresComposedFromRealPanels) {
    PUBFORGE_REQUIRE_CORPUS(folder, "real/pdf-compounds");
    const std::vector<cv::Mat> pool = real_panels(folder);
    ASSERT_GE(pool.size(), 150u);
    const char* const debug_dir = std::getenv("PANELS_DEBUG_DIR");
    double imageclef = 0.0;
    int read = 0, drawn = 0;
    const int figures = 60;
    for (std::uint32_t seed = 1; seed <= static_cast<std::uint32_t>(figures); ++seed) {
        const SyntheticFigure figure = compose_figure(pool, seed);
        const PanelDetection detection = detect_panels(figure.image);
        std::vector<cv::Rect> boxes;
        std::vector<std::pair<cv::Rect, std::string>> labelled;
        for (const Panel& p : detection.panels) {
            boxes.push_back(p.box);
            labelled.emplace_back(p.box, p.label);
        }
        const double score = imageclef_score(figure.panels, boxes);
        const int letters = letters_read(figure, labelled);
        imageclef += score;
        read += letters;
        drawn += static_cast<int>(figure.panels.size());
        if (debug_dir && (score < 1.0 || letters < static_cast<int>(figure.panels.size()))) {
            std::printf("    miss %s seed %u: ImageCLEF %.2f letters %d/%zu\n", figure.description.c_str(), seed, score,
                        letters, figure.panels.size());
            const std::string stem = std::string(debug_dir) + "/composed-" + std::to_string(seed);
            std::ofstream(stem + ".png", std::ios::binary) << encode_png(render_panels(figure.image, detection));
            std::ofstream(stem + "-figure.png", std::ios::binary) << encode_png(figure.image);
        }
    }
    std::printf("  composed from %zu real panels: ImageCLEF %.3f, letters %d/%d = %.3f over %d figures\n", pool.size(),
                imageclef / figures, read, drawn, static_cast<double>(read) / drawn, figures);
    // Measured 0.830 and 145/252 = 0.575 (139/252 with brackets read as brackets; 0.843 and 131/252
    // before: two sets that now form regroup a panel whose letter is unread; 0.769 and
    // 105/252 when this set was made, the generated seed mix then at 0.873 and 0.707): real
    // photographs touching with no gutter, figures on black paper, and letters on real
    // photographs are what still fails.
    EXPECT_GE(imageclef / figures, 0.82);
    EXPECT_GE(static_cast<double>(read) / drawn, 0.56);
}

}  // namespace
}  // namespace pubforge
