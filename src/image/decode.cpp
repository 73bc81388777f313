// Decoding with a size check from the header first; the codec libraries (image/codecs.hpp) for most formats, giflib for GIF.
#include "pubforge/image/decode.hpp"

#include <cstdint>
#include <limits>
#include <string>

#include <opencv2/imgproc.hpp>

#include "pubforge/core/error.hpp"
#include "pubforge/core/image_probe.hpp"
#include "pubforge/core/sniff.hpp"
#include "pubforge/image/codecs.hpp"
#include "gif_decode.hpp"

namespace pubforge {
namespace {

// libjpeg fills a truncated scan with gray and only warns; a JPEG without its
// end-of-image marker near the end is treated as truncated instead.
bool jpeg_looks_complete(std::string_view bytes) {
    const size_t tail = bytes.size() > 4096 ? bytes.size() - 4096 : 0;
    for (size_t i = bytes.size(); i-- > tail + 1;)
        if (static_cast<unsigned char>(bytes[i - 1]) == 0xFF && static_cast<unsigned char>(bytes[i]) == 0xD9) return true;
    return false;
}

// PNG data ends with an IEND chunk; libpng may return a partial image without it.
bool png_looks_complete(std::string_view bytes) {
    const size_t tail = bytes.size() > 4096 ? bytes.size() - 4096 : 0;
    return bytes.substr(tail).find("IEND") != std::string_view::npos;
}

cv::Mat over_white(const cv::Mat& colour, const cv::Mat& alpha) {
    cv::Mat colour_f, alpha_f;
    colour.convertTo(colour_f, CV_32F);
    alpha.convertTo(alpha_f, CV_32F, 1.0 / 255.0);
    cv::Mat alpha3;
    cv::merge(std::vector<cv::Mat>{alpha_f, alpha_f, alpha_f}, alpha3);
    cv::Mat out = colour_f.mul(alpha3) + (cv::Scalar::all(1.0) - alpha3) * 255.0;
    out.convertTo(out, CV_8U);
    return out;
}

// libpng warns about many real-world colour profiles (iCCP) and the decoder ignores the
// profile anyway, so the chunk is dropped before decoding.
std::string without_png_profile(std::string_view bytes) {
    std::string out(bytes.substr(0, 8));
    size_t offset = 8;
    while (offset + 12 <= bytes.size()) {
        const auto u8 = [&](size_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])); };
        const std::uint64_t length = u8(offset) << 24 | u8(offset + 1) << 16 | u8(offset + 2) << 8 | u8(offset + 3);
        const std::uint64_t total = 12 + length;
        if (offset + total > bytes.size()) break;
        if (bytes.substr(offset + 4, 4) != "iCCP") out.append(bytes.substr(offset, total));
        offset += total;
    }
    out.append(bytes.substr(std::min(offset, bytes.size())));
    return out;
}

}  // namespace

cv::Mat to_bgr8(const cv::Mat& image) {
    cv::Mat eight;
    switch (image.depth()) {
        case CV_8U: eight = image; break;
        case CV_8S: image.convertTo(eight, CV_8U, 1.0, 128.0); break;
        case CV_16U: image.convertTo(eight, CV_8U, 1.0 / 257.0); break;
        case CV_16S: image.convertTo(eight, CV_8U, 1.0 / 257.0, 128.0); break;
        default: {
            // Float and 32-bit images have no fixed range: stretch what is there.
            cv::Mat flat = image.reshape(1);
            double lo = 0, hi = 0;
            cv::minMaxLoc(flat, &lo, &hi);
            const double scale = hi > lo ? 255.0 / (hi - lo) : 1.0;
            image.convertTo(eight, CV_8U, scale, -lo * scale);
        }
    }
    cv::Mat bgr;
    switch (eight.channels()) {
        case 1: cv::cvtColor(eight, bgr, cv::COLOR_GRAY2BGR); break;
        case 2: {
            std::vector<cv::Mat> planes;
            cv::split(eight, planes);
            cv::Mat gray3;
            cv::cvtColor(planes[0], gray3, cv::COLOR_GRAY2BGR);
            bgr = over_white(gray3, planes[1]);
            break;
        }
        case 3: bgr = eight; break;
        case 4: {
            std::vector<cv::Mat> planes;
            cv::split(eight, planes);
            cv::Mat colour;
            cv::merge(std::vector<cv::Mat>{planes[0], planes[1], planes[2]}, colour);
            bgr = over_white(colour, planes[3]);
            break;
        }
        default: throw Error("image.corrupt", "image has " + std::to_string(eight.channels()) + " channels");
    }
    return bgr;
}

cv::Mat decode_image(std::string_view bytes, const DecodeOptions& options) {
    if (bytes.empty()) throw Error("image.empty", "image has no bytes");
    const Format format = sniff_format(bytes.substr(0, 64));
    if (!is_image_format(format)) throw Error("image.unsupported", "not a known image format");
    const ImageSize size = probe_image_size(bytes);
    if (size.width < 0 || size.height < 0)
        throw Error("image.corrupt", format_name(format) + " header declares a negative size");
    if (size.width == 0 && size.height == 0)
        throw Error("image.corrupt", format_name(format) + " header is unreadable");
    if (size.width == 0 || size.height == 0)
        throw Error("image.empty", format_name(format) + " header declares a zero-size image");
    const std::int64_t pixels = static_cast<std::int64_t>(size.width) * size.height;
    if (pixels > options.max_pixels)
        throw Error("image.too-large", format_name(format) + " of " + std::to_string(size.width) + "x" +
                                           std::to_string(size.height) + " exceeds the limit of " +
                                           std::to_string(options.max_pixels) + " pixels");
    if (bytes.size() > static_cast<size_t>(std::numeric_limits<int>::max()))
        throw Error("image.too-large", "image file is larger than 2 GiB");
    if (format == Format::Gif) return decode_gif_first_frame(bytes, options.max_pixels);
    if (format == Format::Jpeg && !jpeg_looks_complete(bytes))
        throw Error("image.corrupt", "jpeg is truncated (no end-of-image marker)");
    if (format == Format::Png && !png_looks_complete(bytes))
        throw Error("image.corrupt", "png is truncated (no IEND chunk)");

    std::string cleaned;
    if (format == Format::Png && bytes.find("iCCP") != std::string_view::npos) {
        cleaned = without_png_profile(bytes);
        bytes = cleaned;
    }
    cv::Mat decoded;
    try {
        decoded = decode_bytes(bytes, DecodeMode::Unchanged);
    } catch (const cv::Exception& e) {
        throw Error("image.corrupt", format_name(format) + " could not be decoded: " + e.what());
    }
    if (decoded.empty()) throw Error("image.corrupt", format_name(format) + " could not be decoded");
    if (decoded.cols != size.width || decoded.rows != size.height) {
        // The header said one thing and the decoder another: trust neither beyond the limit.
        if (static_cast<std::int64_t>(decoded.cols) * decoded.rows > options.max_pixels)
            throw Error("image.too-large", "decoded image exceeds the pixel limit");
    }
    return to_bgr8(decoded);
}

}  // namespace pubforge
