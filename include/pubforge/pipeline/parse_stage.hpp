// The parse stage: one input path to one article record, whatever the format.
#pragma once

#include <string>

#include "pubforge/core/document.hpp"
#include "pubforge/core/record.hpp"
#include "pubforge/core/store.hpp"
#include "pubforge/jats/jats_reader.hpp"
#include "pubforge/pdf/pdf_reader.hpp"

namespace pubforge::pipeline {

struct ParseOptions {
    PackageLimits limits;
    jats::JatsOptions jats;
    pdf::PdfOptions pdf;
};

// Opens the input by sniffing its bytes and hands it to the JATS or PDF reader.
Record parse_input(const std::string& path, ImageStore& store, const ParseOptions& options = {});

}  // namespace pubforge::pipeline
