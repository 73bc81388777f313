// Figure regions rendered by pdftoppm in a child process; PNG kept for line art, JPEG for photographs.
#include "pubforge/pdf/figure_render.hpp"

#include <cmath>

#include "pubforge/core/error.hpp"
#include "pubforge/image/codecs.hpp"
#include "pubforge/image/line_art.hpp"
#include "pubforge/core/child_process.hpp"

namespace pubforge::pdf {
namespace {

std::string number(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.6g", value);
    return buffer;
}

struct PixelBox {
    long x = 0, y = 0, w = 0, h = 0;
};

PixelBox pixel_box(const Box& box, double dpi) {
    const double scale = dpi / 72.0;
    PixelBox p;
    p.x = static_cast<long>(std::floor(std::max(0.0, box.x0) * scale));
    p.y = static_cast<long>(std::floor(std::max(0.0, box.y0) * scale));
    // A hair under whole numbers: 216 pt at 150 dpi is 450 pixels, not 451 from rounding noise.
    p.w = std::max(1L, static_cast<long>(std::ceil(box.x1 * scale - 1e-6)) - p.x);
    p.h = std::max(1L, static_cast<long>(std::ceil(box.y1 * scale - 1e-6)) - p.y);
    return p;
}

RenderedRegion failed(const std::string& code, const std::string& message) {
    RenderedRegion region;
    region.warning_code = code;
    region.warning = message;
    return region;
}

}  // namespace

double render_dpi(const Box& box, const RenderOptions& options) {
    const double dpi = options.dpi > 0 ? options.dpi : 150;
    const double pixels = box.width() * box.height() * (dpi / 72.0) * (dpi / 72.0);
    if (options.max_pixels == 0 || pixels <= static_cast<double>(options.max_pixels)) return dpi;
    // Rounded down to a tenth so the region is certain to fit after pixel rounding.
    const double lowered = dpi * std::sqrt(static_cast<double>(options.max_pixels) / pixels) * 0.99;
    return std::max(1.0, std::floor(lowered * 10) / 10);
}

std::vector<std::string> render_arguments(const RenderOptions& options, int page, const Box& box, double dpi,
                                          const std::string& pdf_path) {
    const PixelBox p = pixel_box(box, dpi);
    // -cropbox: the layout measures boxes from the crop box (pdftoppm's default is the media box).
    return {options.renderer, "-f", std::to_string(page), "-l", std::to_string(page), "-r", number(dpi),
            "-cropbox", "-x", std::to_string(p.x), "-y", std::to_string(p.y), "-W", std::to_string(p.w),
            "-H", std::to_string(p.h), "-png", "-singlefile",
            // A path that starts with '-' would read as an option.
            pdf_path.empty() ? "-" : (pdf_path[0] == '-' ? "./" + pdf_path : pdf_path)};
}

RenderedRegion render_region(std::string_view pdf_bytes, int page, const Box& box, const RenderOptions& options,
                             double seconds_left, const std::string& pdf_path) {
    if (box.empty()) return failed("pdf.render-failed", "empty figure box: nothing to render");
    const double dpi = render_dpi(box, options);
    const PixelBox p = pixel_box(box, dpi);
    // An RGB PNG is never much larger than its raw pixels; more output than that is not a picture.
    const std::size_t max_output = static_cast<std::size_t>(p.w) * static_cast<std::size_t>(p.h) * 4 + (1u << 20);
    const ChildResult child = run_child(render_arguments(options, page, box, dpi, pdf_path),
                                        pdf_path.empty() ? pdf_bytes : std::string_view(), seconds_left, max_output,
                                        options.max_memory_bytes);
    switch (child.status) {
        case ChildResult::Status::Missing:
            return failed("pdf.renderer-missing", options.renderer +
                                                      " not found (Debian: apt-get install poppler-utils): the figure keeps its embedded images only");
        case ChildResult::Status::TimedOut:
            throw Error("pdf.timeout", "the per-document time limit ran out while " + options.renderer + " rendered page " +
                                           std::to_string(page));
        case ChildResult::Status::OutputTooLarge:
        case ChildResult::Status::SpawnFailed:
            return failed("pdf.render-failed", child.message);
        case ChildResult::Status::Exited:
            break;
    }
    if (child.exit_code != 0 || child.out.empty()) {
        std::string said = child.err.substr(0, 300);
        while (!said.empty() && (said.back() == '\n' || said.back() == '\r')) said.pop_back();
        return failed("pdf.render-failed", options.renderer + " failed on page " + std::to_string(page) + " (status " +
                                               std::to_string(child.exit_code) + (said.empty() ? "" : ": " + said) + ")");
    }
    cv::Mat pixels;
    try {
        pixels = decode_bytes(child.out);
    } catch (const Error& e) {
        return failed("pdf.render-failed", options.renderer + " wrote an unreadable image: " + e.what());
    }
    if (pixels.empty()) return failed("pdf.render-failed", options.renderer + " wrote an empty image");
    RenderedRegion region;
    region.dpi = dpi;
    region.bytes = is_line_art(pixels) ? child.out : encode_jpeg(pixels, options.jpeg_quality);
    return region;
}

}  // namespace pubforge::pdf
