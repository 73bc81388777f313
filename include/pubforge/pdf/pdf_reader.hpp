// Publisher PDFs (PoDoFo) to an article record: text, captions, figures and their boxes.
#pragma once

#include <cstdint>

#include "pubforge/core/document.hpp"
#include "pubforge/core/record.hpp"
#include "pubforge/core/store.hpp"
#include "pubforge/pdf/figure_render.hpp"

namespace pubforge::pdf {

struct PdfOptions {
    std::uint64_t max_image_pixels = 100'000'000;
    double time_limit_seconds = 60.0;
    bool store_images = true;
    RenderOptions render;  // each figure's region rendered to one image (figure `image`)
};

// Throws Error: pdf.encrypted, pdf.truncated, pdf.malformed, pdf.timeout, ...
Record parse_pdf(const SourceDocument& doc, ImageStore& store, const PdfOptions& options = {});

}  // namespace pubforge::pdf
