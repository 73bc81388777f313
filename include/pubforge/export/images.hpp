// Image bytes for an export: copied through untouched, or re-encoded (resize, format, quality) with image/codecs.hpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "pubforge/core/store.hpp"

namespace pubforge::exporter {

struct ImageOptions {
    int max_side = 0;              // 0 = keep the size
    // auto: JPEG, PNG and WebP copied, other formats (TIFF, GIF, BMP, JPEG 2000) transcoded
    // to PNG (line art) or JPEG quality 95 (photographs), since dataloaders skip them;
    // keep: every format copied (--keep-original-format); jpg, png: everything re-encoded.
    std::string format = "auto";
    int quality = 90;              // JPEG quality when re-encoding

    // Throws UsageError on an unknown format or an out-of-range value.
    void validate() const;
    nlohmann::json to_json() const;
};

struct PreparedImage {
    std::string bytes;
    std::string extension;  // jpg, png, tif, ... (from the sniffed format, never a file name)
    int width = 0;
    int height = 0;
    bool reencoded = false;
    std::string source_format;  // the stored image's sniffed format ("tiff", ...), whatever was written
};

constexpr int kTranscodeJpegQuality = 95;  // auto mode's JPEG for a photograph in a format consumers skip

// The bytes to write for a stored image. Copy-through (byte for byte) unless a
// transform is needed: a side over max_side, or a format other than the source's
// (in auto mode: a format image consumers do not read).
// Re-encoding decodes with decode_image (image/decode.hpp) and throws its codes
// (image.corrupt, image.unsupported, image.too-large); a failed encode throws
// image.unencodable.
PreparedImage prepare_image(std::string original, const StoredImage& info, const ImageOptions& options);

// 64-bit perceptual hash (pHash: DCT of a 32x32 grey thumbnail, OpenCV img_hash);
// nothing when the bytes do not decode.
std::optional<std::uint64_t> perceptual_hash(const std::string& bytes);

}  // namespace pubforge::exporter
