// Image bytes to 8-bit BGR pixels: one decoder for every stage that looks at pixels (crop, exports).
#pragma once

#include <cstdint>
#include <string_view>

#include <opencv2/core.hpp>

namespace pubforge {

struct DecodeOptions {
    // Checked against the header's declared size before any pixel buffer exists,
    // so a 100k x 100k PNG costs nothing to refuse.
    std::int64_t max_pixels = 100'000'000;
};

// Decodes JPEG, PNG, TIFF, BMP, WebP, JPEG 2000 (image/codecs.hpp) and GIF (first frame, giflib)
// to 8-bit 3-channel BGR: 16-bit and float samples are scaled down, alpha is laid over
// white, gray and CMYK become BGR. Throws Error with code
//   image.empty      no bytes, or a header declaring zero width or height
//   image.unsupported not an image format pubforge knows
//   image.too-large  the header declares more than options.max_pixels pixels
//   image.corrupt    the header is unreadable, or the data is truncated or undecodable
cv::Mat decode_image(std::string_view bytes, const DecodeOptions& options = {});

// Converts any decoded cv::Mat (1-4 channels, 8/16-bit or float) to 8-bit BGR.
cv::Mat to_bgr8(const cv::Mat& image);

}  // namespace pubforge
