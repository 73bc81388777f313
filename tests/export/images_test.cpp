// Tests of export images: byte-for-byte copies, re-encoding with resize and format change, pHash near duplicates.
#include "pubforge/export/images.hpp"

#include <gtest/gtest.h>

#include <bitset>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "export/export_fixture.hpp"
#include "pubforge/core/error.hpp"
#include "pubforge/core/hash.hpp"
#include "pubforge/export/filters.hpp"
#include "test_support.hpp"

namespace pubforge::exporter {
namespace {

StoredImage info_of(ImageStore& store, const std::string& bytes) { return store.put(bytes); }

TEST(ImagesTest, CopiesBytesThroughUnlessATransformIsNeeded) {
    testing::ScratchDir dir;
    ImageStore store(dir.file("store"));
    const std::string png = testing::make_image(1, 400, 300);
    const StoredImage info = info_of(store, png);
    ImageOptions keep;
    const PreparedImage copy = prepare_image(png, info, keep);
    EXPECT_EQ(copy.bytes, png);
    EXPECT_EQ(copy.extension, "png");
    EXPECT_FALSE(copy.reencoded);
    keep.max_side = 400;  // already within the limit
    EXPECT_EQ(prepare_image(png, info, keep).bytes, png);

    ImageOptions shrink;
    shrink.max_side = 100;
    shrink.format = "jpg";
    shrink.quality = 80;
    const PreparedImage small = prepare_image(png, info, shrink);
    EXPECT_TRUE(small.reencoded);
    EXPECT_EQ(small.extension, "jpg");
    EXPECT_EQ(small.width, 100);
    EXPECT_EQ(small.height, 75);
    const cv::Mat decoded = cv::imdecode(cv::Mat(1, static_cast<int>(small.bytes.size()), CV_8U, const_cast<char*>(small.bytes.data())), cv::IMREAD_COLOR);
    EXPECT_EQ(decoded.cols, 100);
    EXPECT_EQ(prepare_image(png, info, shrink).bytes, small.bytes) << "re-encoding is deterministic";
}

// A noisy photograph-like image: colours spread, as a micrograph's or a scan's.
std::string make_photo(const std::string& ext, int width, int height) {
    cv::Mat image(height, width, CV_8UC3);
    cv::RNG rng(5);
    rng.fill(image, cv::RNG::UNIFORM, cv::Scalar(0, 0, 0), cv::Scalar(255, 255, 255));
    cv::GaussianBlur(image, image, cv::Size(3, 3), 0);
    std::vector<uchar> bytes;
    cv::imencode(ext, image, bytes);
    return std::string(bytes.begin(), bytes.end());
}

std::string sniffed(const std::string& bytes) { return format_name(sniff_format(std::string_view(bytes).substr(0, 64))); }

TEST(ImagesTest, FormatsConsumersSkipAreTranscodedByContentAndTheOthersCopied) {
    testing::ScratchDir dir;
    ImageStore store(dir.file("store"));
    const ImageOptions automatic;  // the default
    EXPECT_EQ(automatic.format, "auto");

    const std::string photo_tif = make_photo(".tif", 320, 240);
    const PreparedImage photo = prepare_image(photo_tif, info_of(store, photo_tif), automatic);
    EXPECT_EQ(photo.extension, "jpg");
    EXPECT_EQ(sniffed(photo.bytes), "jpeg");
    EXPECT_EQ(photo.source_format, "tiff");
    EXPECT_TRUE(photo.reencoded);
    EXPECT_EQ(photo.width, 320);

    const std::string chart_tif = testing::make_image(4, 300, 200, ".tif");  // flat rectangles on white
    const PreparedImage chart = prepare_image(chart_tif, info_of(store, chart_tif), automatic);
    EXPECT_EQ(chart.extension, "png");
    EXPECT_EQ(sniffed(chart.bytes), "png");
    // PNG is lossless: the pixels are the TIFF's.
    const auto decode = [](const std::string& b) {
        return cv::imdecode(cv::Mat(1, static_cast<int>(b.size()), CV_8U, const_cast<char*>(b.data())), cv::IMREAD_COLOR);
    };
    EXPECT_EQ(cv::norm(decode(chart.bytes), decode(chart_tif), cv::NORM_INF), 0.0);

    const std::string gif = testing::encode_test_gif(140, 90);
    const PreparedImage from_gif = prepare_image(gif, info_of(store, gif), automatic);
    EXPECT_EQ(from_gif.extension, "png");
    EXPECT_EQ(from_gif.source_format, "gif");

    for (const std::string& ext : {".jpg", ".png"}) {
        const std::string ready = make_photo(ext, 64, 48);
        const PreparedImage copy = prepare_image(ready, info_of(store, ready), automatic);
        EXPECT_EQ(copy.bytes, ready) << ext << " is copied byte for byte";
        EXPECT_FALSE(copy.reencoded);
    }

    ImageOptions keep;
    keep.format = "keep";  // --keep-original-format
    const PreparedImage kept = prepare_image(photo_tif, info_of(store, photo_tif), keep);
    EXPECT_EQ(kept.bytes, photo_tif);
    EXPECT_EQ(kept.extension, "tif");
    EXPECT_EQ(kept.source_format, "tiff");
}

TEST(ImagesTest, CorruptSourcesFailWithACodeOnlyWhenReencodingIsAsked) {
    testing::ScratchDir dir;
    ImageStore store(dir.file("store"));
    const std::string whole = testing::make_image(3, 200, 150, ".jpg");
    const std::string truncated = whole.substr(0, 200);
    const StoredImage info = info_of(store, truncated);
    EXPECT_EQ(prepare_image(truncated, info, {}).bytes, truncated);  // copy-through never decodes
    ImageOptions png;
    png.format = "png";
    try {
        prepare_image(truncated, info, png);
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), "image.corrupt");
    }
}

TEST(ImagesTest, PerceptualHashIsCloseForARecompressedCopyAndFarForAnotherImage) {
    const std::string original = testing::make_image(7, 320, 240);
    std::vector<uchar> jpeg;
    cv::imencode(".jpg", cv::imdecode(cv::Mat(1, static_cast<int>(original.size()), CV_8U, const_cast<char*>(original.data())), cv::IMREAD_COLOR),
                 jpeg, {cv::IMWRITE_JPEG_QUALITY, 60});
    const auto a = perceptual_hash(original), b = perceptual_hash(std::string(jpeg.begin(), jpeg.end())),
               c = perceptual_hash(testing::make_image(8, 320, 240));
    ASSERT_TRUE(a && b && c);
    EXPECT_LE(std::bitset<64>(*a ^ *b).count(), 4u);
    EXPECT_GT(std::bitset<64>(*a ^ *c).count(), 8u);
    EXPECT_FALSE(perceptual_hash("not an image"));

    Filters filters;
    filters.near_duplicate_distance = 4;
    Deduplicator dedupe(filters);
    EXPECT_FALSE(dedupe.check(sha256_hex(original), a));
    EXPECT_EQ(dedupe.check("other-sha", b), "duplicate-near");
    EXPECT_FALSE(dedupe.check("third-sha", c));
}

}  // namespace
}  // namespace pubforge::exporter
