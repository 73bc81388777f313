// The numbers a dataset paper reports about an archive (counts, breakdowns, distributions), as JSON or a text table.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "pubforge/archive/archive.hpp"

namespace pubforge::archive {

// {"totals": {articles, words, figures, images, compound_figures, panels, subcaptions,
// links, mentions, tables, references, responses, missing_images, warnings},
//  "by_license_class", "by_year", "by_journal", "by_article_type", "by_domain",
//  "warnings_by_code": {value: count},
//  "image_sizes", "caption_words": [{bucket, count}]}. Deterministic: keys sorted,
// no timestamps, so two archives with the same articles have equal stats.
nlohmann::json stats(Archive& archive);

// The same numbers as an aligned, human-readable text table (the longest
// breakdowns cut to `top` rows).
std::string format_stats(const nlohmann::json& stats, size_t top = 15);

}  // namespace pubforge::archive
