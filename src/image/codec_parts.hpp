// One decoder or encoder per codec library behind image/codecs.hpp; private to the image module.
#pragma once

#include <string>
#include <string_view>

#include <opencv2/core.hpp>

namespace pubforge::codec {

// Each decoder returns the cv::Mat OpenCV 4.6's decoder of that format fills: with gray false
// the file's own type (imdecode's IMREAD_UNCHANGED), with gray true 8-bit one channel.
// scale_denom (1, 2, 4, 8) is honoured by JPEG only, as in OpenCV; throws Error.
struct JpegResult {
    cv::Mat pixels;
    int exif_orientation = 1;  // TIFF/EXIF orientation tag of the first APP1 marker, 1 when absent
};
JpegResult decode_jpeg(std::string_view bytes, bool gray, int scale_denom);
cv::Mat decode_png(std::string_view bytes, bool gray);
cv::Mat decode_tiff(std::string_view bytes, bool gray);
cv::Mat decode_webp(std::string_view bytes, bool gray);
cv::Mat decode_jpeg2000(std::string_view bytes, bool gray);
cv::Mat decode_bmp(std::string_view bytes, bool gray);

// OpenCV's own ceiling (CV_IO_MAX_IMAGE_WIDTH/HEIGHT/PIXELS), checked on the header before any
// pixel buffer exists: callers with a lower limit check it first (decode_image), this one keeps
// a hostile header from allocating gigabytes on paths without one (PDF JPX streams).
void check_size(long long width, long long height);

std::string encode_jpeg(const cv::Mat& image, int quality);
std::string encode_png(const cv::Mat& image, int level);

// OpenCV's fixed-point BGR to gray (imgcodecs' utils: 14-bit coefficients, rounded), which some
// decoders use instead of cv::cvtColor.
inline unsigned char gray_of(int b, int g, int r) {
    constexpr int shift = 14;
    constexpr int cb = 1868, cg = 9617, cr = 4899;  // 0.114, 0.587, 0.299 scaled by 2^14
    return static_cast<unsigned char>((b * cb + g * cg + r * cr + (1 << (shift - 1))) >> shift);
}

}  // namespace pubforge::codec
