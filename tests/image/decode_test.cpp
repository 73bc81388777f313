// Decoding real-looking images the test encodes itself, and every kind of bad input the crop stage can meet.
#include "pubforge/image/decode.hpp"

#include <gtest/gtest.h>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "pubforge/core/error.hpp"

namespace pubforge {
namespace {

std::string encode(const cv::Mat& image, const std::string& extension, const std::vector<int>& params = {}) {
    std::vector<uchar> bytes;
    EXPECT_TRUE(cv::imencode(extension, image, bytes, params));
    return std::string(bytes.begin(), bytes.end());
}

cv::Mat gradient(int width, int height) {
    cv::Mat image(height, width, CV_8UC3);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            image.at<cv::Vec3b>(y, x) = cv::Vec3b(static_cast<uchar>(x % 256), static_cast<uchar>(y % 256), 128);
    return image;
}

std::string error_code(const std::string& bytes, const DecodeOptions& options = {}) {
    try {
        decode_image(bytes, options);
    } catch (const Error& e) {
        return e.code();
    }
    return "";
}

TEST(DecodeTest, PngAndJpegBecomeBgr8) {
    const cv::Mat source = gradient(64, 48);
    const cv::Mat png = decode_image(encode(source, ".png"));
    EXPECT_EQ(png.type(), CV_8UC3);
    EXPECT_EQ(cv::norm(png, source, cv::NORM_INF), 0.0);
    const cv::Mat jpeg = decode_image(encode(source, ".jpg", {cv::IMWRITE_JPEG_QUALITY, 95}));
    EXPECT_EQ(jpeg.size(), source.size());
    EXPECT_LT(cv::norm(jpeg, source, cv::NORM_L1) / source.total(), 12.0);
}

TEST(DecodeTest, SixteenBitGrayAndAlphaAreNormalised) {
    cv::Mat deep(20, 30, CV_16UC1, cv::Scalar(65535));
    deep(cv::Rect(0, 0, 10, 20)).setTo(0);
    const cv::Mat eight = decode_image(encode(deep, ".png"));
    ASSERT_EQ(eight.type(), CV_8UC3);
    EXPECT_EQ(eight.at<cv::Vec3b>(5, 25), cv::Vec3b(255, 255, 255));
    EXPECT_EQ(eight.at<cv::Vec3b>(5, 5), cv::Vec3b(0, 0, 0));

    cv::Mat transparent(10, 10, CV_8UC4, cv::Scalar(0, 0, 0, 0));  // black, fully transparent
    const cv::Mat over_white = decode_image(encode(transparent, ".png"));
    EXPECT_EQ(over_white.at<cv::Vec3b>(3, 3), cv::Vec3b(255, 255, 255));
}

TEST(DecodeTest, TiffDecodes) {
    const cv::Mat source = gradient(40, 30);
    EXPECT_EQ(decode_image(encode(source, ".tiff")).size(), source.size());
}

TEST(DecodeTest, GifFirstFrameThroughGiflib) {
    // A 2x2 GIF89a with a 4-colour palette (red, green, blue, white) and LZW data
    // written by hand; a second frame follows that must never be read.
    const unsigned char gif[] = {
        'G', 'I', 'F', '8', '9', 'a', 2, 0, 2, 0, 0x81, 0, 0,  // screen 2x2, global table of 4
        255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255,       // palette
        0x2C, 0, 0, 0, 0, 2, 0, 2, 0, 0,                      // image descriptor
        2, 3, 0x44, 0x34, 0x05, 0,                            // LZW min size 2, data (indices 0 1 2 3), end
        0x2C, 0, 0, 0, 0, 2, 0, 2, 0, 0, 2, 3, 0x44, 0x34, 0x05, 0,  // second frame
        0x3B};
    const cv::Mat image = decode_image(std::string(reinterpret_cast<const char*>(gif), sizeof gif));
    ASSERT_EQ(image.size(), cv::Size(2, 2));
    EXPECT_EQ(image.at<cv::Vec3b>(0, 0), cv::Vec3b(0, 0, 255));  // red, as BGR
    EXPECT_EQ(image.at<cv::Vec3b>(0, 1), cv::Vec3b(0, 255, 0));
    EXPECT_EQ(image.at<cv::Vec3b>(1, 0), cv::Vec3b(255, 0, 0));
    EXPECT_EQ(image.at<cv::Vec3b>(1, 1), cv::Vec3b(255, 255, 255));
}

TEST(DecodeTest, HugeDeclaredSizeIsRefusedFromTheHeader) {
    // A PNG header claiming 100000 x 100000 pixels and nothing else: refused before
    // any pixel buffer exists.
    std::string png = encode(gradient(4, 4), ".png");
    const unsigned char huge[] = {0x00, 0x01, 0x86, 0xA0};  // 100000, big-endian
    png.replace(16, 4, reinterpret_cast<const char*>(huge), 4);
    png.replace(20, 4, reinterpret_cast<const char*>(huge), 4);
    EXPECT_EQ(error_code(png), "image.too-large");
    DecodeOptions small;
    small.max_pixels = 10;
    EXPECT_EQ(error_code(encode(gradient(4, 4), ".png"), small), "image.too-large");
}

TEST(DecodeTest, CorruptTruncatedAndEmptyInputsHaveTheirCodes) {
    const std::string png = encode(gradient(64, 64), ".png");
    const std::string jpeg = encode(gradient(64, 64), ".jpg");
    EXPECT_EQ(error_code(""), "image.empty");
    EXPECT_EQ(error_code("just some text, not an image"), "image.unsupported");
    EXPECT_EQ(error_code(png.substr(0, png.size() / 2)), "image.corrupt");
    EXPECT_EQ(error_code(jpeg.substr(0, jpeg.size() / 2)), "image.corrupt");
    EXPECT_EQ(error_code(png.substr(0, 20)), "image.corrupt");
    std::string scrambled = png;
    for (size_t i = 60; i < scrambled.size() - 20; ++i) scrambled[i] = static_cast<char>(scrambled[i] ^ 0x5A);
    EXPECT_EQ(error_code(scrambled), "image.corrupt");
    std::string zero_width = png;
    zero_width.replace(16, 4, std::string(4, '\0'));
    EXPECT_EQ(error_code(zero_width), "image.empty");
    const unsigned char gif_header_only[] = {'G', 'I', 'F', '8', '9', 'a', 2, 0, 2, 0, 0, 0, 0};
    EXPECT_EQ(error_code(std::string(reinterpret_cast<const char*>(gif_header_only), sizeof gif_header_only)),
              "image.corrupt");
}

TEST(DecodeTest, OnePixelStripsDecode) {
    EXPECT_EQ(decode_image(encode(gradient(300, 1), ".png")).size(), cv::Size(300, 1));
    EXPECT_EQ(decode_image(encode(gradient(1, 300), ".png")).size(), cv::Size(1, 300));
}

}  // namespace
}  // namespace pubforge
