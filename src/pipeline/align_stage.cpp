// Batch entry points of the align stage: caption lines and article records, in order, on several threads.
#include "pubforge/pipeline/align_stage.hpp"

#include "pubforge/core/error.hpp"
#include "pubforge/pipeline/batch.hpp"
#include "pubforge/pipeline/outcome.hpp"

namespace pubforge::pipeline {

nlohmann::json split_to_json(const std::string& key, const text::CaptionSplit& split) {
    nlohmann::json subs = nlohmann::json::array();
    for (const text::Subcaption& s : split.subcaptions)
        subs.push_back({{"label", s.label}, {"text", s.text}, {"span", {s.begin, s.end}}});
    nlohmann::json out = {{"key", key}, {"shared", split.shared}, {"subcaptions", std::move(subs)}};
    if (!split.warnings.empty()) out["warnings"] = split.warnings;
    return out;
}

size_t split_caption_lines(JsonlReader& in, const text::SplitOptions& options, int jobs, JsonlWriter& out,
                           RejectLog& rejects) {
    return map_lines(
        in, "align", jobs,
        [&](const std::string& line, Outcome& outcome) {
            nlohmann::json row = nlohmann::json::parse(line, nullptr, false);
            if (row.is_discarded()) throw Error("jsonl.malformed", outcome.input + ": not JSON");
            if (!row.is_object() || !row.contains("caption") || !row["caption"].is_string())
                throw Error("caption.invalid", outcome.input + ": no string \"caption\"");
            std::string key;
            if (row.contains("key") && row["key"].is_string()) key = row["key"].get<std::string>();
            else if (row.contains("key")) key = row["key"].dump();
            outcome.record = split_to_json(key, text::split_caption(row["caption"].get<std::string>(), options));
        },
        out, rejects);
}

size_t align_records(JsonlReader& in, const align::AlignOptions& options, int jobs, JsonlWriter& out, RejectLog& rejects) {
    return transform_batch(
        in, "align", [&options](Record& record) { align::align_record(record, options); }, jobs, out, rejects);
}

}  // namespace pubforge::pipeline
