// Panel detection on generated compound figures with known boxes, scored with the ImageCLEF rule.
#include "pubforge/image/panels.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>

#include <opencv2/imgproc.hpp>

#include "image/glyph_raster.hpp"
#include "pubforge/image/codecs.hpp"
#include "pubforge/image/synthetic_figures.hpp"

namespace pubforge {
namespace {

std::vector<cv::Rect> boxes_of(const PanelDetection& detection) {
    std::vector<cv::Rect> boxes;
    for (const Panel& p : detection.panels) boxes.push_back(p.box);
    return boxes;
}

// The figure with Gaussian grain of `sigma` gray levels added to every channel, as a scan or photograph has.
cv::Mat with_grain(const cv::Mat& figure, double sigma) {
    cv::Mat grain(figure.size(), CV_16SC3), grainy, out;
    cv::randn(grain, cv::Scalar::all(0), cv::Scalar::all(sigma));
    figure.convertTo(grainy, CV_16SC3);
    grainy += grain;
    grainy.convertTo(out, CV_8UC3);
    return out;
}

double score_layout(SyntheticLayout layout, std::uint32_t first_seed, int count) {
    double total = 0.0;
    for (int i = 0; i < count; ++i) {
        const SyntheticFigure figure = make_synthetic_figure(first_seed + static_cast<std::uint32_t>(i), layout);
        total += imageclef_score(figure.panels, boxes_of(detect_panels(figure.image)));
    }
    return total / count;
}

// How one generated figure was detected: its ImageCLEF score and its letters read of drawn.
struct FigureScore {
    double imageclef = 0.0;
    int letters_read = 0, letters_drawn = 0;
};

// A drawn letter counts as read when the detected panel holding most of its panel
// carries it. With PANELS_DEBUG_DIR set, figures with a miss are written there with
// their detected boxes, and as drawn (-figure.png, for `pubforge crop --images`), named by
// layout and seed: to look at, not to assert on.
FigureScore score_figure(const SyntheticFigure& figure, std::uint32_t seed) {
    const PanelDetection detection = detect_panels(figure.image);
    FigureScore score;
    score.imageclef = imageclef_score(figure.panels, boxes_of(detection));
    for (size_t i = 0; i < figure.panels.size(); ++i) {
        if (figure.labels[i].empty()) continue;
        ++score.letters_drawn;
        for (const Panel& p : detection.panels)
            if ((p.box & figure.panels[i]).area() > 0.6 * figure.panels[i].area() && p.label == figure.labels[i]) {
                ++score.letters_read;
                break;
            }
    }
    static const char* const debug_dir = std::getenv("PANELS_DEBUG_DIR");
    if (debug_dir && (score.imageclef < 1.0 || score.letters_read < score.letters_drawn)) {
        std::printf("    miss %s seed %u: ImageCLEF %.2f letters %d/%d\n", figure.description.c_str(), seed,
                    score.imageclef, score.letters_read, score.letters_drawn);
        const std::string stem = std::string(debug_dir) + "/" + layout_name(figure.layout) + "-" + std::to_string(seed);
        std::ofstream(stem + ".png", std::ios::binary) << encode_png(render_panels(figure.image, detection));
        std::ofstream(stem + "-figure.png", std::ios::binary) << encode_png(figure.image);
    }
    return score;
}

TEST(PanelsTest, GeneratedSetScoresLikeTheCorpus) {
    // The generated test set: every layout, 120 figures. Report the per-layout scores
    // so a regression shows where it happened.
    std::map<std::string, std::array<double, 4>> by_layout;  // ImageCLEF sum, figures, letters read, drawn
    double total = 0.0;
    int read = 0, drawn = 0;
    const int figures = 120;
    for (int seed = 1; seed <= figures; ++seed) {
        const SyntheticFigure figure = make_synthetic_figure(static_cast<std::uint32_t>(seed));
        const FigureScore score = score_figure(figure, static_cast<std::uint32_t>(seed));
        auto& entry = by_layout[layout_name(figure.layout)];
        entry[0] += score.imageclef;
        entry[1] += 1;
        entry[2] += score.letters_read;
        entry[3] += score.letters_drawn;
        total += score.imageclef;
        read += score.letters_read;
        drawn += score.letters_drawn;
    }
    for (const auto& [name, entry] : by_layout)
        std::printf("  %-18s %.3f over %.0f figures, letters %.0f/%.0f\n", name.c_str(), entry[0] / entry[1], entry[1],
                    entry[2], entry[3]);
    const double accuracy = total / figures;
    std::printf("  generated ImageCLEF accuracy %.3f, letters %d/%d\n", accuracy, read, drawn);
    // Measured 0.956 and letters 327/355 = 0.921 after issue 17's third round (statistics seams,
    // the dark background as the pictures' own, the page under dark frames; the letters
    // round: i dots, I/l bars, panel corners beside letters, far margin letters, a
    // core-only level on grains, corner windows under a joined text line, split bands
    // above x-height letters, case-free first letters). Before: 0.873 and 251/355; 0.860
    // and 209/355 before issue 17's second round; touching photos 0.567 -> 0.871.
    EXPECT_GE(accuracy, 0.945);
    EXPECT_GE(static_cast<double>(read) / drawn, 0.905);
}

TEST(PanelsTest, SinglePanelFiguresStayWhole) {
    for (std::uint32_t seed = 1; seed <= 12; ++seed) {
        const SyntheticFigure figure = make_synthetic_figure(seed, SyntheticLayout::Single);
        const PanelDetection detection = detect_panels(figure.image);
        EXPECT_FALSE(detection.compound) << figure.description << " seed " << seed;
        ASSERT_EQ(detection.panels.size(), 1u);
        EXPECT_EQ(detection.panels[0].box, cv::Rect(0, 0, figure.image.cols, figure.image.rows));
        EXPECT_EQ(detection.panels[0].method, "whole");
    }
}

TEST(PanelsTest, GutterGridsSplitExactly) {
    EXPECT_GE(score_layout(SyntheticLayout::GutterGrid, 100, 15), 0.95);
    EXPECT_GE(score_layout(SyntheticLayout::ColouredGutters, 200, 15), 0.9);
}

TEST(PanelsTest, TouchingPhotosSplitAtTheSeam) {
    const double touching = score_layout(SyntheticLayout::TouchingPhotos, 300, 15);
    const double ruled = score_layout(SyntheticLayout::RuledPhotos, 400, 15);
    std::printf("  touching photos %.3f, ruled photos %.3f\n", touching, ruled);
    // Measured 0.913 and 0.935 (0.846 and 0.928 before a dark background counted as the
    // pictures' own; touching 0.687 before seams found as a step in line statistics; 0.54
    // and 0.79 while grainy photographs hid every seam).
    EXPECT_GE(touching, 0.88);
    EXPECT_GE(ruled, 0.91);
}

TEST(PanelsTest, GrainyPhotographsSplitAtTheirSeam) {
    // Two grainy photographs touching at x = 300: every column of grain jumps on about half
    // its lines, which once hid the seam (it had to jump three times as often as a typical column).
    cv::Mat figure(360, 620, CV_8UC3);
    figure(cv::Rect(0, 0, 300, 360)).setTo(cv::Scalar(150, 170, 120));
    figure(cv::Rect(300, 0, 320, 360)).setTo(cv::Scalar(90, 90, 100));
    cv::circle(figure, {150, 180}, 70, cv::Scalar(60, 160, 200), cv::FILLED);
    cv::circle(figure, {460, 120}, 60, cv::Scalar(200, 120, 200), cv::FILLED);
    const PanelDetection detection = detect_panels(with_grain(figure, 40));
    ASSERT_EQ(detection.panels.size(), 2u);
    EXPECT_NEAR(detection.panels[0].box.br().x, 300, 3);
    EXPECT_NEAR(detection.panels[1].box.x, 300, 3);
    EXPECT_EQ(detection.panels[0].method, "edge");
    // The grain alone, with no seam, stays one panel.
    EXPECT_FALSE(detect_panels(with_grain(cv::Mat(360, 620, CV_8UC3, cv::Scalar(120, 140, 110)), 40)).compound);
}

TEST(PanelsTest, ScansSideBySideSplitAtTheLightLineBetweenThem) {
    // Two CT-like scans (yfpeng Fig8): dark frames with a bright oval body, joined by an
    // anti-aliased light line 4 px wide, a light row at the top and bottom. Near the line
    // only about two thirds of each side is content, which once kept them one panel.
    cv::Mat figure(390, 790, CV_8UC3, cv::Scalar::all(35));
    for (int x0 : {0, 396}) {
        cv::ellipse(figure, {x0 + 197, 180}, {175, 110}, 0, 0, 360, cv::Scalar::all(200), cv::FILLED);
        cv::ellipse(figure, {x0 + 140, 175}, {45, 60}, 0, 0, 360, cv::Scalar::all(60), cv::FILLED);
        cv::ellipse(figure, {x0 + 255, 175}, {45, 60}, 0, 0, 360, cv::Scalar::all(60), cv::FILLED);
        cv::rectangle(figure, cv::Rect(x0 + 160, 330, 75, 12), cv::Scalar::all(230), cv::FILLED);  // the table
    }
    const int line[] = {184, 255, 254, 215};
    for (int k = 0; k < 4; ++k) figure.col(392 + k).setTo(cv::Scalar::all(line[k]));
    figure.row(0).setTo(cv::Scalar::all(194));
    figure.row(389).setTo(cv::Scalar::all(194));
    const PanelDetection detection = detect_panels(with_grain(figure, 6));
    ASSERT_EQ(detection.panels.size(), 2u);
    EXPECT_NEAR(detection.panels[0].box.br().x, 393, 3);
    EXPECT_NEAR(detection.panels[1].box.x, 393, 3);
}

TEST(PanelsTest, CaptionLinesPrintedIntoTheImageAreNotPanelContent) {
    // A figure cropped from a page (medicat 57c9...Figure2): the end of the paragraph above
    // and the caption's first line below, across the whole width, around two photographs.
    const auto figure_with = [](const std::string& top, const std::string& bottom) {
        cv::Mat figure(400, 740, CV_8UC3, cv::Scalar::all(255));
        figure(cv::Rect(0, 40, 360, 320)).setTo(cv::Scalar(60, 90, 160));
        figure(cv::Rect(370, 40, 370, 320)).setTo(cv::Scalar(90, 90, 90));
        cv::circle(figure, {180, 200}, 90, cv::Scalar(30, 140, 220), cv::FILLED);
        cv::circle(figure, {560, 180}, 80, cv::Scalar(200, 200, 200), cv::FILLED);
        cv::putText(figure, top, {4, 22}, cv::FONT_HERSHEY_SIMPLEX, 0.62, cv::Scalar::all(0), 1, cv::LINE_AA);
        cv::putText(figure, bottom, {4, 386}, cv::FONT_HERSHEY_SIMPLEX, 0.62, cv::Scalar::all(0), 1, cv::LINE_AA);
        return detect_panels(with_grain(figure, 4));
    };
    const PanelDetection captioned = figure_with("bougie or balloon dilatation followed by surgical resection of the",
                                                 "Figure 2. Complete resolution of the colonic obstruction occurred at");
    ASSERT_EQ(captioned.panels.size(), 2u);
    for (const Panel& panel : captioned.panels) {
        EXPECT_NEAR(panel.box.y, 40, 3);
        EXPECT_NEAR(panel.box.br().y, 360, 3);
    }
    // Axis titles, one under each panel with a panel-wide gap between them, stay with their panels.
    const PanelDetection titled = figure_with("", "       Time (h)                                  Dose (mg)");
    ASSERT_EQ(titled.panels.size(), 2u);
    for (const Panel& panel : titled.panels) EXPECT_GT(panel.box.br().y, 370);
}

TEST(PanelsTest, IrregularLayoutsKeepTheTallPanel) {
    EXPECT_GE(score_layout(SyntheticLayout::Irregular, 500, 15), 0.9);
}

TEST(PanelsTest, ThinLineAtTheImageEdgeDoesNotBlockGutters) {
    // A page's rule printed beside the figure (medicat 57c9...Figure1): a 2-pixel line
    // down the right edge crosses every row gutter. Panels must be found as without it.
    double plain = 0.0, ruled = 0.0;
    for (std::uint32_t seed = 100; seed < 115; ++seed) {
        const SyntheticFigure figure = make_synthetic_figure(seed, SyntheticLayout::GutterGrid);
        // The rule runs 2 pixels from the panels' right edge: too close to be a gutter.
        cv::Mat ink;
        cv::cvtColor(figure.image, ink, cv::COLOR_BGR2GRAY);
        const cv::Rect content = cv::boundingRect(ink < 200);
        cv::Mat padded;
        cv::copyMakeBorder(figure.image(cv::Rect(0, 0, content.x + content.width, figure.image.rows)), padded, 0, 0,
                           0, 4, cv::BORDER_CONSTANT, cv::Scalar::all(255));
        plain += imageclef_score(figure.panels, boxes_of(detect_panels(padded)));
        // Its gray drifts along its length, as a scanned rule's does: not a uniform line.
        for (int y = 0; y < padded.rows; ++y)
            for (int x = padded.cols - 2; x < padded.cols; ++x)
                padded.at<cv::Vec3b>(y, x) = cv::Vec3b::all(static_cast<uchar>(40 + 120 * y / padded.rows));
        ruled += imageclef_score(figure.panels, boxes_of(detect_panels(padded)));
    }
    EXPECT_GE(plain / 15, 0.9);
    EXPECT_GE(ruled, plain - 0.01);
}

TEST(PanelsTest, BackgroundIsEstimatedNotAssumed) {
    const SyntheticFigure figure = make_synthetic_figure(7, SyntheticLayout::ColouredGutters);
    const PanelDetection detection = detect_panels(figure.image);
    const cv::Vec3b paper = figure.image.at<cv::Vec3b>(0, 0);
    EXPECT_NEAR(detection.background[0], paper[0], 8);
}

TEST(PanelsTest, PrintedLettersAreReadAndOrderPanels) {
    // Letters outside the panels, drawn by the generator: each panel found carries its
    // letter and panels come in letter order.
    int read = 0, drawn = 0;
    for (std::uint32_t seed = 1; seed <= 60; ++seed) {
        const SyntheticFigure figure = make_synthetic_figure(seed, SyntheticLayout::GutterGrid);
        if (figure.labels.empty() || figure.labels[0].empty()) continue;
        const PanelDetection detection = detect_panels(figure.image);
        std::string previous;
        for (const Panel& p : detection.panels) {
            if (p.label.empty()) continue;
            EXPECT_LT(previous, p.label) << figure.description << " seed " << seed;
            previous = p.label;
        }
        for (size_t i = 0; i < figure.panels.size(); ++i) {
            ++drawn;
            for (const Panel& p : detection.panels)
                if ((p.box & figure.panels[i]).area() > 0.6 * figure.panels[i].area() && p.label == figure.labels[i]) ++read;
        }
    }
    ASSERT_GT(drawn, 0);
    std::printf("  panel letters read %d of %d\n", read, drawn);
    // Measured 0.973, 218 of 224 (0.86, 193 before the letters round; 0.84 before issue 17's second round; 0.39 before letters
    // inside photographs were looked for in each region's corner and letters named the
    // gutter regions without regrouping them).
    EXPECT_GE(static_cast<double>(read) / drawn, 0.96);
}

// Share of the drawn letters that the panel holding most of the letter's panel carries.
double letters_read(SyntheticLayout layout, std::uint32_t seeds, double* imageclef = nullptr) {
    int read = 0, drawn = 0;
    double total = 0.0;
    for (std::uint32_t seed = 1; seed <= seeds; ++seed) {
        const FigureScore score = score_figure(make_synthetic_figure(seed, layout), seed);
        total += score.imageclef;
        read += score.letters_read;
        drawn += score.letters_drawn;
    }
    if (imageclef) *imageclef = total / seeds;
    return drawn ? static_cast<double>(read) / drawn : 0.0;
}

TEST(PanelsTest, LettersInsidePhotographsAreRead) {
    // Ruled photographs carry their letters inside, white on dark and black on light:
    // the figure-wide mask sees only the photograph, the corner search sees the glyph.
    double imageclef = 0.0;
    const double read = letters_read(SyntheticLayout::RuledPhotos, 30, &imageclef);
    std::printf("  letters inside photographs %.3f, ImageCLEF %.3f\n", read, imageclef);
    EXPECT_GE(read, 0.95);  // measured 0.981 (0.961 on the letters round alone, 0.816 before it, 0.709 before the splits at letters, 0.02 before the corner search)
}

TEST(PanelsTest, TouchingPhotographsSplitAtTheLettersInsideThem) {
    // A 2x2 grid of grainy photographs of one shade, touching with no gutter, line or
    // seam: only the letters in their corners say where one ends. Without the letters
    // it stays one panel; with them, four panels named a-d at the letters' grid.
    const auto face = glyphs::FontFace::open("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf");
    if (!face) GTEST_SKIP() << "DejaVu Sans Bold is not installed";
    cv::Mat plain(480, 640, CV_8UC3, cv::Scalar(70, 80, 90));
    cv::circle(plain, {150, 130}, 60, cv::Scalar(60, 100, 80), cv::FILLED);
    cv::circle(plain, {470, 360}, 70, cv::Scalar(90, 70, 60), cv::FILLED);
    plain = with_grain(plain, 6);
    EXPECT_FALSE(detect_panels(plain).compound);
    cv::Mat lettered = plain.clone();
    const cv::Point corners[] = {{0, 0}, {350, 0}, {0, 260}, {350, 260}};
    for (int i = 0; i < 4; ++i)
        face->draw(lettered, std::string(1, static_cast<char>('a' + i)), corners[i] + cv::Point(8, 4), 22,
                   cv::Scalar::all(255));
    const PanelDetection detection = detect_panels(lettered);
    ASSERT_EQ(detection.panels.size(), 4u);
    for (int i = 0; i < 4; ++i) {
        EXPECT_EQ(detection.panels[static_cast<size_t>(i)].label, std::string(1, static_cast<char>('a' + i)));
        EXPECT_NEAR(detection.panels[static_cast<size_t>(i)].box.x, corners[i].x, 3);
        EXPECT_NEAR(detection.panels[static_cast<size_t>(i)].box.y, corners[i].y, 3);
    }
}

TEST(PanelsTest, IssueSeventeenLayouts) {
    // Thin gutters (2-6 px) in mixed rows, dense 3x4/4x4 photograph grids, and letters
    // in varied forms (Sans/Serif, bold or not, "a" "(a)" "a.", 9-30 px, inside or above),
    // and panels holding framed insets.
    double imageclef = 0.0;
    const double thin = letters_read(SyntheticLayout::ThinGutters, 30, &imageclef);
    std::printf("  thin gutters ImageCLEF %.3f letters %.3f\n", imageclef, thin);
    EXPECT_GE(imageclef, 0.90);  // measured 0.939 (0.893 before issue 17's third round, 0.888 before its second)
    EXPECT_GE(thin, 0.69);       // measured 0.715 (0.596 before the third round, 0.556)
    const double dense = letters_read(SyntheticLayout::DenseGrid, 30, &imageclef);
    std::printf("  dense grids ImageCLEF %.3f letters %.3f\n", imageclef, dense);
    EXPECT_GE(imageclef, 0.89);  // measured 0.917 (0.852 before the third round, 0.806)
    EXPECT_GE(dense, 0.63);      // measured 0.655 (0.443 before the third round, 0.359)
    const double forms = letters_read(SyntheticLayout::LetterForms, 30, &imageclef);
    std::printf("  letter forms ImageCLEF %.3f letters %.3f\n", imageclef, forms);
    EXPECT_GE(imageclef, 0.89);  // measured 0.921 (0.918 before the third round, 0.909)
    EXPECT_GE(forms, 0.69);      // measured 0.709 with brackets read and taller glyphs on the paper (0.689; 0.649 before the third round, 0.570)
    const double insets = letters_read(SyntheticLayout::Insets, 30, &imageclef);
    std::printf("  insets ImageCLEF %.3f letters %.3f\n", imageclef, insets);
    // A framed inset is part of its panel: measured 0.938 (0.910 when added). Misses: a plot inset on a white
    // chart split off as a panel of its own, a photograph cut along its inset's frame, and
    // the failures of the other layouts (a dark micrograph's background taken for paper).
    EXPECT_GE(imageclef, 0.90);
    EXPECT_GE(insets, 0.74);  // measured 0.755 with taller glyphs on the paper (0.742; 0.675 when added)
}

TEST(PanelsTest, CaptionCountJoinsOversplitPanelsButNeverInventsOnes) {
    const SyntheticFigure figure = make_synthetic_figure(11, SyntheticLayout::GutterGrid);
    ASSERT_GE(figure.panels.size(), 2u);
    PanelOptions fewer;
    fewer.read_labels = false;
    fewer.expected_panels = 1;
    EXPECT_EQ(detect_panels(figure.image, fewer).panels.size(), 1u);
    PanelOptions more;
    more.read_labels = false;
    more.expected_panels = static_cast<int>(figure.panels.size()) + 5;
    EXPECT_LE(detect_panels(figure.image, more).panels.size(), figure.panels.size());
}

TEST(PanelsTest, DegenerateImagesNeverFail) {
    const cv::Mat strips[] = {cv::Mat(1, 500, CV_8UC3, cv::Scalar::all(30)), cv::Mat(500, 1, CV_8UC3, cv::Scalar::all(30)),
                              cv::Mat(1, 1, CV_8UC3, cv::Scalar::all(0)), cv::Mat(300, 300, CV_8UC3, cv::Scalar::all(255))};
    for (const cv::Mat& strip : strips) {
        const PanelDetection detection = detect_panels(strip);
        ASSERT_EQ(detection.panels.size(), 1u);
        EXPECT_FALSE(detection.compound);
    }
    EXPECT_TRUE(detect_panels(cv::Mat()).panels.empty());
}

TEST(PanelsTest, MostlyTextImagesStayWhole) {
    // A table saved as an image: lines of text, no panels.
    cv::Mat table(400, 600, CV_8UC3, cv::Scalar::all(255));
    for (int row = 0; row < 16; ++row)
        for (int col = 0; col < 4; ++col)
            cv::putText(table, "cell " + std::to_string(row * 4 + col), cv::Point(10 + col * 150, 20 + row * 24),
                        cv::FONT_HERSHEY_SIMPLEX, 0.5, cv::Scalar::all(0), 1, cv::LINE_AA);
    const PanelDetection detection = detect_panels(table);
    EXPECT_LE(detection.panels.size(), 2u);
}

}  // namespace
}  // namespace pubforge
