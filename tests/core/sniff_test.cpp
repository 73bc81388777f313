// Tests of content sniffing and header probing on real-looking byte prefixes.
#include "pubforge/core/sniff.hpp"

#include <gtest/gtest.h>

#include <opencv2/imgcodecs.hpp>

#include "pubforge/core/image_probe.hpp"

namespace pubforge {
namespace {

std::string encode(const std::string& ext, int width, int height) {
    cv::Mat image(height, width, CV_8UC3, cv::Scalar(10, 200, 30));
    std::vector<uchar> bytes;
    cv::imencode(ext, image, bytes);
    return std::string(bytes.begin(), bytes.end());
}

TEST(SniffTest, DocumentsByMagicNotName) {
    EXPECT_EQ(sniff_format("%PDF-1.7\n%\xE2\xE3"), Format::Pdf);
    EXPECT_EQ(sniff_format("\xEF\xBB\xBF<?xml version=\"1.0\"?><article/>"), Format::Xml);
    EXPECT_EQ(sniff_format("  \n<!DOCTYPE article><article/>"), Format::Xml);
    EXPECT_EQ(sniff_format(std::string("\x1F\x8B\x08\x00", 4)), Format::Gzip);
    EXPECT_EQ(sniff_format("hello"), Format::Unknown);
    EXPECT_EQ(sniff_format(""), Format::Unknown);
}

TEST(SniffTest, ImagesEncodedByOpenCvAreRecognisedAndMeasured) {
    const struct {
        const char* ext;
        Format format;
    } cases[] = {{".png", Format::Png}, {".jpg", Format::Jpeg}, {".tif", Format::Tiff}, {".bmp", Format::Bmp},
                 {".webp", Format::Webp}};
    for (const auto& c : cases) {
        const std::string bytes = encode(c.ext, 123, 45);
        EXPECT_EQ(sniff_format(bytes.substr(0, 64)), c.format) << c.ext;
        const ImageSize size = probe_image_size(bytes);
        EXPECT_EQ(size.width, 123) << c.ext;
        EXPECT_EQ(size.height, 45) << c.ext;
    }
}

TEST(SniffTest, TruncatedHeadersGiveZeroSizeNotACrash) {
    const std::string png = encode(".png", 64, 32);
    for (size_t n : {0u, 8u, 15u, 20u}) EXPECT_EQ(probe_image_size(png.substr(0, n)).width, 0) << n;
    const std::string jpeg = encode(".jpg", 64, 32);
    EXPECT_EQ(probe_image_size(jpeg.substr(0, 10)).width, 0);
}

TEST(SniffTest, GifHeaderGivesLogicalScreenSize) {
    const std::string gif = std::string("GIF89a") + std::string("\x40\x01\xF0\x00", 4) + std::string(10, '\0');
    EXPECT_EQ(sniff_format(gif), Format::Gif);
    EXPECT_EQ(probe_image_size(gif).width, 320);
    EXPECT_EQ(probe_image_size(gif).height, 240);
}

}  // namespace
}  // namespace pubforge
