// pubforge run: parse, crop, align, load and export in one process, documents in parallel, outputs in input order.
#pragma once

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "pubforge/align/align.hpp"
#include "pubforge/core/inputs.hpp"
#include "pubforge/core/rejects.hpp"
#include "pubforge/export/exporter.hpp"
#include "pubforge/image/crop.hpp"
#include "pubforge/pipeline/parse_stage.hpp"
#include "pubforge/report/report.hpp"

namespace pubforge::pipeline {

struct RunOptions {
    std::vector<std::string> inputs;
    std::string output_dir;  // holds archive.sqlite, rejects.jsonl, summary.json, exports/<kind>/
    std::string store_dir;   // default: <output_dir>/store
    std::vector<std::string> exports = {"text", "pairs", "subfigures", "mentions", "llava", "requests"};
    int jobs = 1;
    Shard shard;
    bool resume = true;  // skip inputs already in the archive with the same bytes and version
    ParseOptions parse;
    CropOptions crop;
    align::AlignOptions align;
    exporter::ExportOptions export_options;                     // kind is set per export
    std::string requests_model = "gpt-4o-mini";                 // recorded in requests; no model is called
    bool with_report = true;                                    // write <output_dir>/report/index.html
    report::ReportOptions report_options;                       // store and rejects are filled in by the run
    nlohmann::json command_options = nlohmann::json::object();  // for the archive's provenance
};

struct RunSummary {
    size_t inputs = 0;
    size_t skipped = 0;  // already done (resume)
    size_t articles = 0;
    size_t figures = 0;
    size_t panels = 0;
    size_t subcaptions = 0;
    size_t links = 0;
    size_t mentions = 0;
    size_t rejected = 0;
    std::map<std::string, size_t> rejects_by_code;
    std::map<std::string, double> stage_seconds;  // worker seconds per stage, wall seconds for load and exports
    std::map<std::string, size_t> exported;       // items per export kind
    nlohmann::json to_json() const;
};

using RunProgress = std::function<void(const std::string& stage, size_t done, size_t total)>;

RunSummary run_pipeline(const RunOptions& options, RejectLog& rejects, const RunProgress& progress = {});

}  // namespace pubforge::pipeline
