// PNG through libpng with the transformations OpenCV 4.6's PngDecoder/PngEncoder ask for, so pixels and bytes match it.
#include <png.h>
#include <zlib.h>

#include <csetjmp>
#include <cstring>
#include <vector>

#include "codec_parts.hpp"
#include "pubforge/core/error.hpp"

namespace pubforge::codec {
namespace {

struct Messages {
    std::string error;
};

// libpng's default handlers print; these keep the message and jump back to the caller's setjmp.
void on_error(png_structp png, png_const_charp message) {
    auto* messages = static_cast<Messages*>(png_get_error_ptr(png));
    if (messages && message) messages->error = message;
    png_longjmp(png, 1);
}

void on_warning(png_structp, png_const_charp) {}

struct Source {
    std::string_view bytes;
    size_t offset = 0;
};

void read_source(png_structp png, png_bytep out, png_size_t wanted) {
    auto* source = static_cast<Source*>(png_get_io_ptr(png));
    if (wanted > source->bytes.size() - source->offset) png_error(png, "PNG input buffer is incomplete");
    std::memcpy(out, source->bytes.data() + source->offset, wanted);
    source->offset += wanted;
}

void write_sink(png_structp png, png_bytep data, png_size_t length) {
    static_cast<std::string*>(png_get_io_ptr(png))->append(reinterpret_cast<const char*>(data), length);
}

void flush_sink(png_structp) {}

}  // namespace

cv::Mat decode_png(std::string_view bytes, bool gray) {
    Messages messages;
    Source source{bytes};
    cv::Mat image;
    std::vector<png_bytep> rows;
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &messages, on_error, on_warning);
    if (!png) throw Error("image.corrupt", "png: out of memory");
    png_infop info = png_create_info_struct(png);
    png_infop end = png_create_info_struct(png);
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_read_struct(&png, &info, &end);
        throw Error("image.corrupt", "png could not be decoded: " + messages.error);
    }
    if (!info || !end) png_error(png, "out of memory");
    png_set_read_fn(png, &source, read_source);
    png_read_info(png, info);
    png_uint_32 width = 0, height = 0;
    int bit_depth = 0, color_type = 0;
    png_get_IHDR(png, info, &width, &height, &bit_depth, &color_type, nullptr, nullptr, nullptr);
    if (bit_depth > 8 && bit_depth != 16) png_error(png, "unsupported bit depth");
    try {
        check_size(width, height);
    } catch (const Error&) {
        png_destroy_read_struct(&png, &info, &end);
        throw;
    }

    // The type OpenCV reports for the file: colour with a tRNS chunk or an alpha channel gains
    // alpha; a gray image with tRNS does not.
    int channels = 1;
    if (color_type == PNG_COLOR_TYPE_RGB || color_type == PNG_COLOR_TYPE_PALETTE) {
        png_bytep trans = nullptr;
        int num_trans = 0;
        png_color_16p trans_values = nullptr;
        png_get_tRNS(png, info, &trans, &num_trans, &trans_values);
        channels = num_trans > 0 ? 4 : 3;
    } else if (color_type == PNG_COLOR_TYPE_GRAY_ALPHA || color_type == PNG_COLOR_TYPE_RGB_ALPHA) {
        channels = 4;
    }
    int depth = bit_depth == 16 ? CV_16U : CV_8U;
    if (gray) {
        channels = 1;
        depth = CV_8U;
    }
    image.create(static_cast<int>(height), static_cast<int>(width), CV_MAKETYPE(depth, channels));

    // OpenCV's call sequence, in its order (libpng applies them in its own fixed order anyway).
    if (depth == CV_8U && bit_depth == 16) png_set_strip_16(png);
    else png_set_swap(png);  // little-endian host: 16-bit samples in native order
    if (channels < 4) png_set_strip_alpha(png);
    else png_set_tRNS_to_alpha(png);
    if (color_type == PNG_COLOR_TYPE_PALETTE) png_set_palette_to_rgb(png);
    if ((color_type & PNG_COLOR_MASK_COLOR) == 0 && bit_depth < 8) png_set_expand_gray_1_2_4_to_8(png);
    const bool colour = channels > 1;
    if ((color_type & PNG_COLOR_MASK_COLOR) && colour) png_set_bgr(png);
    else if (colour) png_set_gray_to_rgb(png);
    else png_set_rgb_to_gray(png, 1, 0.299, 0.587);
    png_set_interlace_handling(png);
    png_read_update_info(png, info);
    rows.resize(height);
    for (png_uint_32 y = 0; y < height; ++y) rows[y] = image.ptr<png_byte>(static_cast<int>(y));
    png_read_image(png, rows.data());
    png_read_end(png, end);
    png_destroy_read_struct(&png, &info, &end);
    return image;
}

std::string encode_png(const cv::Mat& image, int level) {
    if (image.empty() || (image.depth() != CV_8U && image.depth() != CV_16U) || image.channels() == 2 ||
        image.channels() > 4)
        throw Error("image.encode", "png needs an 8- or 16-bit gray, BGR or BGRA image");
    Messages messages;
    std::string out;
    std::vector<png_bytep> rows(static_cast<size_t>(image.rows));
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &messages, on_error, on_warning);
    if (!png) throw Error("image.encode", "png: out of memory");
    png_infop info = png_create_info_struct(png);
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        throw Error("image.encode", "png could not be encoded: " + messages.error);
    }
    if (!info) png_error(png, "out of memory");
    png_set_write_fn(png, &out, write_sink, flush_sink);
    // OpenCV: an explicit level keeps zlib's default strategy and libpng's adaptive filters;
    // without one it tunes for speed (SUB filter, level 1) and uses the RLE strategy.
    if (level >= 0) {
        png_set_compression_level(png, level > Z_BEST_COMPRESSION ? Z_BEST_COMPRESSION : level);
        png_set_compression_strategy(png, Z_DEFAULT_STRATEGY);
    } else {
        png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_SUB);
        png_set_compression_level(png, Z_BEST_SPEED);
        png_set_compression_strategy(png, Z_RLE);
    }
    const int channels = image.channels();
    png_set_IHDR(png, info, static_cast<png_uint_32>(image.cols), static_cast<png_uint_32>(image.rows),
                 image.depth() == CV_8U ? 8 : 16,
                 channels == 1 ? PNG_COLOR_TYPE_GRAY : channels == 3 ? PNG_COLOR_TYPE_RGB : PNG_COLOR_TYPE_RGBA,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    png_set_bgr(png);
    png_set_swap(png);
    for (int y = 0; y < image.rows; ++y) rows[static_cast<size_t>(y)] = const_cast<png_bytep>(image.ptr<png_byte>(y));
    png_write_image(png, rows.data());
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    return out;
}

}  // namespace pubforge::codec
