// Image bytes to pixels and pixels to JPEG/PNG bytes through the codec libraries themselves, the one owner of codec calls.
#pragma once

#include <string>
#include <string_view>

#include <opencv2/core.hpp>

namespace pubforge {

// What decode_bytes returns; each mode reproduces the cv::imdecode flag of the same name
// in OpenCV 4.6 (Debian 12), pixel for pixel, so that dropping libopencv_imgcodecs (and the
// GDAL/GDCM/HDF5 tree Debian builds it with) changes no crop, hash or export.
enum class DecodeMode {
    Unchanged,       // IMREAD_UNCHANGED: the file's own depth and channels (BGR order, alpha kept)
    Gray,            // IMREAD_GRAYSCALE: 8-bit, one channel, JPEG EXIF orientation applied
    ReducedGray4,    // IMREAD_REDUCED_GRAYSCALE_4: as Gray at a quarter of the size (libjpeg's DCT scaling for JPEG)
};

// Decodes JPEG (libjpeg-turbo), PNG (libpng), TIFF (libtiff), WebP (libwebp), JPEG 2000
// (OpenJPEG) and BMP. GIF is not handled here (decode_image reads its first frame with giflib).
// Never prints; throws Error("image.unsupported") for a format or variant it does not read and
// Error("image.corrupt") when the library refuses the data. No size limit is checked here:
// decode_image checks the header against its pixel limit first.
cv::Mat decode_bytes(std::string_view bytes, DecodeMode mode = DecodeMode::Unchanged);

// Baseline JPEG of an 8-bit 1, 3 (BGR) or 4 (BGRA, alpha dropped) channel image; the same bytes
// as cv::imencode(".jpg", image, {IMWRITE_JPEG_QUALITY, quality}). Throws Error("image.encode").
std::string encode_jpeg(const cv::Mat& image, int quality);

// PNG of an 8- or 16-bit 1, 3 (BGR) or 4 (BGRA) channel image; the same bytes as
// cv::imencode(".png", image, {IMWRITE_PNG_COMPRESSION, level}) for level 0-9, and as
// cv::imencode(".png", image) (OpenCV's fast default: SUB filter, level 1, RLE) for level -1.
// Throws Error("image.encode").
std::string encode_png(const cv::Mat& image, int level = 6);

}  // namespace pubforge
