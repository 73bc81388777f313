// Placeholder until the PDF reader lands: rejects every PDF input with a clear code.
#include "pubforge/pdf/pdf_reader.hpp"

#include "pubforge/core/error.hpp"

namespace pubforge::pdf {
Record parse_pdf(const SourceDocument& doc, ImageStore&, const PdfOptions&) {
    throw Error("not-implemented", doc.path + ": the PDF reader is not built yet");
}
}  // namespace pubforge::pdf
