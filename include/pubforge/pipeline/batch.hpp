// Batch drivers shared by the stage subcommands: inputs or records in, records and rejects out, in order.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "pubforge/core/inputs.hpp"
#include "pubforge/core/jsonl.hpp"
#include "pubforge/core/record.hpp"
#include "pubforge/core/rejects.hpp"
#include "pubforge/core/store.hpp"
#include "pubforge/pipeline/outcome.hpp"
#include "pubforge/pipeline/parse_stage.hpp"

namespace pubforge::pipeline {

// Parses every input on `jobs` threads; records go to `out` in input order,
// failures to `rejects` (stage "parse"). Returns the number of records written.
size_t parse_batch(const std::vector<InputFile>& inputs, ImageStore& store, const ParseOptions& options, int jobs,
                   JsonlWriter& out, RejectLog& rejects);

// The loop under every JSONL stage: each line of `in`, on `jobs` threads, goes to `work` with an outcome named
// "path:line"; `work` sets the outcome's record or throws (a non-fatal Error rejects the line under `stage`).
// Outcomes are written in input order. Returns the number of records written.
size_t map_lines(JsonlReader& in, const std::string& stage, int jobs,
                 const std::function<void(const std::string& line, Outcome& outcome)>& work, JsonlWriter& out,
                 RejectLog& rejects);

// Applies `transform` to every record read from `in` (crop, align); a line that
// is not JSON or a record the transform rejects goes to `rejects` under `stage`.
size_t transform_batch(JsonlReader& in, const std::string& stage, const std::function<void(Record&)>& transform,
                       int jobs, JsonlWriter& out, RejectLog& rejects);

}  // namespace pubforge::pipeline
