// libFuzzer target: arbitrary bytes through the PDF reader, with a short time limit per input.
#include <cstddef>
#include <cstdint>
#include <string>

#include "pubforge/core/error.hpp"
#include "pubforge/core/store.hpp"
#include "pubforge/pdf/pdf_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static pubforge::ImageStore store("/tmp/pubforge-fuzz-store");
    pubforge::SourceDocument doc;
    doc.path = "fuzz.pdf";
    doc.kind = "pdf";
    doc.format = pubforge::Format::Pdf;
    doc.bytes.assign(reinterpret_cast<const char*>(data), size);
    doc.sha256 = std::string(64, '0');
    doc.resources = pubforge::make_memory_resolver({});
    pubforge::pdf::PdfOptions options;
    options.time_limit_seconds = 2;
    options.max_image_pixels = 4'000'000;
    options.store_images = false;
    try {
        pubforge::pdf::parse_pdf(doc, store, options);
    } catch (const pubforge::Error&) {
    }
    return 0;
}
