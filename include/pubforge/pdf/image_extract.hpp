// Image XObjects and inline images to standard files: JPEG bytes kept, sampled images to PNG, JPX via OpenCV.
#pragma once

#include <cstdint>
#include <string>

#include "pubforge/pdf/page_content.hpp"

namespace PoDoFo {
class PdfMemDocument;
}

namespace pubforge::pdf {

struct ExtractedImage {
    std::string bytes;         // a JPEG, PNG or JPEG 2000 file; empty when not extracted
    std::string warning_code;  // pdf.image-unsupported, pdf.image-too-large, pdf.image-undecodable
    std::string warning;
};

// Never throws for a bad image: what cannot be decoded comes back as a warning.
ExtractedImage extract_image(PoDoFo::PdfMemDocument& document, const ImagePlacement& image,
                             std::uint64_t max_pixels);

}  // namespace pubforge::pdf
