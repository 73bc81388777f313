// Copy-through or OpenCV re-encoding of export images, and the perceptual hash for near duplicates.
#include "pubforge/export/images.hpp"

#include <algorithm>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/img_hash.hpp>

#include "pubforge/core/error.hpp"
#include "pubforge/core/sniff.hpp"

namespace pubforge::exporter {
namespace {

cv::Mat decode(const std::string& bytes, int flags) {
    const cv::Mat buffer(1, static_cast<int>(bytes.size()), CV_8U, const_cast<char*>(bytes.data()));
    try {
        return cv::imdecode(buffer, flags);
    } catch (const cv::Exception&) {
        return {};
    }
}

// JPEG has no alpha: composite transparent images onto white as a reader would see them.
cv::Mat flatten_alpha(const cv::Mat& image) {
    if (image.channels() != 4) return image;
    cv::Mat out(image.size(), CV_8UC3);
    for (int y = 0; y < image.rows; ++y)
        for (int x = 0; x < image.cols; ++x) {
            const auto& p = image.at<cv::Vec4b>(y, x);
            const int a = p[3];
            out.at<cv::Vec3b>(y, x) = cv::Vec3b(static_cast<uchar>((p[0] * a + 255 * (255 - a)) / 255),
                                                static_cast<uchar>((p[1] * a + 255 * (255 - a)) / 255),
                                                static_cast<uchar>((p[2] * a + 255 * (255 - a)) / 255));
        }
    return out;
}

}  // namespace

void ImageOptions::validate() const {
    if (format != "keep" && format != "jpg" && format != "png")
        throw UsageError("--format must be keep, jpg or png, not '" + format + "'");
    if (max_side < 0) throw UsageError("--max-side must be positive");
    if (quality < 1 || quality > 100) throw UsageError("--quality must be between 1 and 100");
}

nlohmann::json ImageOptions::to_json() const {
    return {{"max_side", max_side}, {"format", format}, {"quality", quality}};
}

PreparedImage prepare_image(std::string original, const StoredImage& info, const ImageOptions& options) {
    const Format source = sniff_format(std::string_view(original).substr(0, 64));
    const std::string source_ext = format_extension(source);
    const std::string target_ext = options.format == "keep" ? source_ext : options.format;
    const bool too_big = options.max_side > 0 && std::max(info.width, info.height) > options.max_side;
    PreparedImage out;
    if (!too_big && target_ext == source_ext) {
        out.bytes = std::move(original);
        out.extension = source_ext;
        out.width = info.width;
        out.height = info.height;
        return out;
    }
    cv::Mat image = decode(original, cv::IMREAD_UNCHANGED);
    if (image.empty())
        throw Error("image.undecodable", "image " + info.sha256 + " (" + format_name(source) + ") cannot be decoded for re-encoding");
    if (image.depth() != CV_8U) image.convertTo(image, CV_8U, image.depth() == CV_16U ? 1.0 / 257.0 : 1.0);
    if (too_big) {
        const double scale = static_cast<double>(options.max_side) / std::max(image.cols, image.rows);
        const cv::Size size(std::max(1, static_cast<int>(image.cols * scale + 0.5)),
                            std::max(1, static_cast<int>(image.rows * scale + 0.5)));
        cv::resize(image, image, size, 0, 0, cv::INTER_AREA);
    }
    std::vector<int> params;
    if (target_ext == "jpg") {
        image = flatten_alpha(image);
        params = {cv::IMWRITE_JPEG_QUALITY, options.quality};
    } else if (target_ext == "png") {
        params = {cv::IMWRITE_PNG_COMPRESSION, 6};
    }
    std::vector<uchar> encoded;
    bool ok = false;
    try {
        ok = cv::imencode("." + target_ext, image, encoded, params);
    } catch (const cv::Exception&) {
        ok = false;
    }
    if (!ok) throw Error("image.unencodable", "image " + info.sha256 + " cannot be written as " + target_ext);
    out.bytes.assign(encoded.begin(), encoded.end());
    out.extension = target_ext;
    out.width = image.cols;
    out.height = image.rows;
    out.reencoded = true;
    return out;
}

std::optional<std::uint64_t> perceptual_hash(const std::string& bytes) {
    // A reduced decode is enough: pHash works on a 32x32 thumbnail.
    cv::Mat grey = decode(bytes, cv::IMREAD_REDUCED_GRAYSCALE_4);
    if (grey.empty()) grey = decode(bytes, cv::IMREAD_GRAYSCALE);
    if (grey.empty()) return std::nullopt;
    cv::Mat hash;
    cv::img_hash::pHash(grey, hash);
    std::uint64_t value = 0;
    for (int i = 0; i < 8; ++i) value = (value << 8) | hash.at<uchar>(0, i);
    return value;
}

}  // namespace pubforge::exporter
