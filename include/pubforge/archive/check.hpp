// Archive integrity: SQLite's own checks, foreign keys, the FTS index, and every referenced image present in the store.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pubforge/archive/archive.hpp"

namespace pubforge::archive {

struct CheckReport {
    std::vector<std::string> problems;   // empty when the archive is sound
    size_t articles = 0;
    size_t images_checked = 0;           // with a store only
    size_t images_missing = 0;
    size_t unfinished_loads = 0;         // provenance rows of loads that never finished (killed): informational
    bool ok() const { return problems.empty(); }
    nlohmann::json to_json() const;
};

// PRAGMA integrity_check, PRAGMA foreign_key_check, the FTS5 integrity check,
// and, when `store_dir` is given, that every image a row references exists there.
// Problems are reported, not thrown; a missing store directory throws UsageError.
CheckReport check(Archive& archive, const std::string& store_dir = "");

}  // namespace pubforge::archive
