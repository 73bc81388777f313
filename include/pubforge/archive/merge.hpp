// Joining archives built by separate jobs (--shard K/N) into one, deterministically.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pubforge/archive/loader.hpp"

namespace pubforge::archive {

struct MergeCounts {
    size_t inputs = 0;
    size_t articles = 0;     // articles in the output
    size_t duplicates = 0;   // article ids found in more than one input (one copy kept)
    nlohmann::json to_json() const { return {{"inputs", inputs}, {"articles", articles}, {"duplicates", duplicates}}; }
};

// Writes a new archive at `output` (refused if it exists: UsageError) holding
// every article of `inputs`. When an article is in several inputs the kept copy is
// the one whose record ran more stages, then newer stage versions (compared stage
// by stage in name order, numerically), then the larger source sha256, then the
// larger serialised record: the result never depends on the order of `inputs`.
// Articles are written in id order; the output is built under a temporary name
// and renamed into place when complete.
MergeCounts merge_archives(const std::string& output, const std::vector<std::string>& inputs, size_t batch_size = LoadOptions{}.batch_size);

}  // namespace pubforge::archive
