// Split parsing and the hash-based article-to-split assignment.
#include "pubforge/export/split.hpp"

#include <cmath>
#include <set>
#include <sstream>

#include "pubforge/core/error.hpp"
#include "pubforge/core/hash.hpp"

namespace pubforge::exporter {

SplitSpec SplitSpec::parse(const std::string& text) {
    SplitSpec spec;
    std::set<std::string> names;
    double total = 0;
    std::stringstream parts(text);
    std::string part;
    while (std::getline(parts, part, ',')) {
        const auto eq = part.find('=');
        const std::string name = part.substr(0, eq);
        if (eq == std::string::npos || name.empty() ||
            name.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-") != std::string::npos)
            throw UsageError("--split: expected NAME=WEIGHT[,NAME=WEIGHT...], got '" + text + "'");
        double weight = 0;
        try {
            size_t used = 0;
            weight = std::stod(part.substr(eq + 1), &used);
            if (used != part.size() - eq - 1) throw std::invalid_argument("trailing");
        } catch (const std::exception&) {
            throw UsageError("--split: '" + part.substr(eq + 1) + "' is not a number");
        }
        if (!(weight > 0) || !std::isfinite(weight)) throw UsageError("--split: weight of '" + name + "' must be positive");
        if (!names.insert(name).second) throw UsageError("--split: '" + name + "' given twice");
        spec.parts_.emplace_back(name, weight);
        total += weight;
    }
    if (spec.parts_.empty()) throw UsageError("--split: no split given");
    for (auto& [name, weight] : spec.parts_) weight /= total;
    return spec;
}

const std::string& SplitSpec::assign(const std::string& article_id, std::uint64_t seed) const {
    // 53 bits of the hash give a uniform double in [0, 1) with no rounding to 1.
    const std::uint64_t hash = stable_hash64(article_id + ":" + std::to_string(seed));
    const double position = static_cast<double>(hash >> 11) / static_cast<double>(1ull << 53);
    double cumulative = 0;
    for (const auto& [name, fraction] : parts_) {
        cumulative += fraction;
        if (position < cumulative) return name;
    }
    return parts_.back().first;
}

nlohmann::json SplitSpec::to_json() const {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& [name, fraction] : parts_) out.push_back({{"name", name}, {"fraction", fraction}});
    return out;
}

}  // namespace pubforge::exporter
