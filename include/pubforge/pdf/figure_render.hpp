// A figure's region of the page rendered to one image by poppler's pdftoppm, run as a separate process.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "pubforge/pdf/page_content.hpp"

namespace pubforge::pdf {

struct RenderOptions {
    bool enabled = true;
    std::string renderer = "pdftoppm";        // looked up on PATH; poppler-utils on Debian
    double dpi = 150;
    std::uint64_t max_pixels = 25'000'000;     // larger regions are rendered at a lower DPI to fit
    std::uint64_t max_memory_bytes = 2ull << 30;  // address space of the renderer process
    int jpeg_quality = 90;
};

// A rendered region: PNG (line art) or JPEG (photographs) bytes, or why there are none.
struct RenderedRegion {
    std::string bytes;
    double dpi = 0;
    std::string warning_code;  // pdf.renderer-missing, pdf.render-failed; empty on success
    std::string warning;
};

// Renders `box` (points, top-left origin of the crop box after /Rotate, as the layout measures it)
// of 1-based `page` of the PDF held in `pdf_bytes`, which the renderer reads on its standard input,
// or from `pdf_path` when it is given (a file on disk holding those bytes: poppler then reads only the
// objects the page needs instead of a copy of the whole file per figure).
// The renderer gets at most `seconds_left`; past it, Error("pdf.timeout") is thrown, as for parsing.
// Other renderer failures come back as a warning, never as an exception.
RenderedRegion render_region(std::string_view pdf_bytes, int page, const Box& box, const RenderOptions& options,
                             double seconds_left, const std::string& pdf_path = "");

// The renderer's arguments for that region at `dpi`: the crop in pixels (-x -y -W -H), PNG on stdout,
// the PDF read from `pdf_path`, or from stdin when it is empty.
std::vector<std::string> render_arguments(const RenderOptions& options, int page, const Box& box, double dpi,
                                          const std::string& pdf_path = "");

// The DPI the region is rendered at: options.dpi, lowered so that the region has at most options.max_pixels.
double render_dpi(const Box& box, const RenderOptions& options);

}  // namespace pubforge::pdf
