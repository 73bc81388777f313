// giflib record loop that stops after the first image: animated GIFs cost one frame.
#include "gif_decode.hpp"

#include <gif_lib.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <vector>

#include "pubforge/core/error.hpp"

namespace pubforge {
namespace {

struct MemorySource {
    std::string_view bytes;
    size_t offset = 0;
};

int read_memory(GifFileType* gif, GifByteType* out, int wanted) {
    auto* source = static_cast<MemorySource*>(gif->UserData);
    const size_t available = source->bytes.size() - source->offset;
    const size_t count = std::min(available, static_cast<size_t>(std::max(wanted, 0)));
    std::memcpy(out, source->bytes.data() + source->offset, count);
    source->offset += count;
    return static_cast<int>(count);
}

struct GifCloser {
    void operator()(GifFileType* gif) const {
        int error = 0;
        DGifCloseFile(gif, &error);
    }
};

[[noreturn]] void fail(const GifFileType* gif, const char* what) {
    const char* reason = gif ? GifErrorString(gif->Error) : nullptr;
    throw Error("image.corrupt", std::string("gif ") + what + (reason ? std::string(": ") + reason : std::string()));
}

}  // namespace

cv::Mat decode_gif_first_frame(std::string_view bytes, std::int64_t max_pixels) {
    MemorySource source{bytes};
    int open_error = 0;
    std::unique_ptr<GifFileType, GifCloser> gif(DGifOpen(&source, read_memory, &open_error));
    if (!gif) throw Error("image.corrupt", std::string("gif header: ") + (GifErrorString(open_error) ? GifErrorString(open_error) : "unreadable"));

    int transparent = -1;
    GifRecordType record = UNDEFINED_RECORD_TYPE;
    do {
        if (DGifGetRecordType(gif.get(), &record) == GIF_ERROR) fail(gif.get(), "record");
        if (record == EXTENSION_RECORD_TYPE) {
            int code = 0;
            GifByteType* block = nullptr;
            if (DGifGetExtension(gif.get(), &code, &block) == GIF_ERROR) fail(gif.get(), "extension");
            if (code == GRAPHICS_EXT_FUNC_CODE && block) {
                GraphicsControlBlock control;
                if (DGifExtensionToGCB(block[0], block + 1, &control) == GIF_OK)
                    transparent = control.TransparentColor;
            }
            while (block) {
                if (DGifGetExtensionNext(gif.get(), &block) == GIF_ERROR) fail(gif.get(), "extension");
            }
        }
    } while (record != IMAGE_DESC_RECORD_TYPE && record != TERMINATE_RECORD_TYPE);
    if (record != IMAGE_DESC_RECORD_TYPE) throw Error("image.corrupt", "gif holds no image");
    if (DGifGetImageDesc(gif.get()) == GIF_ERROR) fail(gif.get(), "image descriptor");

    const GifImageDesc& frame = gif->Image;
    const int screen_width = gif->SWidth > 0 ? gif->SWidth : frame.Width;
    const int screen_height = gif->SHeight > 0 ? gif->SHeight : frame.Height;
    if (frame.Width <= 0 || frame.Height <= 0 || screen_width <= 0 || screen_height <= 0)
        throw Error("image.empty", "gif frame has zero size");
    if (static_cast<std::int64_t>(frame.Width) * frame.Height > max_pixels ||
        static_cast<std::int64_t>(screen_width) * screen_height > max_pixels)
        throw Error("image.too-large", "gif frame exceeds the pixel limit");
    const ColorMapObject* palette = frame.ColorMap ? frame.ColorMap : gif->SColorMap;
    if (!palette) throw Error("image.corrupt", "gif has no colour table");

    // Interlaced GIFs store rows in four passes; this maps read order to row numbers.
    std::vector<int> row_order;
    row_order.reserve(frame.Height);
    if (frame.Interlace) {
        const int starts[] = {0, 4, 2, 1}, steps[] = {8, 8, 4, 2};
        for (int pass = 0; pass < 4; ++pass)
            for (int y = starts[pass]; y < frame.Height; y += steps[pass]) row_order.push_back(y);
    } else {
        for (int y = 0; y < frame.Height; ++y) row_order.push_back(y);
    }

    cv::Mat canvas(screen_height, screen_width, CV_8UC3, cv::Scalar::all(255));
    std::vector<GifPixelType> line(frame.Width);
    for (const int row : row_order) {
        if (DGifGetLine(gif.get(), line.data(), frame.Width) == GIF_ERROR) fail(gif.get(), "pixel data");
        const int y = frame.Top + row;
        if (y < 0 || y >= screen_height) continue;
        auto* out = canvas.ptr<cv::Vec3b>(y);
        for (int x = 0; x < frame.Width; ++x) {
            const int cx = frame.Left + x;
            const int index = line[x];
            if (cx < 0 || cx >= screen_width || index == transparent || index >= palette->ColorCount) continue;
            const GifColorType& c = palette->Colors[index];
            out[cx] = cv::Vec3b(c.Blue, c.Green, c.Red);
        }
    }
    return canvas;
}

}  // namespace pubforge
