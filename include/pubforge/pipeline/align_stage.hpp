// Batch entry points of the align stage: caption lines and article records, in input order, on several threads.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "pubforge/align/align.hpp"
#include "pubforge/core/jsonl.hpp"
#include "pubforge/core/rejects.hpp"
#include "pubforge/text/caption_split.hpp"

namespace pubforge::pipeline {

// {"key", "shared", "subcaptions": [{"label", "text", "span"}]} (+ "warnings" when any).
nlohmann::json split_to_json(const std::string& key, const text::CaptionSplit& split);

// `pubforge align --captions`: reads {"key", "caption"} lines, writes one
// split_to_json line each, in input order on `jobs` threads. A line without a
// string caption goes to `rejects` (stage "align", code "caption.invalid").
size_t split_caption_lines(JsonlReader& in, const text::SplitOptions& options, int jobs, JsonlWriter& out,
                           RejectLog& rejects);

// align_record over a JSONL stream of article records (pipeline::transform_batch).
size_t align_records(JsonlReader& in, const align::AlignOptions& options, int jobs, JsonlWriter& out,
                     RejectLog& rejects);

}  // namespace pubforge::pipeline
