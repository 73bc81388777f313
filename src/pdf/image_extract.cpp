// Image extraction: filter chains via PoDoFo, sample unpacking (1-16 bit, Gray/RGB/CMYK/Indexed/ICC, Decode, SMask) to PNG.
#include "pubforge/pdf/image_extract.hpp"

#include <cmath>
#include <memory>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "podofo_util.hpp"
#include "pubforge/core/error.hpp"
#include "pubforge/image/codecs.hpp"

namespace pubforge::pdf {
namespace {

using PoDoFo::PdfObject;

// Inline images abbreviate keys and names (PDF 32000 table 93/94); expand them to the long forms.
const PdfObject* key(const PdfObject* dict, const char* full, const char* abbreviation) {
    const PdfObject* value = podofo::get(dict, full);
    return value ? value : (abbreviation ? podofo::get(dict, abbreviation) : nullptr);
}

std::string long_name(const std::string& name) {
    static const std::pair<const char*, const char*> names[] = {
        {"G", "DeviceGray"}, {"RGB", "DeviceRGB"}, {"CMYK", "DeviceCMYK"}, {"I", "Indexed"},
        {"AHx", "ASCIIHexDecode"}, {"A85", "ASCII85Decode"}, {"LZW", "LZWDecode"}, {"Fl", "FlateDecode"},
        {"RL", "RunLengthDecode"}, {"CCF", "CCITTFaxDecode"}, {"DCT", "DCTDecode"}};
    for (const auto& [s, l] : names)
        if (name == s) return l;
    return name;
}

PoDoFo::EPdfFilter filter_type(const std::string& name) {
    if (name == "ASCIIHexDecode") return PoDoFo::ePdfFilter_ASCIIHexDecode;
    if (name == "ASCII85Decode") return PoDoFo::ePdfFilter_ASCII85Decode;
    if (name == "LZWDecode") return PoDoFo::ePdfFilter_LZWDecode;
    if (name == "FlateDecode") return PoDoFo::ePdfFilter_FlateDecode;
    if (name == "RunLengthDecode") return PoDoFo::ePdfFilter_RunLengthDecode;
    return PoDoFo::ePdfFilter_None;
}

struct ColorModel {
    enum Kind { Gray, Rgb, Cmyk, Indexed, Ink } kind = Gray;  // Ink: Separation/DeviceN tints
    int components = 1;
    int hival = 0;
    std::vector<cv::Vec3b> palette;  // Indexed: BGR per index
};

ColorModel color_model(const PdfObject* cs, int depth = 0) {
    ColorModel model;
    if (!cs || depth > 4) return model;
    const std::string simple = long_name(podofo::name(cs));
    if (!simple.empty()) {
        if (simple == "DeviceRGB" || simple == "CalRGB") model = {ColorModel::Rgb, 3};
        else if (simple == "DeviceCMYK") model = {ColorModel::Cmyk, 4};
        return model;
    }
    const auto items = podofo::array_items(cs);
    if (items.empty()) return model;
    const std::string family = long_name(podofo::name(items[0]));
    if (family == "ICCBased" && items.size() > 1) {
        const int n = std::clamp(podofo::integer(podofo::get(items[1], "N"), 3), 1, 4);
        model.components = n;
        model.kind = n == 4 ? ColorModel::Cmyk : n == 3 ? ColorModel::Rgb : ColorModel::Gray;
    } else if (family == "CalRGB" || family == "Lab") {
        model = {family == "Lab" ? ColorModel::Gray : ColorModel::Rgb, 3};
    } else if (family == "Separation") {
        model = {ColorModel::Ink, 1};
    } else if (family == "DeviceN" && items.size() > 1) {
        const int n = static_cast<int>(podofo::array_items(items[1]).size());
        model = {n == 4 ? ColorModel::Cmyk : ColorModel::Ink, std::max(1, n)};
    } else if (family == "Indexed" && items.size() > 3) {
        const ColorModel base = color_model(items[1], depth + 1);
        model.kind = ColorModel::Indexed;
        model.components = 1;
        model.hival = std::clamp(podofo::integer(items[2]), 0, 255);
        std::string lookup;
        if (items[3]->IsString() || items[3]->IsHexString()) lookup = podofo::string_bytes(items[3]->GetString());
        else lookup = podofo::decoded_stream(items[3]);
        const int n = std::max(1, base.components);
        for (int i = 0; i <= model.hival; ++i) {
            auto at = [&](int c) {
                const size_t o = static_cast<size_t>(i * n + c);
                return o < lookup.size() ? static_cast<unsigned char>(lookup[o]) : 0;
            };
            if (base.kind == ColorModel::Rgb) model.palette.emplace_back(at(2), at(1), at(0));
            else if (base.kind == ColorModel::Cmyk) {
                const double k = 1 - at(3) / 255.0;
                model.palette.emplace_back(static_cast<uchar>((255 - at(2)) * k), static_cast<uchar>((255 - at(1)) * k),
                                           static_cast<uchar>((255 - at(0)) * k));
            } else {
                model.palette.emplace_back(at(0), at(0), at(0));
            }
        }
    }
    return model;
}

// Unpacks `bits`-deep samples and maps them through Decode to 8-bit BGR or gray.
cv::Mat samples_to_mat(const std::string& data, int width, int height, int bits, const ColorModel& model,
                       const std::vector<double>& decode) {
    const int n = model.components;
    const size_t row_bytes = (static_cast<size_t>(width) * n * bits + 7) / 8;
    const double max_value = std::pow(2.0, bits) - 1;
    auto sample = [&](size_t row, size_t index) -> unsigned {
        const size_t bit = index * bits;
        const size_t at = row * row_bytes + bit / 8;
        if (bits == 16) return at + 1 < data.size() ? (static_cast<unsigned char>(data[at]) << 8 | static_cast<unsigned char>(data[at + 1])) : 0;
        if (at >= data.size()) return 0;
        const unsigned byte = static_cast<unsigned char>(data[at]);
        if (bits == 8) return byte;
        return (byte >> (8 - bits - bit % 8)) & ((1u << bits) - 1);
    };
    auto mapped = [&](unsigned v, int component, double low_default, double high_default) {
        const double low = decode.size() >= static_cast<size_t>(2 * component + 2) ? decode[2 * component] : low_default;
        const double high = decode.size() >= static_cast<size_t>(2 * component + 2) ? decode[2 * component + 1] : high_default;
        return low + v * (high - low) / max_value;
    };
    const bool gray_out = model.kind == ColorModel::Gray || model.kind == ColorModel::Ink;
    cv::Mat out(height, width, gray_out ? CV_8UC1 : CV_8UC3);
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
            const size_t base = static_cast<size_t>(x) * n;
            auto unit = [&](int c) { return std::clamp(mapped(sample(y, base + c), c, 0, 1), 0.0, 1.0); };
            switch (model.kind) {
                case ColorModel::Gray: out.at<uchar>(y, x) = static_cast<uchar>(unit(0) * 255 + 0.5); break;
                case ColorModel::Ink: out.at<uchar>(y, x) = static_cast<uchar>((1 - unit(0)) * 255 + 0.5); break;
                case ColorModel::Rgb:
                    out.at<cv::Vec3b>(y, x) = {static_cast<uchar>(unit(2) * 255 + 0.5), static_cast<uchar>(unit(1) * 255 + 0.5),
                                               static_cast<uchar>(unit(0) * 255 + 0.5)};
                    break;
                case ColorModel::Cmyk: {
                    const double k = 1 - unit(3);
                    out.at<cv::Vec3b>(y, x) = {static_cast<uchar>((1 - unit(2)) * k * 255 + 0.5),
                                               static_cast<uchar>((1 - unit(1)) * k * 255 + 0.5),
                                               static_cast<uchar>((1 - unit(0)) * k * 255 + 0.5)};
                    break;
                }
                case ColorModel::Indexed: {
                    const int index = std::clamp(static_cast<int>(std::lround(mapped(sample(y, base), 0, 0, max_value))), 0, model.hival);
                    out.at<cv::Vec3b>(y, x) = index < static_cast<int>(model.palette.size()) ? model.palette[index] : cv::Vec3b{};
                    break;
                }
            }
        }
    }
    return out;
}

// Runs the stream's filters up to (not including) an image codec; returns the codec name or "".
std::string run_filters(std::string& data, const PdfObject* dict, bool inline_image) {
    const PdfObject* filter = key(dict, "Filter", inline_image ? "F" : nullptr);
    std::vector<std::string> names;
    if (filter && filter->IsName()) names.push_back(long_name(filter->GetName().GetName()));
    for (const PdfObject* item : podofo::array_items(filter)) names.push_back(long_name(podofo::name(item)));
    const PdfObject* parms = key(dict, "DecodeParms", inline_image ? "DP" : nullptr);
    const auto parm_items = podofo::array_items(parms);
    for (size_t i = 0; i < names.size(); ++i) {
        const PoDoFo::EPdfFilter type = filter_type(names[i]);
        if (type == PoDoFo::ePdfFilter_None) return names[i];
        const PdfObject* parm = parms && parms->IsDictionary() ? parms : (i < parm_items.size() ? parm_items[i] : nullptr);
        std::unique_ptr<PoDoFo::PdfFilter> decoder(PoDoFo::PdfFilterFactory::Create(type));
        if (!decoder) return names[i];
        char* out = nullptr;
        PoDoFo::pdf_long length = 0;
        decoder->Decode(data.data(), static_cast<PoDoFo::pdf_long>(data.size()), &out, &length,
                        parm && parm->IsDictionary() ? &parm->GetDictionary() : nullptr);
        data.assign(out ? out : "", out ? static_cast<size_t>(length) : 0);
        PoDoFo::podofo_free(out);
    }
    return "";
}

std::string encode_png(const cv::Mat& mat) { return pubforge::encode_png(mat, 6); }

// The codec's pixels, or an empty image when it cannot read the data.
cv::Mat decode_or_empty(const std::string& data, DecodeMode mode) {
    try {
        return decode_bytes(data, mode);
    } catch (const Error&) {
        return {};
    }
}

// Alpha from an /SMask image, scaled to the picture when sizes differ.
cv::Mat soft_mask(const PdfObject* smask, int width, int height) {
    if (!smask || !smask->HasStream()) return {};
    std::string data = podofo::raw_stream(smask);
    const std::string codec = run_filters(data, smask, false);
    cv::Mat alpha;
    if (codec == "DCTDecode" || codec == "JPXDecode") {
        alpha = decode_or_empty(data, DecodeMode::Gray);
    } else if (codec.empty()) {
        const int w = podofo::integer(podofo::get(smask, "Width"));
        const int h = podofo::integer(podofo::get(smask, "Height"));
        const int bits = podofo::integer(podofo::get(smask, "BitsPerComponent"), 8);
        if (w > 0 && h > 0 && w <= 30000 && h <= 30000 && (bits == 1 || bits == 2 || bits == 4 || bits == 8 || bits == 16))
            alpha = samples_to_mat(data, w, h, bits, ColorModel{}, podofo::numbers(podofo::get(smask, "Decode")));
    }
    if (alpha.empty()) return {};
    if (alpha.cols != width || alpha.rows != height) cv::resize(alpha, alpha, {width, height}, 0, 0, cv::INTER_LINEAR);
    return alpha;
}

ExtractedImage decode_dict_image(const PdfObject* dict, std::string data, bool inline_image, std::uint64_t max_pixels) {
    ExtractedImage result;
    const int width = podofo::integer(key(dict, "Width", inline_image ? "W" : nullptr));
    const int height = podofo::integer(key(dict, "Height", inline_image ? "H" : nullptr));
    if (width <= 0 || height <= 0) {
        result = {"", "pdf.image-undecodable", "image without a valid /Width and /Height"};
        return result;
    }
    if (static_cast<std::uint64_t>(width) * static_cast<std::uint64_t>(height) > max_pixels) {
        result = {"", "pdf.image-too-large",
                  "image of " + std::to_string(width) + "x" + std::to_string(height) + " pixels is over the limit of " +
                      std::to_string(max_pixels)};
        return result;
    }
    const std::string codec = run_filters(data, dict, inline_image);
    if (codec == "DCTDecode") {
        result.bytes = std::move(data);  // JPEG bytes stay as they are
        return result;
    }
    if (codec == "JPXDecode") {
        const cv::Mat mat = decode_or_empty(data, DecodeMode::Unchanged);
        if (mat.empty()) result = {"", "pdf.image-undecodable", "JPEG 2000 image OpenJPEG could not decode"};
        else result.bytes = encode_png(mat);
        return result;
    }
    if (!codec.empty()) {
        result = {"", "pdf.image-unsupported", codec + " images are not decoded"};
        return result;
    }
    const int bits = podofo::integer(key(dict, "BitsPerComponent", inline_image ? "BPC" : nullptr), 8);
    if (bits != 1 && bits != 2 && bits != 4 && bits != 8 && bits != 16) {
        result = {"", "pdf.image-undecodable", "unsupported BitsPerComponent " + std::to_string(bits)};
        return result;
    }
    const ColorModel model = color_model(key(dict, "ColorSpace", inline_image ? "CS" : nullptr));
    cv::Mat mat = samples_to_mat(data, width, height, bits, model,
                                 podofo::numbers(key(dict, "Decode", inline_image ? "D" : nullptr)));
    if (!inline_image) {
        const cv::Mat alpha = soft_mask(podofo::get(dict, "SMask"), width, height);
        if (!alpha.empty()) {
            cv::Mat bgra;
            cv::cvtColor(mat, bgra, mat.channels() == 1 ? cv::COLOR_GRAY2BGRA : cv::COLOR_BGR2BGRA);
            std::vector<cv::Mat> channels;
            cv::split(bgra, channels);
            channels[3] = alpha;
            cv::merge(channels, mat);
        }
    }
    result.bytes = encode_png(mat);
    return result;
}

}  // namespace

ExtractedImage extract_image(PoDoFo::PdfMemDocument& document, const ImagePlacement& image, std::uint64_t max_pixels) {
    try {
        if (image.xobject_number < 0) {
            PoDoFo::PdfContentsTokenizer tokenizer(image.inline_dict.data(), static_cast<long>(image.inline_dict.size()));
            PoDoFo::EPdfContentsType type;
            const char* keyword = nullptr;
            PoDoFo::PdfVariant variant;
            if (!tokenizer.ReadNext(type, keyword, variant) || !variant.IsDictionary())
                return {"", "pdf.image-undecodable", "inline image dictionary unreadable"};
            const PoDoFo::PdfObject dict(variant.GetDictionary());
            return decode_dict_image(&dict, image.inline_data, true, max_pixels);
        }
        const PdfObject* object = document.GetObjects().GetObject(
            PoDoFo::PdfReference(static_cast<PoDoFo::pdf_objnum>(image.xobject_number),
                                 static_cast<PoDoFo::pdf_gennum>(image.xobject_generation)));
        if (!object || !object->HasStream()) return {"", "pdf.image-undecodable", "image object missing"};
        return decode_dict_image(object, podofo::raw_stream(object), false, max_pixels);
    } catch (const PoDoFo::PdfError& error) {
        return {"", "pdf.image-undecodable", "PoDoFo could not decode the image: " + podofo::error_text(error.GetError())};
    } catch (const cv::Exception& error) {
        return {"", "pdf.image-undecodable", std::string("OpenCV could not process the image: ") + error.what()};
    }
}

}  // namespace pubforge::pdf
