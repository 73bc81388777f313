// crop_record on records with stored figure images: subfigures, crops in the store, warnings for bad images.
#include "pubforge/image/crop.hpp"

#include <gtest/gtest.h>

#include <opencv2/imgcodecs.hpp>

#include "pubforge/core/hash.hpp"
#include "pubforge/image/synthetic_figures.hpp"
#include "test_support.hpp"

namespace pubforge {
namespace {

std::string encode_png(const cv::Mat& image) {
    std::vector<uchar> bytes;
    cv::imencode(".png", image, bytes);
    return std::string(bytes.begin(), bytes.end());
}

Record record_with(const std::vector<StoredImage>& images) {
    Record record = {{"id", "PMC1"}, {"figures", nlohmann::json::array()}};
    for (size_t i = 0; i < images.size(); ++i) {
        record["figures"].push_back({{"id", "fig" + std::to_string(i + 1)},
                                     {"caption", {{"text", "A caption."}}},
                                     {"graphics", {{{"href", "f" + std::to_string(i + 1)}, {"image", images[i].to_json()}}}}});
    }
    return record;
}

TEST(CropTest, CompoundFigureGetsSubfiguresAndStoredCrops) {
    testing::ScratchDir dir;
    ImageStore store(dir.file("store"));
    const SyntheticFigure figure = make_synthetic_figure(105, SyntheticLayout::GutterGrid);
    const StoredImage original = store.put(encode_png(figure.image));
    Record record = record_with({original});
    crop_record(record, store, CropOptions{});
    const auto& out = record["figures"][0];
    ASSERT_TRUE(out["compound"].get<bool>());
    ASSERT_EQ(out["subfigures"].size(), figure.panels.size());
    for (size_t i = 0; i < out["subfigures"].size(); ++i) {
        const auto& sub = out["subfigures"][i];
        EXPECT_EQ(sub["id"], "fig1-p" + std::to_string(i + 1));
        EXPECT_EQ(sub["graphic"], 0);
        const auto box = sub["box"];
        const StoredImage crop = StoredImage::from_json(sub["image"]);
        EXPECT_TRUE(store.contains(crop));
        EXPECT_EQ(crop.format, Format::Png);
        EXPECT_EQ(crop.width, box[2].get<int>() - box[0].get<int>());
        EXPECT_EQ(crop.height, box[3].get<int>() - box[1].get<int>());
    }
    // The original is untouched and the run is deterministic.
    EXPECT_EQ(sha256_file(store.path_of(original)), original.sha256);
    Record again = record_with({original});
    crop_record(again, store, CropOptions{});
    EXPECT_EQ(again.dump(), record.dump());
}

TEST(CropTest, SinglePanelPointsAtTheOriginal) {
    testing::ScratchDir dir;
    ImageStore store(dir.file("store"));
    const StoredImage original = store.put(encode_png(make_synthetic_figure(3, SyntheticLayout::Single).image));
    Record record = record_with({original});
    crop_record(record, store, CropOptions{});
    const auto& out = record["figures"][0];
    EXPECT_FALSE(out["compound"].get<bool>());
    ASSERT_EQ(out["subfigures"].size(), 1u);
    EXPECT_EQ(out["subfigures"][0]["image"]["sha256"], original.sha256);
    EXPECT_EQ(out["subfigures"][0]["method"], "whole");
}

TEST(CropTest, JpegSourcesGiveJpegCrops) {
    testing::ScratchDir dir;
    ImageStore store(dir.file("store"));
    std::vector<uchar> bytes;
    cv::imencode(".jpg", make_synthetic_figure(105, SyntheticLayout::GutterGrid).image, bytes,
                 {cv::IMWRITE_JPEG_QUALITY, 92});
    Record record = record_with({store.put(std::string(bytes.begin(), bytes.end()))});
    crop_record(record, store, CropOptions{});
    ASSERT_TRUE(record["figures"][0]["compound"].get<bool>());
    EXPECT_EQ(record["figures"][0]["subfigures"][0]["image"]["format"], "jpeg");
}

TEST(CropTest, BadImageWarnsOnItsFigureOnly) {
    testing::ScratchDir dir;
    ImageStore store(dir.file("store"));
    const std::string good = encode_png(make_synthetic_figure(105, SyntheticLayout::GutterGrid).image);
    const StoredImage truncated = store.put(good.substr(0, good.size() / 3));
    const StoredImage fine = store.put(good);
    StoredImage missing = fine;
    missing.sha256 = std::string(64, 'a');
    Record record = record_with({truncated, fine, missing});
    crop_record(record, store, CropOptions{});
    EXPECT_EQ(record["figures"][0]["warnings"][0]["code"], "image.corrupt");
    EXPECT_TRUE(record["figures"][0]["subfigures"].empty());
    EXPECT_FALSE(record["figures"][1]["subfigures"].empty());
    EXPECT_FALSE(record["figures"][1].contains("warnings"));
    EXPECT_EQ(record["figures"][2]["warnings"][0]["code"], "store.missing");
}

TEST(CropTest, ExpectedPanelCountComesFromTheCaption) {
    Record figure = {{"caption", {{"text", "x"}, {"list_items", {{{"label", "a"}}, {{"label", "b"}}}}}}};
    EXPECT_EQ(expected_panel_count(figure), 2);
    figure["subcaptions"] = {{{"label", "A"}, {"text", "x"}}, {{"label", "B"}, {"text", "y"}}, {{"label", "C"}, {"text", "z"}}};
    EXPECT_EQ(expected_panel_count(figure), 3);
    EXPECT_EQ(expected_panel_count(Record{{"caption", {{"text", "plain"}}}}), 0);
    // Before align ran, the caption's own labels are counted by the shared splitter.
    const Record labelled = {{"caption", {{"text", "Scans. (A) Axial T2. (B) Coronal FLAIR. (C) Sagittal T1."}}}};
    EXPECT_EQ(expected_panel_count(labelled), 3);
}

}  // namespace
}  // namespace pubforge
