// The align stage: subcaptions, panel<->subcaption links, in-text mentions and domain tags on article records.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "pubforge/core/jsonl.hpp"
#include "pubforge/core/record.hpp"
#include "pubforge/core/rejects.hpp"
#include "pubforge/text/caption_split.hpp"

namespace pubforge::text {

struct AlignOptions {
    SplitOptions split;
    // The domain vocabulary (data/domains.json by default; see domains.hpp).
    std::string domains_path;
    bool mentions = true;
    bool domains = true;
};

// Adds to every figure of `record` (and of its sub-articles): shared_caption,
// subcaptions, links and unlinked (when subfigures exist), mentions (kept from
// JATS xrefs with `panels` added; found in the paragraphs for PDF records) and
// domains. Idempotent: running it twice gives the same record.
void align_record(Record& record, const AlignOptions& options);

// {"key", "shared", "subcaptions": [{"label", "text", "span"}]} (+ "warnings" when any).
nlohmann::json split_to_json(const std::string& key, const CaptionSplit& split);

// `pubforge align --captions`: reads {"key", "caption"} lines, writes one
// split_to_json line each, in input order on `jobs` threads. A line without a
// string caption goes to `rejects` (stage "align", code "caption.invalid").
size_t split_caption_lines(JsonlReader& in, const SplitOptions& options, int jobs, JsonlWriter& out,
                           RejectLog& rejects);

// align_record over a JSONL stream of article records (pipeline::transform_batch).
size_t align_records(JsonlReader& in, const AlignOptions& options, int jobs, JsonlWriter& out, RejectLog& rejects);

}  // namespace pubforge::text
