// JPEG 2000 (JP2 boxes or a raw J2K codestream) through OpenJPEG, converted as OpenCV 4.6's Jpeg2KOpjDecoder converts it.
#include <openjpeg.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "codec_parts.hpp"
#include "pubforge/core/error.hpp"

namespace pubforge::codec {
namespace {

struct Buffer {
    const unsigned char* begin;
    const unsigned char* position;
    OPJ_SIZE_T length;
    OPJ_SIZE_T available() const { return length - static_cast<OPJ_SIZE_T>(position - begin); }
};

// OpenCV's stream callbacks, kept as they are: what they return at the end of the data decides
// how OpenJPEG treats a short file.
OPJ_SIZE_T read_buffer(void* out, OPJ_SIZE_T count, void* user) {
    auto* buffer = static_cast<Buffer*>(user);
    const OPJ_SIZE_T n = std::min(buffer->available(), count);
    if (n == 0) return static_cast<OPJ_SIZE_T>(-1);
    std::memcpy(out, buffer->position, n);
    buffer->position += n;
    return n;
}

OPJ_OFF_T skip_buffer(OPJ_OFF_T count, void* user) {
    auto* buffer = static_cast<Buffer*>(user);
    const OPJ_SIZE_T n = std::min(buffer->available(), static_cast<OPJ_SIZE_T>(count));
    if (n == 0) return -1;
    buffer->position += n;
    return static_cast<OPJ_OFF_T>(n);
}

OPJ_BOOL seek_buffer(OPJ_OFF_T count, void* user) {
    auto* buffer = static_cast<Buffer*>(user);
    buffer->position = buffer->begin + std::min(buffer->length, static_cast<OPJ_SIZE_T>(count));
    return OPJ_TRUE;
}

void quiet(const char*, void*) {}

struct CodecCloser {
    void operator()(opj_codec_t* codec) const { opj_destroy_codec(codec); }
};
struct StreamCloser {
    void operator()(opj_stream_t* stream) const { opj_stream_destroy(stream); }
};
struct ImageCloser {
    void operator()(opj_image_t* image) const { opj_image_destroy(image); }
};

// Interleaves the given components into out (8- or 16-bit), shifting down to the output precision.
void interleave(const std::vector<const OPJ_INT32*>& components, cv::Mat& out, int shift) {
    const size_t channels = components.size();
    const size_t count = static_cast<size_t>(out.cols) * static_cast<size_t>(out.rows);
    for (size_t c = 0; c < channels; ++c) {
        const OPJ_INT32* in = components[c];
        if (out.depth() == CV_8U) {
            auto* target = out.ptr<uint8_t>() + c;
            for (size_t i = 0; i < count; ++i) target[i * channels] = static_cast<uint8_t>(in[i] >> shift);
        } else {
            auto* target = out.ptr<uint16_t>() + c;
            for (size_t i = 0; i < count; ++i) target[i * channels] = static_cast<uint16_t>(in[i] >> shift);
        }
    }
}

}  // namespace

cv::Mat decode_jpeg2000(std::string_view bytes, bool gray) {
    const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
    const bool codestream = bytes.size() >= 4 && data[0] == 0xFF && data[1] == 0x4F && data[2] == 0xFF && data[3] == 0x51;
    Buffer buffer{data, data, bytes.size()};
    std::unique_ptr<opj_stream_t, StreamCloser> stream(opj_stream_default_create(OPJ_TRUE));
    if (!stream) throw Error("image.corrupt", "jp2: out of memory");
    opj_stream_set_user_data(stream.get(), &buffer, nullptr);
    opj_stream_set_user_data_length(stream.get(), buffer.length);
    opj_stream_set_read_function(stream.get(), read_buffer);
    opj_stream_set_skip_function(stream.get(), skip_buffer);
    opj_stream_set_seek_function(stream.get(), seek_buffer);
    std::unique_ptr<opj_codec_t, CodecCloser> codec(opj_create_decompress(codestream ? OPJ_CODEC_J2K : OPJ_CODEC_JP2));
    if (!codec) throw Error("image.corrupt", "jp2: out of memory");
    opj_set_error_handler(codec.get(), quiet, nullptr);
    opj_set_warning_handler(codec.get(), quiet, nullptr);
    opj_set_info_handler(codec.get(), quiet, nullptr);
    opj_dparameters_t parameters;
    opj_set_default_decoder_parameters(&parameters);
    if (!opj_setup_decoder(codec.get(), &parameters)) throw Error("image.corrupt", "jp2 decoder setup failed");
    opj_image_t* raw = nullptr;
    if (!opj_read_header(stream.get(), codec.get(), &raw)) throw Error("image.corrupt", "jp2 header could not be read");
    std::unique_ptr<opj_image_t, ImageCloser> image(raw);

    check_size(static_cast<long long>(image->x1) - image->x0, static_cast<long long>(image->y1) - image->y0);
    const int width = static_cast<int>(image->x1 - image->x0), height = static_cast<int>(image->y1 - image->y0);
    const int components = static_cast<int>(image->numcomps);
    if (components < 1 || components > 4)
        throw Error("image.unsupported", "jp2 with " + std::to_string(components) + " components");
    OPJ_UINT32 max_precision = 0;
    for (int i = 0; i < components; ++i) {
        if (image->comps[i].sgnd) throw Error("image.unsupported", "jp2 with signed components");
        max_precision = std::max(max_precision, image->comps[i].prec);
    }
    if (max_precision < 8 || (!gray && max_precision > 16))
        throw Error("image.unsupported", "jp2 with " + std::to_string(max_precision) + "-bit components");
    const int depth = gray || max_precision == 8 ? CV_8U : CV_16U;
    const int channels = gray ? 1 : components;
    if (channels == 2) throw Error("image.unsupported", "jp2 with gray and alpha components");
    if (!opj_decode(codec.get(), stream.get(), image.get())) throw Error("image.corrupt", "jp2 could not be decoded");
    for (int i = 0; i < components; ++i) {
        const opj_image_comp_t& comp = image->comps[i];
        if (comp.dx != 1 || comp.dy != 1 || comp.x0 != 0 || comp.y0 != 0 || static_cast<int>(comp.w) != width ||
            static_cast<int>(comp.h) != height || !comp.data)
            throw Error("image.unsupported", "jp2 with subsampled or offset components");
    }
    const int out_precision = depth == CV_8U ? 8 : 16;
    const int shift = out_precision > static_cast<int>(max_precision) ? 0 : static_cast<int>(max_precision) - out_precision;
    cv::Mat out(height, width, CV_MAKETYPE(depth, channels));
    const auto comp = [&](int i) -> const OPJ_INT32* { return image->comps[i].data; };
    switch (image->color_space) {
        case OPJ_CLRSPC_UNKNOWN:
        case OPJ_CLRSPC_UNSPECIFIED:
        case OPJ_CLRSPC_SRGB:
            if (channels == 1 && components <= 2) {
                interleave({comp(0)}, out, shift);
            } else if (channels == 1) {
                cv::Mat bgr(height, width, CV_MAKETYPE(depth, 3));
                interleave({comp(2), comp(1), comp(0)}, bgr, shift);
                cv::cvtColor(bgr, out, cv::COLOR_BGR2GRAY);
            } else if (components >= 3) {
                std::vector<const OPJ_INT32*> order{comp(2), comp(1), comp(0)};
                if (channels > 3) order.push_back(comp(3));
                interleave(order, out, shift);
            } else {
                throw Error("image.unsupported", "jp2 colour conversion");
            }
            break;
        case OPJ_CLRSPC_GRAY:
            if (channels != 1 && channels != 3) throw Error("image.unsupported", "jp2 gray image with alpha");
            interleave(std::vector<const OPJ_INT32*>(static_cast<size_t>(channels), comp(0)), out, shift);
            break;
        case OPJ_CLRSPC_SYCC:
            if (channels == 1) {
                interleave({comp(0)}, out, shift);
            } else if (channels == 3) {
                interleave({comp(0), comp(1), comp(2)}, out, shift);
                cv::cvtColor(out, out, cv::COLOR_YUV2BGR);
            } else {
                throw Error("image.unsupported", "jp2 YUV image with alpha");
            }
            break;
        default:
            throw Error("image.unsupported", "jp2 colour space " + std::to_string(static_cast<int>(image->color_space)));
    }
    return out;
}

}  // namespace pubforge::codec
