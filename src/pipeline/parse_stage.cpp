// Dispatch of an input to its reader by content (htslib-style), never by file name.
#include "pubforge/pipeline/parse_stage.hpp"

namespace pubforge::pipeline {

Record parse_input(const std::string& path, ImageStore& store, const ParseOptions& options) {
    const SourceDocument doc = open_document(path, options.limits);
    Record record = doc.format == Format::Pdf ? pdf::parse_pdf(doc, store, options.pdf)
                                              : jats::parse_jats(doc, store, options.jats);
    mark_stage(record, "parse");
    return record;
}

}  // namespace pubforge::pipeline
