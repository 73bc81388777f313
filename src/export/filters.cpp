// Filter predicates and duplicate detection shared by every exporter.
#include "pubforge/export/filters.hpp"

#include <algorithm>
#include <bitset>

#include "pubforge/core/record.hpp"

namespace pubforge::exporter {

nlohmann::json Filters::to_json() const {
    nlohmann::json out;
    out["license_classes"] = license_classes;
    out["license_codes"] = license_codes;
    out["year_min"] = year_min ? nlohmann::json(*year_min) : nlohmann::json();
    out["year_max"] = year_max ? nlohmann::json(*year_max) : nlohmann::json();
    out["journals"] = journals;
    out["article_types"] = article_types;
    out["languages"] = languages;
    out["query"] = match;
    out["domains"] = domains;
    out["min_side"] = min_side;
    out["max_aspect"] = max_aspect;
    out["caption_words_min"] = caption_words_min;
    out["caption_words_max"] = caption_words_max;
    out["dedupe_exact"] = dedupe_exact;
    out["near_duplicate_distance"] = near_duplicate_distance;
    out["per_article_cap"] = per_article_cap;
    return out;
}

std::optional<std::string> item_reject(const ExportItem& item, const Filters& filters,
                                       const std::set<std::string>& domain_figures) {
    if (!item.image) return "no-image";
    const int width = item.image->width, height = item.image->height;
    if (filters.min_side > 0 && std::min(width, height) < filters.min_side) return "min-side";
    if (filters.max_aspect > 0) {
        const int shorter = std::min(width, height);
        if (shorter <= 0 || static_cast<double>(std::max(width, height)) / shorter > filters.max_aspect) return "aspect-ratio";
    }
    const size_t words = count_words(item.caption);
    if (words == 0) return "no-caption";
    if (words < filters.caption_words_min) return "caption-short";
    if (filters.caption_words_max > 0 && words > filters.caption_words_max) return "caption-long";
    if (!filters.domains.empty() && !domain_figures.count(item.figure_id)) return "domain";
    return std::nullopt;
}

Deduplicator::Deduplicator(const Filters& filters)
    : exact_(filters.dedupe_exact), distance_(std::min(filters.near_duplicate_distance, 31)) {
    if (distance_ >= 0) {
        bands_ = distance_ + 1;
        band_index_.resize(static_cast<size_t>(bands_));
    }
}

std::uint64_t Deduplicator::band_of(std::uint64_t hash, int band) const {
    const int begin = 64 * band / bands_, end = 64 * (band + 1) / bands_;
    const int width = end - begin;
    const std::uint64_t mask = width >= 64 ? ~0ull : ((1ull << width) - 1);
    return (hash >> begin) & mask;
}

std::optional<std::string> Deduplicator::check(const std::string& sha256, std::optional<std::uint64_t> perceptual_hash) {
    if (exact_ && seen_sha_.count(sha256)) return "duplicate-exact";
    if (bands_ > 0 && perceptual_hash) {
        for (int band = 0; band < bands_; ++band) {
            const auto found = band_index_[static_cast<size_t>(band)].find(band_of(*perceptual_hash, band));
            if (found == band_index_[static_cast<size_t>(band)].end()) continue;
            for (size_t index : found->second)
                if (static_cast<int>(std::bitset<64>(hashes_[index] ^ *perceptual_hash).count()) <= distance_)
                    return "duplicate-near";
        }
        const size_t index = hashes_.size();
        hashes_.push_back(*perceptual_hash);
        for (int band = 0; band < bands_; ++band)
            band_index_[static_cast<size_t>(band)][band_of(*perceptual_hash, band)].push_back(index);
    }
    if (exact_) seen_sha_.insert(sha256);
    return std::nullopt;
}

}  // namespace pubforge::exporter
