// Whole-archive reads other modules need (the article ids, what an export's manifest says of its source, the
// documents `run` may skip), so that no SQL lives outside src/archive.
#pragma once

#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pubforge/archive/archive.hpp"

namespace pubforge::archive {

// Every article id, sorted, so exports walk articles in a stable order.
std::vector<std::string> article_ids(Archive& archive);

// What the data came from, stated by content rather than by history: schema version, counts, the sha256 of every
// article's (id, source sha256, stage versions) and the pubforge versions that wrote it. The same articles give the
// same summary whether they were loaded in one run, resumed, or merged from shards.
nlohmann::json content_summary(Archive& archive);

// The source sha256 of every article whose stage versions are exactly `stages` ({"parse": v, ...}).
std::set<std::string> sources_done_with(Archive& archive, const nlohmann::json& stages);

}  // namespace pubforge::archive
