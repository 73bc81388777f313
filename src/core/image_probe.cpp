// Header readers for image dimensions. Decoding stays with OpenCV; this only reads the few
// fixed header fields each format defines, bounds-checked at every step.
#include "pubforge/core/image_probe.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>

#include "pubforge/core/sniff.hpp"

namespace pubforge {
namespace {

struct Reader {
    std::string_view bytes;
    bool big_endian = true;

    bool has(size_t offset, size_t size) const { return offset + size <= bytes.size() && offset + size >= offset; }
    std::uint32_t u8(size_t o) const { return static_cast<unsigned char>(bytes[o]); }
    std::uint32_t u16(size_t o) const { return big_endian ? (u8(o) << 8 | u8(o + 1)) : (u8(o + 1) << 8 | u8(o)); }
    std::uint32_t u32(size_t o) const {
        return big_endian ? (u16(o) << 16 | u16(o + 2)) : (u16(o + 2) << 16 | u16(o));
    }
};

ImageSize png_size(const Reader& r) {
    if (!r.has(16, 8)) return {};
    return {static_cast<int>(r.u32(16)), static_cast<int>(r.u32(20))};
}

ImageSize jpeg_size(const Reader& r) {
    size_t o = 2;
    while (r.has(o, 4)) {
        if (r.u8(o) != 0xFF) return {};
        const std::uint32_t marker = r.u8(o + 1);
        if (marker == 0xFF) { ++o; continue; }  // fill byte
        if (marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) { o += 2; continue; }
        const std::uint32_t length = r.u16(o + 2);
        const bool start_of_frame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 &&
                                    marker != 0xCC;
        if (start_of_frame) {
            if (!r.has(o + 5, 4)) return {};
            return {static_cast<int>(r.u16(o + 7)), static_cast<int>(r.u16(o + 5))};
        }
        if (length < 2) return {};
        o += 2 + length;
    }
    return {};
}

ImageSize gif_size(Reader r) {
    r.big_endian = false;
    if (!r.has(6, 4)) return {};
    return {static_cast<int>(r.u16(6)), static_cast<int>(r.u16(8))};
}

ImageSize bmp_size(Reader r) {
    r.big_endian = false;
    if (!r.has(18, 8)) return {};
    // Negative heights mean top-down rows; -INT32_MIN does not fit an int, so negate in 64 bits.
    const std::int64_t height = static_cast<std::int32_t>(r.u32(22));
    const std::int64_t rows = std::min<std::int64_t>(height < 0 ? -height : height, std::numeric_limits<int>::max());
    return {static_cast<int>(r.u32(18)), static_cast<int>(rows)};
}

ImageSize tiff_size(Reader r) {
    r.big_endian = r.bytes[0] == 'M';
    if (!r.has(4, 4)) return {};
    const size_t ifd = r.u32(4);
    if (!r.has(ifd, 2)) return {};
    const std::uint32_t entries = r.u16(ifd);
    ImageSize size;
    for (std::uint32_t i = 0; i < entries; ++i) {
        const size_t e = ifd + 2 + 12 * i;
        if (!r.has(e, 12)) break;
        const std::uint32_t tag = r.u16(e), type = r.u16(e + 2);
        const std::uint32_t value = type == 3 ? r.u16(e + 8) : r.u32(e + 8);
        if (tag == 256) size.width = static_cast<int>(value);
        if (tag == 257) size.height = static_cast<int>(value);
    }
    return size;
}

ImageSize webp_size(Reader r) {
    r.big_endian = false;
    if (!r.has(12, 18)) return {};
    const std::string_view chunk = r.bytes.substr(12, 4);
    if (chunk == "VP8 " && r.has(26, 4))
        return {static_cast<int>(r.u16(26) & 0x3FFF), static_cast<int>(r.u16(28) & 0x3FFF)};
    if (chunk == "VP8L" && r.has(21, 4)) {
        const std::uint32_t bits = r.u32(21);
        return {static_cast<int>((bits & 0x3FFF) + 1), static_cast<int>(((bits >> 14) & 0x3FFF) + 1)};
    }
    if (chunk == "VP8X" && r.has(24, 6)) {
        const std::uint32_t w = r.u8(24) | r.u8(25) << 8 | r.u8(26) << 16;
        const std::uint32_t h = r.u8(27) | r.u8(28) << 8 | r.u8(29) << 16;
        return {static_cast<int>(w + 1), static_cast<int>(h + 1)};
    }
    return {};
}

ImageSize jp2_size(const Reader& r) {
    // Raw codestream: SIZ marker segment follows SOC.
    if (r.has(0, 4) && r.u16(0) == 0xFF4F) {
        if (!r.has(8, 16)) return {};
        return {static_cast<int>(r.u32(8) - r.u32(16)), static_cast<int>(r.u32(12) - r.u32(20))};
    }
    const size_t ihdr = r.bytes.find("ihdr");
    if (ihdr == std::string_view::npos || !r.has(ihdr + 4, 8)) return {};
    return {static_cast<int>(r.u32(ihdr + 8)), static_cast<int>(r.u32(ihdr + 4))};
}

}  // namespace

ImageSize probe_image_size(std::string_view bytes) {
    const Reader r{bytes};
    switch (sniff_format(bytes.substr(0, 64))) {
        case Format::Png: return png_size(r);
        case Format::Jpeg: return jpeg_size(r);
        case Format::Gif: return gif_size(r);
        case Format::Bmp: return bmp_size(r);
        case Format::Tiff: return tiff_size(r);
        case Format::Webp: return webp_size(r);
        case Format::Jpeg2000: return jp2_size(r);
        default: return {};
    }
}

}  // namespace pubforge
