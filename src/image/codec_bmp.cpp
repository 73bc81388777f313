// Uncompressed Windows BMP (1/4/8-bit palette, 24- and 32-bit) read as OpenCV 4.6's BmpDecoder reads it; no Debian codec library exists for BMP.
#include <cstdint>
#include <vector>

#include "codec_parts.hpp"
#include "pubforge/core/error.hpp"

namespace pubforge::codec {
namespace {

std::uint32_t u32(std::string_view b, size_t at) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(b[at])) |
           static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 1])) << 8 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 2])) << 16 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 3])) << 24;
}

unsigned u16(std::string_view b, size_t at) {
    return static_cast<unsigned char>(b[at]) | static_cast<unsigned>(static_cast<unsigned char>(b[at + 1])) << 8;
}

}  // namespace

cv::Mat decode_bmp(std::string_view bytes, bool gray) {
    if (bytes.size() < 54) throw Error("image.corrupt", "bmp header is truncated");
    const std::uint32_t data_offset = u32(bytes, 10);
    const std::uint32_t header_size = u32(bytes, 14);
    if (header_size != 40 && header_size != 56 && header_size != 108 && header_size != 124)
        throw Error("image.unsupported", "bmp with a " + std::to_string(header_size) + "-byte info header");
    const auto width = static_cast<std::int32_t>(u32(bytes, 18));
    const auto signed_height = static_cast<std::int32_t>(u32(bytes, 22));
    const unsigned bits = u16(bytes, 28);
    const std::uint32_t compression = u32(bytes, 30);
    std::uint32_t colours = u32(bytes, 46);
    if (compression != 0) throw Error("image.unsupported", "compressed bmp (method " + std::to_string(compression) + ")");
    if (bits != 1 && bits != 4 && bits != 8 && bits != 24 && bits != 32)
        throw Error("image.unsupported", "bmp with " + std::to_string(bits) + " bits per pixel");
    if (width <= 0 || signed_height == 0 || signed_height == INT32_MIN) throw Error("image.corrupt", "bmp size is invalid");
    const bool top_down = signed_height < 0;
    const int height = top_down ? -signed_height : signed_height;
    check_size(width, height);

    // Palette entries are B, G, R, reserved.
    std::vector<cv::Vec3b> palette;
    bool colour_palette = false;
    if (bits <= 8) {
        const std::uint32_t full = 1u << bits;
        if (colours == 0 || colours > full) colours = full;
        const size_t at = 14 + header_size;
        if (at + 4 * static_cast<size_t>(colours) > bytes.size()) throw Error("image.corrupt", "bmp palette is truncated");
        palette.assign(full, cv::Vec3b(0, 0, 0));
        for (std::uint32_t i = 0; i < colours; ++i) {
            const auto entry = [&](size_t k) { return static_cast<unsigned char>(bytes[at + 4 * i + k]); };
            palette[i] = cv::Vec3b(entry(0), entry(1), entry(2));
            colour_palette = colour_palette || entry(0) != entry(1) || entry(1) != entry(2);
        }
    }
    const size_t stride = ((static_cast<size_t>(width) * bits + 31) / 32) * 4;
    if (data_offset > bytes.size() || stride * static_cast<size_t>(height) > bytes.size() - data_offset)
        throw Error("image.corrupt", "bmp pixel data is truncated");

    // OpenCV's types: a gray palette gives one channel, anything else BGR (32-bit alpha dropped).
    const int channels = gray || (bits <= 8 && !colour_palette) ? 1 : 3;
    cv::Mat image(height, static_cast<int>(width), CV_8UC(channels));
    for (int row = 0; row < height; ++row) {
        const auto* in = reinterpret_cast<const unsigned char*>(bytes.data()) + data_offset + stride * static_cast<size_t>(row);
        unsigned char* out = image.ptr<unsigned char>(top_down ? row : height - 1 - row);
        for (int x = 0; x < width; ++x) {
            cv::Vec3b pixel;
            if (bits <= 8) {
                const size_t bit = static_cast<size_t>(x) * bits;
                const unsigned index = (in[bit / 8] >> (8 - bits - bit % 8)) & ((1u << bits) - 1);
                pixel = palette[index];
            } else {
                const unsigned char* p = in + static_cast<size_t>(x) * (bits / 8);
                pixel = cv::Vec3b(p[0], p[1], p[2]);
            }
            if (channels == 1) {
                out[x] = bits <= 8 && !colour_palette ? pixel[0] : gray_of(pixel[0], pixel[1], pixel[2]);
            } else {
                out[3 * x] = pixel[0];
                out[3 * x + 1] = pixel[1];
                out[3 * x + 2] = pixel[2];
            }
        }
    }
    return image;
}

}  // namespace pubforge::codec
