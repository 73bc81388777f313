// GIF first-frame decoding with giflib (OpenCV 4.6 has no GIF reader); private to the image module.
#pragma once

#include <cstdint>
#include <string_view>

#include <opencv2/core.hpp>

namespace pubforge {

// The first frame of a (possibly animated) GIF as 8-bit BGR on the logical screen,
// transparent pixels white. Later frames are never read. Throws Error("image.corrupt")
// or Error("image.too-large") when the frame or screen exceeds max_pixels.
cv::Mat decode_gif_first_frame(std::string_view bytes, std::int64_t max_pixels);

}  // namespace pubforge
