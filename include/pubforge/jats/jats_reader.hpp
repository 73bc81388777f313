// JATS / NLM XML (loose files and PMC-OA packages) to an article record.
#pragma once

#include "pubforge/core/document.hpp"
#include "pubforge/core/record.hpp"
#include "pubforge/core/store.hpp"

namespace pubforge::jats {

struct JatsOptions {
    bool store_images = true;  // false: record hrefs and sizes only, write nothing
};

// Parses doc.bytes (libxml2, no network, no entity substitution, no DTD load),
// stores every figure graphic the package holds, and returns the record.
// Throws Error: xml.malformed, xml.not-jats, xml.entity, ...
Record parse_jats(const SourceDocument& doc, ImageStore& store, const JatsOptions& options = {});

}  // namespace pubforge::jats
