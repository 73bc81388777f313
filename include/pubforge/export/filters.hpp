// The filters every exporter shares: article metadata (applied by the archive), image geometry, caption length, duplicates, caps.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <nlohmann/json.hpp>

#include "pubforge/archive/filter.hpp"
#include "pubforge/export/item.hpp"

namespace pubforge::exporter {

// The article and domain filters are the archive's own (archive/filter.hpp), which the archive applies: `archive
// query` and every exporter select articles through the same builder, so they agree on every rule. The fields
// added here filter items (`domains` too: an item is kept when its figure has one of the tags).
struct Filters : archive::Filter {
    int min_side = 0;                  // pixels; 0 = no limit
    double max_aspect = 0;             // long side / short side; 0 = no limit
    size_t caption_words_min = 0;
    size_t caption_words_max = 0;  // 0 = no limit
    bool dedupe_exact = false;
    int near_duplicate_distance = -1;  // Hamming distance on the 64-bit pHash; -1 = off
    size_t per_article_cap = 0;        // 0 = no cap

    nlohmann::json to_json() const;
};

// Why an item is skipped by the image and caption filters (image presence and size, caption words), or by the
// domain filter: `domain_figures` holds the ids of the article's figures the archive found with a wanted tag.
std::optional<std::string> item_reject(const ExportItem& item, const Filters& filters,
                                       const std::set<std::string>& domain_figures);

// Exact (sha256) and near (pHash Hamming) duplicate detection in export order: the
// first image seen wins. Near duplicates use multi-index hashing: a 64-bit hash is
// cut into distance+1 bands, and two hashes within the distance share at least one
// band exactly (pigeonhole), so candidates are found without scanning every hash.
class Deduplicator {
public:
    explicit Deduplicator(const Filters& filters);
    // "duplicate-exact", "duplicate-near", or nothing (and the image is remembered).
    std::optional<std::string> check(const std::string& sha256, std::optional<std::uint64_t> perceptual_hash);

private:
    bool exact_;
    int distance_;
    int bands_ = 0;
    std::unordered_set<std::string> seen_sha_;
    std::vector<std::uint64_t> hashes_;
    std::vector<std::unordered_map<std::uint64_t, std::vector<size_t>>> band_index_;
    std::uint64_t band_of(std::uint64_t hash, int band) const;
};

// Counts of skipped items by reason, kept in a sorted map so summaries are stable.
using RejectCounts = std::map<std::string, size_t>;

}  // namespace pubforge::exporter
