// JPEG through libjpeg-turbo with the settings OpenCV 4.6's JpegDecoder/JpegEncoder use, so pixels and bytes match it.
#include <csetjmp>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include <jpeglib.h>

#include "codec_parts.hpp"
#include "pubforge/core/error.hpp"

namespace pubforge::codec {
namespace {

// libjpeg reports errors by calling error_exit, which must not return: it jumps back to the
// caller's setjmp, which then throws. Warnings are counted but never printed (the library
// never prints); the default manager would write them to stderr.
struct ErrorManager {
    jpeg_error_mgr pub;
    std::jmp_buf jump;
    char message[JMSG_LENGTH_MAX];
};

void error_exit(j_common_ptr cinfo) {
    auto* manager = reinterpret_cast<ErrorManager*>(cinfo->err);
    (*cinfo->err->format_message)(cinfo, manager->message);
    std::longjmp(manager->jump, 1);
}

void no_output(j_common_ptr) {}

void install(ErrorManager& manager, jpeg_error_mgr*& slot) {
    slot = jpeg_std_error(&manager.pub);
    manager.pub.error_exit = error_exit;
    manager.pub.output_message = no_output;
    manager.message[0] = '\0';
}

// The orientation tag (0x0112) of an EXIF block, read as OpenCV's ExifReader reads it: the TIFF
// header right after the 6-byte "Exif\0\0" preamble, IFD0 only; any read past the end makes the
// whole block unreadable, and then the orientation is the default, 1.
int exif_orientation(const unsigned char* data, size_t size) {
    if (size <= 6) return 1;
    data += 6;
    size -= 6;
    if (size < 2) return 1;
    const bool intel = data[0] == 'I' && data[1] == 'I';
    const bool motorola = data[0] == 'M' && data[1] == 'M';
    if (!intel && !motorola) return 1;
    bool ok = true;
    const auto u16 = [&](size_t offset) -> unsigned {
        if (offset + 2 > size) {
            ok = false;
            return 0;
        }
        return intel ? data[offset] | data[offset + 1] << 8 : data[offset] << 8 | data[offset + 1];
    };
    const auto u32 = [&](size_t offset) -> size_t {
        if (offset + 4 > size) {
            ok = false;
            return 0;
        }
        return intel ? static_cast<size_t>(u16(offset)) | static_cast<size_t>(u16(offset + 2)) << 16
                     : static_cast<size_t>(u16(offset)) << 16 | static_cast<size_t>(u16(offset + 2));
    };
    if (u16(2) != 0x2A || !ok) return 1;
    size_t offset = u32(4);
    const unsigned entries = u16(offset);
    if (!ok) return 1;
    offset += 2;
    int orientation = 1;
    bool found = false;
    for (unsigned i = 0; i < entries; ++i, offset += 12) {
        const unsigned tag = u16(offset);
        if (tag == 0x0112 && !found) {
            orientation = static_cast<int>(u16(offset + 8));
            found = true;
        }
        if (!ok) return 1;
    }
    return orientation;
}

// imgcodecs' icvCvt_CMYK2BGR_8u_C4C3R and icvCvt_CMYK2Gray_8u_C4C1R: libjpeg hands out the
// stored (for Adobe files, inverted) CMYK values and OpenCV blends them with K as below.
void cmyk_row(const JSAMPLE* in, unsigned char* out, int width, bool gray) {
    for (int x = 0; x < width; ++x, in += 4) {
        const int k = in[3];
        const int c = k - ((255 - in[0]) * k >> 8);
        const int m = k - ((255 - in[1]) * k >> 8);
        const int y = k - ((255 - in[2]) * k >> 8);
        if (gray) {
            out[x] = gray_of(y, m, c);
        } else {
            out[3 * x] = static_cast<unsigned char>(y);
            out[3 * x + 1] = static_cast<unsigned char>(m);
            out[3 * x + 2] = static_cast<unsigned char>(c);
        }
    }
}

}  // namespace

JpegResult decode_jpeg(std::string_view bytes, bool gray, int scale_denom) {
    jpeg_decompress_struct cinfo;
    std::memset(&cinfo, 0, sizeof cinfo);
    ErrorManager errors;
    install(errors, cinfo.err);
    JpegResult result;
    // Everything with a destructor is built above this line, so the jump skips none.
    if (setjmp(errors.jump)) {
        jpeg_destroy_decompress(&cinfo);
        throw Error("image.corrupt", std::string("jpeg could not be decoded: ") + errors.message);
    }
    jpeg_create_decompress(&cinfo);
    jpeg_mem_src(&cinfo, reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<unsigned long>(bytes.size()));
    jpeg_save_markers(&cinfo, JPEG_APP0 + 1, 0xffff);
    jpeg_read_header(&cinfo, TRUE);
    for (jpeg_saved_marker_ptr marker = cinfo.marker_list; marker; marker = marker->next) {
        if (marker->marker != JPEG_APP0 + 1) continue;
        result.exif_orientation = exif_orientation(marker->data, marker->data_length);
        break;
    }
    cinfo.scale_num = 1;
    cinfo.scale_denom = static_cast<unsigned>(scale_denom);
    jpeg_calc_output_dimensions(&cinfo);
    try {
        check_size(cinfo.output_width, cinfo.output_height);
    } catch (const Error&) {
        jpeg_destroy_decompress(&cinfo);
        throw;
    }
    // OpenCV's rule: gray files stay one channel unless colour was asked for, and four-component
    // (CMYK/YCCK) files are read as CMYK and blended by hand.
    const bool colour = !gray && cinfo.num_components > 1;
    const bool cmyk = cinfo.num_components == 4;
    cinfo.out_color_space = cmyk ? JCS_CMYK : colour ? JCS_EXT_BGR : JCS_GRAYSCALE;
    jpeg_start_decompress(&cinfo);
    const int width = static_cast<int>(cinfo.output_width);
    const int height = static_cast<int>(cinfo.output_height);
    result.pixels.create(height, width, colour ? CV_8UC3 : CV_8UC1);
    // CMYK rows go through libjpeg's own pool, freed with the decompressor even after a jump.
    JSAMPARRAY row = cmyk ? (*cinfo.mem->alloc_sarray)(reinterpret_cast<j_common_ptr>(&cinfo), JPOOL_IMAGE,
                                                        static_cast<JDIMENSION>(width) * 4, 1)
                          : nullptr;
    for (int y = 0; y < height; ++y) {
        JSAMPROW target = cmyk ? row[0] : result.pixels.ptr<JSAMPLE>(y);
        jpeg_read_scanlines(&cinfo, &target, 1);
        if (cmyk) cmyk_row(row[0], result.pixels.ptr<unsigned char>(y), width, !colour);
    }
    jpeg_finish_decompress(&cinfo);
    jpeg_destroy_decompress(&cinfo);
    return result;
}

std::string encode_jpeg(const cv::Mat& image, int quality) {
    if (image.empty() || image.depth() != CV_8U || image.channels() == 2 || image.channels() > 4)
        throw Error("image.encode", "jpeg needs an 8-bit gray, BGR or BGRA image");
    jpeg_compress_struct cinfo;
    std::memset(&cinfo, 0, sizeof cinfo);
    ErrorManager errors;
    install(errors, cinfo.err);
    unsigned char* buffer = nullptr;
    unsigned long size = 0;
    std::vector<JSAMPLE> row;
    std::string out;
    if (setjmp(errors.jump)) {
        jpeg_destroy_compress(&cinfo);
        std::free(buffer);
        throw Error("image.encode", std::string("jpeg could not be encoded: ") + errors.message);
    }
    jpeg_create_compress(&cinfo);
    jpeg_mem_dest(&cinfo, &buffer, &size);
    const int channels = image.channels() > 1 ? 3 : 1;
    cinfo.image_width = static_cast<JDIMENSION>(image.cols);
    cinfo.image_height = static_cast<JDIMENSION>(image.rows);
    cinfo.input_components = channels;
    cinfo.in_color_space = channels > 1 ? JCS_EXT_BGR : JCS_GRAYSCALE;
    // OpenCV: defaults, no restart markers, quality limited to baseline tables, no progressive
    // scans and no optimised Huffman tables.
    jpeg_set_defaults(&cinfo);
    cinfo.restart_interval = 0;
    jpeg_set_quality(&cinfo, quality < 0 ? 0 : quality > 100 ? 100 : quality, TRUE);
    jpeg_start_compress(&cinfo, TRUE);
    row.resize(static_cast<size_t>(image.cols) * 3);
    for (int y = 0; y < image.rows; ++y) {
        const unsigned char* source = image.ptr<unsigned char>(y);
        JSAMPROW target = const_cast<JSAMPROW>(source);
        if (image.channels() == 4) {
            for (int x = 0; x < image.cols; ++x) std::memcpy(&row[3 * static_cast<size_t>(x)], source + 4 * x, 3);
            target = row.data();
        }
        jpeg_write_scanlines(&cinfo, &target, 1);
    }
    jpeg_finish_compress(&cinfo);
    out.assign(reinterpret_cast<const char*>(buffer), size);
    jpeg_destroy_compress(&cinfo);
    std::free(buffer);
    return out;
}

}  // namespace pubforge::codec
