// Runs a page's content streams (text, paths, images, Form XObjects) and records what is drawn where.
#pragma once

#include <cstddef>

#include "pubforge/pdf/page_content.hpp"

namespace PoDoFo {
class PdfMemDocument;
class PdfPage;
}  // namespace PoDoFo

namespace pubforge::pdf {

struct InterpreterLimits {
    size_t max_glyphs_per_page = 2'000'000;
    size_t max_operators_per_page = 20'000'000;
    int max_form_depth = 24;
};

class FontCache;  // font decoders shared by all pages of one document

// Interprets one page. `fonts` lives as long as the document; Form XObject cycles
// and over-deep nesting are cut with a page warning; the deadline throws pdf.timeout.
PageContent interpret_page(PoDoFo::PdfMemDocument& document, PoDoFo::PdfPage& page, int number, FontCache& fonts,
                           const Deadline& deadline, const InterpreterLimits& limits = {});

}  // namespace pubforge::pdf
