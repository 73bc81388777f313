// Copy-through, transcoding for consumers, or re-encoding of export images; the perceptual hash for near duplicates.
#include "pubforge/export/images.hpp"

#include <algorithm>

#include <opencv2/imgproc.hpp>
#include <opencv2/img_hash.hpp>

#include "pubforge/core/error.hpp"
#include "pubforge/core/image_probe.hpp"
#include "pubforge/core/sniff.hpp"
#include "pubforge/image/codecs.hpp"
#include "pubforge/image/decode.hpp"
#include "pubforge/image/line_art.hpp"

namespace pubforge::exporter {
namespace {

cv::Mat decode(const std::string& bytes, DecodeMode mode) {
    try {
        return decode_bytes(bytes, mode);
    } catch (const Error&) {
        return {};
    } catch (const cv::Exception&) {
        return {};
    }
}

}  // namespace

void ImageOptions::validate() const {
    if (format != "auto" && format != "keep" && format != "jpg" && format != "png")
        throw UsageError("--format must be auto, keep, jpg or png, not '" + format + "'");
    if (max_side < 0) throw UsageError("--max-side must be positive");
    if (quality < 1 || quality > 100) throw UsageError("--quality must be between 1 and 100");
}

nlohmann::json ImageOptions::to_json() const {
    return {{"max_side", max_side}, {"format", format}, {"quality", quality}};
}

namespace {

// What image dataloaders read as it is (open_clip's WebDataset filter: jpg;png;jpeg;webp).
bool consumer_ready(Format format) { return format == Format::Jpeg || format == Format::Png || format == Format::Webp; }

// The extension to write, or "" when the pixels decide (auto mode, a format consumers skip).
std::string target_extension(const ImageOptions& options, Format source, bool resized) {
    const std::string source_ext = format_extension(source);
    if (options.format == "keep") return source_ext;
    if (options.format != "auto") return options.format;
    if (source == Format::Jpeg || source == Format::Png) return source_ext;
    if (source == Format::Webp && !resized) return source_ext;
    return "";
}

}  // namespace

PreparedImage prepare_image(std::string original, const StoredImage& info, const ImageOptions& options) {
    const Format source = sniff_format(std::string_view(original).substr(0, 64));
    const std::string source_ext = format_extension(source);
    const bool too_big = options.max_side > 0 && std::max(info.width, info.height) > options.max_side;
    std::string target_ext = target_extension(options, source, too_big);
    PreparedImage out;
    out.source_format = format_name(source);
    if (!too_big && target_ext == source_ext) {
        out.bytes = std::move(original);
        out.extension = source_ext;
        out.width = info.width;
        out.height = info.height;
        return out;
    }
    // The project's decoder: pixel limit checked on the header, GIF through giflib, alpha laid over white.
    cv::Mat image = decode_image(original);
    if (too_big) {
        const double scale = static_cast<double>(options.max_side) / std::max(image.cols, image.rows);
        const cv::Size size(std::max(1, static_cast<int>(image.cols * scale + 0.5)),
                            std::max(1, static_cast<int>(image.rows * scale + 0.5)));
        cv::resize(image, image, size, 0, 0, cv::INTER_AREA);
    }
    int quality = options.quality;
    if (target_ext.empty()) {
        // A TIFF, GIF, BMP or JPEG 2000 figure that consumers would drop: PNG keeps line
        // art (and what was transparent, now flat white) exact, JPEG 95 suits photographs.
        target_ext = is_line_art(image) ? "png" : "jpg";
        quality = kTranscodeJpegQuality;
    }
    // JPEG and PNG only: the other formats a keep-format resize could ask for (TIFF, BMP, WebP,
    // JPEG 2000, GIF) have no encoder in pubforge (docs/dependencies.md, image codecs).
    if (target_ext == "jpg") {
        out.bytes = encode_jpeg(image, quality);
    } else if (target_ext == "png") {
        out.bytes = encode_png(image, 6);
    } else {
        throw Error("image.unencodable", "image " + info.sha256 + " cannot be written as " + target_ext);
    }
    out.extension = target_ext;
    out.width = image.cols;
    out.height = image.rows;
    out.reencoded = true;
    return out;
}

std::optional<std::uint64_t> perceptual_hash(const std::string& bytes) {
    const ImageSize size = probe_image_size(bytes);
    if (size.width <= 0 || size.height <= 0 ||
        static_cast<std::int64_t>(size.width) * size.height > DecodeOptions().max_pixels)
        return std::nullopt;
    // A reduced decode is enough (pHash works on a 32x32 thumbnail) and much faster for
    // JPEG; formats decode_bytes does not read (GIF) go through the project's decoder.
    cv::Mat grey = decode(bytes, DecodeMode::ReducedGray4);
    if (grey.empty()) {
        try {
            cv::cvtColor(decode_image(bytes), grey, cv::COLOR_BGR2GRAY);
        } catch (const Error&) {
            return std::nullopt;
        }
    }
    cv::Mat hash;
    cv::img_hash::pHash(grey, hash);
    std::uint64_t value = 0;
    for (int i = 0; i < 8; ++i) value = (value << 8) | hash.at<uchar>(0, i);
    return value;
}

}  // namespace pubforge::exporter
