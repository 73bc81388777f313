// decode_bytes/encode_jpeg/encode_png: picks the codec by content and adds what cv::imdecode adds (EXIF orientation, reduction).
#include "pubforge/image/codecs.hpp"

#include <opencv2/imgproc.hpp>

#include "codec_parts.hpp"
#include "pubforge/core/error.hpp"
#include "pubforge/core/sniff.hpp"

namespace pubforge {
namespace {

// OpenCV's ApplyExifOrientation, for the gray modes only (IMREAD_UNCHANGED leaves pixels as stored).
void apply_orientation(cv::Mat& image, int orientation) {
    switch (orientation) {
        case 2: cv::flip(image, image, 1); break;
        case 3: cv::flip(image, image, -1); break;
        case 4: cv::flip(image, image, 0); break;
        case 5: cv::transpose(image, image); break;
        case 6: cv::transpose(image, image); cv::flip(image, image, 1); break;
        case 7: cv::transpose(image, image); cv::flip(image, image, -1); break;
        case 8: cv::transpose(image, image); cv::flip(image, image, 0); break;
        default: break;
    }
}

}  // namespace

namespace codec {

void check_size(long long width, long long height) {
    constexpr long long side = 1LL << 20, pixels = 1LL << 30;
    if (width <= 0 || height <= 0) throw Error("image.corrupt", "image header declares no pixels");
    if (width > side || height > side || width * height > pixels)
        throw Error("image.too-large", "image of " + std::to_string(width) + "x" + std::to_string(height) +
                                           " pixels is over the decoder's limit of 2^30 pixels");
}

}  // namespace codec

cv::Mat decode_bytes(std::string_view bytes, DecodeMode mode) {
    const Format format = sniff_format(bytes.substr(0, 64));
    const bool gray = mode != DecodeMode::Unchanged;
    const int reduction = mode == DecodeMode::ReducedGray4 ? 4 : 1;
    cv::Mat pixels;
    int orientation = 1;
    switch (format) {
        case Format::Jpeg: {
            codec::JpegResult jpeg = codec::decode_jpeg(bytes, gray, reduction);
            pixels = jpeg.pixels;
            orientation = jpeg.exif_orientation;
            break;
        }
        case Format::Png: pixels = codec::decode_png(bytes, gray); break;
        case Format::Tiff: pixels = codec::decode_tiff(bytes, gray); break;
        case Format::Webp: pixels = codec::decode_webp(bytes, gray); break;
        case Format::Jpeg2000: pixels = codec::decode_jpeg2000(bytes, gray); break;
        case Format::Bmp: pixels = codec::decode_bmp(bytes, gray); break;
        default: throw Error("image.unsupported", format_name(format) + " is not decoded by decode_bytes");
    }
    // libjpeg scales while decoding; every other format is decoded whole and shrunk, as imdecode does.
    if (reduction > 1 && format != Format::Jpeg) {
        if (pixels.cols < reduction || pixels.rows < reduction)
            throw Error("image.corrupt", "image is too small to reduce");
        cv::resize(pixels, pixels, cv::Size(pixels.cols / reduction, pixels.rows / reduction), 0, 0,
                   cv::INTER_LINEAR_EXACT);
    }
    if (gray) apply_orientation(pixels, orientation);
    return pixels;
}

std::string encode_jpeg(const cv::Mat& image, int quality) { return codec::encode_jpeg(image, quality); }

std::string encode_png(const cv::Mat& image, int level) { return codec::encode_png(image, level); }

}  // namespace pubforge
