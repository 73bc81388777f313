// TIFF through libtiff as OpenCV 4.6's TiffDecoder reads it: 8-bit via libtiff's RGBA interface, 16-bit samples as stored.
#include <tiffio.h>

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <memory>
#include <vector>

#include "codec_parts.hpp"
#include "pubforge/core/error.hpp"

namespace pubforge::codec {
namespace {

struct Source {
    std::string_view bytes;
    toff_t offset = 0;
    std::string error{};
};

tmsize_t read_source(thandle_t handle, void* out, tmsize_t wanted) {
    auto* source = static_cast<Source*>(handle);
    const toff_t available = source->bytes.size() - source->offset;
    const toff_t count = std::min<toff_t>(available, static_cast<toff_t>(std::max<tmsize_t>(wanted, 0)));
    std::memcpy(out, source->bytes.data() + source->offset, count);
    source->offset += count;
    return static_cast<tmsize_t>(count);
}

tmsize_t write_none(thandle_t, void*, tmsize_t) { return 0; }

toff_t seek_source(thandle_t handle, toff_t offset, int whence) {
    auto* source = static_cast<Source*>(handle);
    toff_t position = source->offset;
    if (whence == SEEK_SET) position = offset;
    else if (whence == SEEK_CUR) position += offset;
    else if (whence == SEEK_END) position = source->bytes.size() + offset;
    source->offset = std::min<toff_t>(position, source->bytes.size());
    return source->offset;
}

int close_source(thandle_t) { return 0; }
toff_t size_source(thandle_t handle) { return static_cast<Source*>(handle)->bytes.size(); }
int map_none(thandle_t, void**, toff_t*) { return 0; }
void unmap_none(thandle_t, void*, toff_t) {}

// Per-handle handlers (libtiff 4.5): nothing is printed, the first error is kept for the message.
int on_error(TIFF*, void* user, const char* module, const char* format, va_list args) {
    auto* source = static_cast<Source*>(user);
    if (source->error.empty()) {
        char text[512];
        std::vsnprintf(text, sizeof text, format, args);
        source->error = std::string(module ? module : "tiff") + ": " + text;
    }
    return 1;
}

int on_warning(TIFF*, void*, const char*, const char*, va_list) { return 1; }

struct TiffCloser {
    void operator()(TIFF* tif) const { TIFFClose(tif); }
};

[[noreturn]] void fail(const Source& source, const std::string& what) {
    throw Error("image.corrupt", "tiff " + what + (source.error.empty() ? "" : ": " + source.error));
}

// The channels OpenCV reports for an 8-bit file: palette images are BGR, gray ones stay gray,
// everything else keeps its sample count (RGBA and CMYK are read as BGRA).
int eight_bit_channels(uint16_t photometric, uint16_t samples) {
    if (photometric == PHOTOMETRIC_PALETTE) return 3;
    if (photometric == PHOTOMETRIC_MINISWHITE || photometric == PHOTOMETRIC_MINISBLACK) return 1;
    return samples;
}

cv::Mat read_rgba(TIFF* tif, const Source& source, int width, int height, int channels) {
    std::vector<uint32_t> raster(static_cast<size_t>(width) * static_cast<size_t>(height));
    char message[1024] = "";
    if (!TIFFRGBAImageOK(tif, message)) throw Error("image.unsupported", std::string("tiff variant: ") + message);
    if (!TIFFReadRGBAImageOriented(tif, static_cast<uint32_t>(width), static_cast<uint32_t>(height), raster.data(),
                                   ORIENTATION_TOPLEFT, 0))
        fail(source, "pixel data");
    cv::Mat image(height, width, CV_8UC(channels));
    for (int y = 0; y < height; ++y) {
        const uint32_t* in = raster.data() + static_cast<size_t>(y) * width;
        unsigned char* out = image.ptr<unsigned char>(y);
        for (int x = 0; x < width; ++x) {
            const int r = static_cast<int>(TIFFGetR(in[x])), g = static_cast<int>(TIFFGetG(in[x]));
            const int b = static_cast<int>(TIFFGetB(in[x])), a = static_cast<int>(TIFFGetA(in[x]));
            if (channels == 1) {
                out[x] = gray_of(b, g, r);
            } else {
                unsigned char* pixel = out + static_cast<size_t>(x) * channels;
                pixel[0] = static_cast<unsigned char>(b);
                pixel[1] = static_cast<unsigned char>(g);
                pixel[2] = static_cast<unsigned char>(r);
                if (channels == 4) pixel[3] = static_cast<unsigned char>(a);
            }
        }
    }
    return image;
}

// 16-bit gray, RGB and RGBA strips, samples as stored (no MINISWHITE inversion, as in OpenCV).
cv::Mat read_sixteen(TIFF* tif, const Source& source, int width, int height, uint16_t samples, bool gray_file) {
    uint16_t planar = PLANARCONFIG_CONTIG;
    TIFFGetField(tif, TIFFTAG_PLANARCONFIG, &planar);
    if (TIFFIsTiled(tif) || planar != PLANARCONFIG_CONTIG || (samples != 1 && samples != 3 && samples != 4))
        throw Error("image.unsupported", "tiff: 16-bit tiled, planar or " + std::to_string(samples) + "-sample data");
    const int channels = gray_file ? 1 : samples;
    cv::Mat image(height, width, CV_16UC(channels));
    std::vector<uint16_t> line(static_cast<size_t>(TIFFScanlineSize(tif)) / 2 + 1);
    for (int y = 0; y < height; ++y) {
        if (TIFFReadScanline(tif, line.data(), static_cast<uint32_t>(y), 0) < 0) fail(source, "pixel data");
        uint16_t* out = image.ptr<uint16_t>(y);
        if (channels == 1) {
            std::memcpy(out, line.data(), static_cast<size_t>(width) * 2);
            continue;
        }
        for (int x = 0; x < width; ++x) {
            const uint16_t* in = line.data() + static_cast<size_t>(x) * samples;
            uint16_t* pixel = out + static_cast<size_t>(x) * channels;
            pixel[0] = in[2];
            pixel[1] = in[1];
            pixel[2] = in[0];
            if (channels == 4) pixel[3] = in[3];
        }
    }
    return image;
}

}  // namespace

cv::Mat decode_tiff(std::string_view bytes, bool gray) {
    Source source{bytes};
    TIFFOpenOptions* options = TIFFOpenOptionsAlloc();
    TIFFOpenOptionsSetErrorHandlerExtR(options, on_error, &source);
    TIFFOpenOptionsSetWarningHandlerExtR(options, on_warning, &source);
    std::unique_ptr<TIFF, TiffCloser> tif(TIFFClientOpenExt("image", "rm", &source, read_source, write_none,
                                                           seek_source, close_source, size_source, map_none,
                                                           unmap_none, options));
    TIFFOpenOptionsFree(options);
    if (!tif) fail(source, "header");
    uint32_t width = 0, height = 0;
    uint16_t photometric = 0;
    if (!TIFFGetField(tif.get(), TIFFTAG_IMAGEWIDTH, &width) || !TIFFGetField(tif.get(), TIFFTAG_IMAGELENGTH, &height) ||
        !TIFFGetField(tif.get(), TIFFTAG_PHOTOMETRIC, &photometric))
        fail(source, "header");
    const bool gray_file = photometric == PHOTOMETRIC_MINISWHITE || photometric == PHOTOMETRIC_MINISBLACK;
    uint16_t bits = 8, samples = gray_file ? 1 : 3, format = SAMPLEFORMAT_UINT;
    if (!TIFFGetField(tif.get(), TIFFTAG_BITSPERSAMPLE, &bits)) bits = 1;  // bi-level files may omit it
    TIFFGetField(tif.get(), TIFFTAG_SAMPLESPERPIXEL, &samples);
    TIFFGetField(tif.get(), TIFFTAG_SAMPLEFORMAT, &format);
    if (samples < 1 || samples > 4) throw Error("image.unsupported", "tiff with " + std::to_string(samples) + " samples");
    if (photometric == PHOTOMETRIC_LOGLUV) throw Error("image.unsupported", "tiff: LogLuv data");
    // OpenCV reads anything beyond 8 bits that is not gray/RGB(A) as 8-bit through libtiff's RGBA interface.
    if (bits > 8 && (photometric > 2 || (samples != 1 && samples != 3 && samples != 4))) bits = 8;
    // OpenCV 4.6 reads 1-, 8- and 16-bit unsigned samples only (4-bit palettes came later).
    if (format != SAMPLEFORMAT_UINT || (bits != 1 && bits != 8 && bits != 16))
        throw Error("image.unsupported", "tiff: " + std::to_string(bits) + "-bit samples of format " + std::to_string(format));
    check_size(width, height);
    const int w = static_cast<int>(width), h = static_cast<int>(height);
    if (bits == 16 && !gray) return read_sixteen(tif.get(), source, w, h, samples, gray_file);
    return read_rgba(tif.get(), source, w, h, gray ? 1 : eight_bit_channels(photometric, samples));
}

}  // namespace pubforge::codec
