// Train/val/test assignment by article: a hash of the article id and a seed, so splits never move as the archive grows.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace pubforge::exporter {

class SplitSpec {
public:
    // "train=0.9,val=0.05,test=0.05": names [A-Za-z0-9_-], positive weights, normalised
    // to sum 1. Throws UsageError on a malformed spec.
    static SplitSpec parse(const std::string& text);

    // The split of an article: stable_hash64(article id + ":" + seed) mapped onto the
    // cumulative weights. Depends on nothing but the id, so adding articles never
    // moves an existing one, and every figure of an article lands in the same split.
    const std::string& assign(const std::string& article_id, std::uint64_t seed) const;

    const std::vector<std::pair<std::string, double>>& parts() const { return parts_; }
    nlohmann::json to_json() const;

private:
    std::vector<std::pair<std::string, double>> parts_;  // name, fraction (sums to 1)
};

}  // namespace pubforge::exporter
