// The align stage: subcaptions, panel<->subcaption links, in-text mentions and domain tags on article records.
#pragma once

#include <string>

#include "pubforge/core/record.hpp"
#include "pubforge/text/caption_split.hpp"

namespace pubforge::align {

struct AlignOptions {
    text::SplitOptions split;
    // The domain vocabulary (data/domains.json by default; see domains.hpp).
    std::string domains_path;
    bool mentions = true;  // add `panels` to the parser's mentions that lack them (mentions are found at parse)
    bool domains = true;
};

// Adds to every figure of `record` (and of its sub-articles): shared_caption,
// subcaptions, links and unlinked (when subfigures exist), mentions (kept as the
// parser wrote them, from JATS xrefs or, for PDFs, from the paragraphs; `panels`
// added where missing) and domains. Idempotent: running it twice gives the same record.
void align_record(Record& record, const AlignOptions& options);

}  // namespace pubforge::align
