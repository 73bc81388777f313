// Tests of figure rendering on PDFs written by the test: one image per figure from the page, its format, and renderer failures.
#include "pubforge/pdf/figure_render.hpp"

#include <sys/stat.h>

#include <fstream>

#include <gtest/gtest.h>

#include "pdf_writer_support.hpp"
#include "pubforge/core/error.hpp"
#include "pubforge/core/hash.hpp"
#include "pubforge/image/codecs.hpp"
#include "pubforge/core/child_process.hpp"
#include "pubforge/pdf/pdf_reader.hpp"
#include "test_support.hpp"

namespace pubforge::pdf {
namespace {

using testing::PageWriter;
using testing::write_pdf;

SourceDocument source(const std::string& bytes) { return pubforge::testing::pdf_source(bytes, "render.pdf"); }

const std::vector<std::string> kWideBody = {
    "This page is a single column: its lines run across the whole width of the page, as in a",
    "one-column journal layout, so that figures and captions are read in one column order."};

const std::vector<std::string> kColumn = {"The experiments were run on three sites and the",
                                          "results are reported below with the statistics.",
                                          "We compare the new method against two baselines."};

long argument(const std::vector<std::string>& args, const std::string& flag) {
    for (size_t i = 0; i + 1 < args.size(); ++i)
        if (args[i] == flag) return std::stol(args[i + 1]);
    return -1;
}

std::vector<double> numbers(const nlohmann::json& array) { return array.get<std::vector<double>>(); }

// The rendered image's pixel size is the box at its DPI, so its aspect ratio is the box's.
void expect_whole_box(const nlohmann::json& figure) {
    ASSERT_TRUE(figure.contains("image")) << figure.dump(1);
    const nlohmann::json& image = figure["image"];
    const auto box = numbers(figure["bbox"]);
    EXPECT_EQ(numbers(image["box"]), box);
    EXPECT_EQ(image["page"], figure["page"]);
    const double scale = image["dpi"].get<double>() / 72.0;
    EXPECT_NEAR(image["width"].get<double>(), (box[2] - box[0]) * scale, 2.0);
    EXPECT_NEAR(image["height"].get<double>(), (box[3] - box[1]) * scale, 2.0);
}

class FigureRenderTest : public ::testing::Test {
protected:
    void SetUp() override {
        if (find_program("pdftoppm").empty())
            GTEST_SKIP() << "SKIP: pdftoppm (poppler-utils) not on PATH; tools/install-deps.sh installs it";
    }
    cv::Mat pixels_of(const nlohmann::json& image) { return decode_bytes(store.read(StoredImage::from_json(image))); }

    pubforge::testing::ScratchDir scratch;
    ImageStore store{scratch.file("store")};
};

TEST(RenderArgumentsTest, RegionInPixelsFromTheCropBoxAsPngOnStandardOutput) {
    RenderOptions options;
    const auto args = render_arguments(options, 3, Box{72, 144, 216, 288}, 150);
    EXPECT_EQ(args.front(), "pdftoppm");
    EXPECT_EQ(argument(args, "-f"), 3);
    EXPECT_EQ(argument(args, "-l"), 3);
    EXPECT_EQ(argument(args, "-x"), 150);
    EXPECT_EQ(argument(args, "-y"), 300);
    EXPECT_EQ(argument(args, "-W"), 300);
    EXPECT_EQ(argument(args, "-H"), 300);
    for (const char* flag : {"-cropbox", "-png", "-singlefile"})
        EXPECT_NE(std::find(args.begin(), args.end(), flag), args.end()) << flag;
    EXPECT_EQ(args.back(), "-");
}

TEST(RenderArgumentsTest, ThePixelLimitLowersTheDpiUntilTheRegionFits) {
    RenderOptions options;
    const Box page{0, 0, 612, 792};
    EXPECT_EQ(render_dpi(page, options), 150);  // 1275 x 1650 pixels: under the default limit
    options.max_pixels = 1'000'000;
    const double dpi = render_dpi(page, options);
    EXPECT_LT(dpi, 150);
    EXPECT_GT(dpi, 90);
    const auto args = render_arguments(options, 1, page, dpi);
    EXPECT_LE(argument(args, "-W") * argument(args, "-H"), 1'000'000);
}

TEST_F(FigureRenderTest, VectorOnlyPlotIsRenderedWithItsAxisLabelsAndNotItsCaption) {
    const std::string pdf = write_pdf({[](PageWriter& page) {
        page.paragraph(72, 60, kWideBody, 9, 11);
        page.drawing(150, 120, 300, 150);
        page.text(128, 190, "Dose", 8);           // y-axis title left of the plot
        page.text(150, 274, "0", 7);               // tick labels under the axis
        page.text(440, 274, "10", 7);
        page.text(280, 284, "Time (days)", 8);     // x-axis title
        page.text(72, 310, "Figure 1. A plot drawn with vector paths only.", 9);
        page.paragraph(72, 350, kWideBody, 9, 11);
    }});
    const Record record = parse_pdf(source(pdf), store);
    ASSERT_EQ(record["figures"].size(), 1u);
    const nlohmann::json& figure = record["figures"][0];
    EXPECT_TRUE(figure["graphics"].empty());
    for (const auto& warning : figure["warnings"]) EXPECT_NE(warning["code"], "pdf.no-raster-image") << warning;
    const auto box = numbers(figure["bbox"]);
    EXPECT_LE(box[0], 129);   // takes in "Dose"
    EXPECT_GE(box[3], 290);   // and "Time (days)"
    EXPECT_LT(box[3], 310);   // but not the caption
    expect_whole_box(figure);
    EXPECT_EQ(figure["image"]["format"], "png");  // line art
    EXPECT_EQ(figure["image"]["dpi"], 150);
    const cv::Mat pixels = pixels_of(figure["image"]);
    cv::Mat gray;
    cv::extractChannel(pixels, gray, 0);
    EXPECT_GT(cv::countNonZero(gray < 128), 200) << "the plot's lines are drawn";
}

TEST_F(FigureRenderTest, SeveralImagesAreOneRenderedFigureWithTheImagesAsPdfLayoutPanels) {
    const std::string pdf = write_pdf({[](PageWriter& page) {
        page.paragraph(72, 60, kWideBody, 9, 11);
        page.image(100, 110, 150, 100, 30, 20, 20, 200, 20);
        page.image(300, 110, 150, 100, 30, 20, 20, 20, 200);
        page.text(72, 220, "Fig. 2. Two panels placed side by side: green and blue.", 9);
        page.paragraph(72, 260, kWideBody, 9, 11);
    }});
    const Record record = parse_pdf(source(pdf), store);
    ASSERT_EQ(record["figures"].size(), 1u);
    const nlohmann::json& figure = record["figures"][0];
    expect_whole_box(figure);
    EXPECT_EQ(numbers(figure["bbox"]), (std::vector<double>{100, 110, 450, 210}));
    ASSERT_EQ(figure["subfigures"].size(), 2u);
    EXPECT_EQ(figure["subfigures"][0]["method"], "pdf-layout");
    EXPECT_EQ(numbers(figure["subfigures"][0]["page_bbox"]), (std::vector<double>{100, 110, 250, 210}));
    EXPECT_EQ(numbers(figure["subfigures"][1]["page_bbox"]), (std::vector<double>{300, 110, 450, 210}));
    EXPECT_TRUE(figure["graphics"][0]["image"].is_object());
    // Both panels are in the one image: green on the left, blue on the right, white between.
    const cv::Mat pixels = pixels_of(figure["image"]);
    const int y = pixels.rows / 2;
    EXPECT_EQ(pixels.at<cv::Vec3b>(y, pixels.cols / 5), cv::Vec3b(20, 200, 20));
    EXPECT_EQ(pixels.at<cv::Vec3b>(y, pixels.cols * 4 / 5), cv::Vec3b(200, 20, 20));
    EXPECT_EQ(pixels.at<cv::Vec3b>(y, pixels.cols / 2), cv::Vec3b(255, 255, 255));
}

TEST_F(FigureRenderTest, PhotographsAreJpegAndLineArtPng) {
    std::string noise;
    unsigned state = 12345;
    for (int i = 0; i < 120 * 90 * 3; ++i) {
        state = state * 1103515245u + 12345u;
        noise += static_cast<char>((state >> 16) & 0xff);
    }
    const std::string pdf = write_pdf({[&](PageWriter& page) {
        page.paragraph(72, 60, kWideBody, 9, 11);
        page.image_samples(150, 110, 240, 180, 120, 90, noise);
        page.text(72, 300, "Figure 1. A micrograph with grain everywhere.", 9);
        page.paragraph(72, 340, kWideBody, 9, 11);
    }});
    const Record record = parse_pdf(source(pdf), store);
    ASSERT_EQ(record["figures"].size(), 1u);
    expect_whole_box(record["figures"][0]);
    EXPECT_EQ(record["figures"][0]["image"]["format"], "jpeg");
}

TEST_F(FigureRenderTest, SideCaptionFigureIsRenderedWithoutItsCaption) {
    const std::string pdf = write_pdf({[](PageWriter& page) {
        page.paragraph(72, 60, kWideBody, 9, 11);
        page.image(72, 120, 260, 180, 26, 18, 200, 30, 30);
        page.paragraph(350, 180, {"Figure 4. A side caption set to", "the right of its figure, in the",
                                  "space the picture leaves free."},
                       9, 11);
        page.paragraph(72, 340, kWideBody, 9, 11);
    }});
    const Record record = parse_pdf(source(pdf), store);
    ASSERT_EQ(record["figures"].size(), 1u);
    const nlohmann::json& figure = record["figures"][0];
    EXPECT_EQ(figure["label"], "Figure 4");
    EXPECT_EQ(figure["caption"]["text"], "A side caption set to the right of its figure, in the space the picture leaves free.");
    const auto box = numbers(figure["bbox"]);
    EXPECT_NEAR(box[0], 72, 1.5);
    EXPECT_NEAR(box[2], 332, 1.5);
    EXPECT_NEAR(box[1], 120, 1.5);
    EXPECT_NEAR(box[3], 300, 1.5);
    expect_whole_box(figure);
}

TEST_F(FigureRenderTest, FullWidthFigureOnATwoColumnPageTakesBothColumnsAndItsCaptionSpansThem) {
    const std::string pdf = write_pdf({[](PageWriter& page) {
        page.paragraph(72, 60, kColumn, 9, 11);
        page.paragraph(320, 60, kColumn, 9, 11);
        page.drawing(80, 120, 450, 160);
        page.paragraph(72, 292, {"Figure 5. A figure as wide as the page, in a two-column layout, with a caption that runs",
                                 "under both columns as one block of text, so that its lines cross the gutter."},
                       9, 11);
        page.paragraph(72, 340, kColumn, 9, 11);
        page.paragraph(320, 340, kColumn, 9, 11);
    }});
    const Record record = parse_pdf(source(pdf), store);
    ASSERT_EQ(record["figures"].size(), 1u);
    const nlohmann::json& figure = record["figures"][0];
    EXPECT_EQ(figure["caption"]["text"],
              "A figure as wide as the page, in a two-column layout, with a caption that runs under both columns as "
              "one block of text, so that its lines cross the gutter.");
    const auto box = numbers(figure["bbox"]);
    EXPECT_NEAR(box[0], 80, 2);
    EXPECT_NEAR(box[2], 530, 2);
    EXPECT_NEAR(box[1], 120, 2);
    EXPECT_NEAR(box[3], 280, 2);
    expect_whole_box(figure);
}

// Today's behaviour, with a warning, when the renderer is absent or fails.
TEST_F(FigureRenderTest, MissingOrFailingRendererWarnsAndKeepsTheEmbeddedImages) {
    const std::string pdf = write_pdf({[](PageWriter& page) {
        page.paragraph(72, 60, kWideBody, 9, 11);
        page.image(150, 110, 300, 150, 30, 15, 220, 20, 20);
        page.text(72, 270, "Figure 1. A red rectangle placed as a raster image.", 9);
        page.paragraph(72, 310, kWideBody, 9, 11);
    }});
    for (const auto& [renderer, code] : {std::pair<std::string, std::string>{"/nonexistent/pdftoppm", "pdf.renderer-missing"},
                                         {"false", "pdf.render-failed"}}) {
        PdfOptions options;
        options.render.renderer = renderer;
        const Record record = parse_pdf(source(pdf), store, options);
        ASSERT_EQ(record["figures"].size(), 1u);
        const nlohmann::json& figure = record["figures"][0];
        EXPECT_FALSE(figure.contains("image")) << renderer;
        ASSERT_EQ(figure["warnings"].size(), 1u) << figure["warnings"];
        EXPECT_EQ(figure["warnings"][0]["code"], code);
        EXPECT_EQ(figure["graphics"][0]["image"]["width"], 30);
    }
}

TEST_F(FigureRenderTest, ARendererThatHangsIsStoppedAndTheDocumentRejectedAsATimeout) {
    const std::string script = scratch.file("hanging-renderer");
    std::ofstream(script) << "#!/bin/sh\nexec sleep 30\n";
    ::chmod(script.c_str(), 0755);
    const std::string pdf = write_pdf({[](PageWriter& page) {
        page.image(150, 110, 300, 150, 30, 15, 220, 20, 20);
        page.text(72, 270, "Figure 1. A red rectangle placed as a raster image.", 9);
    }});
    PdfOptions options;
    options.time_limit_seconds = 1;
    options.render.renderer = script;
    const auto start = std::chrono::steady_clock::now();
    try {
        parse_pdf(source(pdf), store, options);
        FAIL() << "expected pdf.timeout";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), "pdf.timeout");
    }
    EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 10);
}

}  // namespace
}  // namespace pubforge::pdf
