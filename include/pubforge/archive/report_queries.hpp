// The archive queries `pubforge report` needs beyond archive::stats: distributions for its plots and the figure samples of its galleries.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pubforge/archive/archive.hpp"

namespace pubforge::archive {

// {"figures_per_article": [{"bucket", "count"}], "panels_per_compound": [{"bucket", "count"}],
//  "image_sizes": [{"width", "height", "count"}] (images binned to 50 px, the stored
//  originals the figures show)}. Buckets come in numeric order.
nlohmann::json report_distributions(Archive& archive);

struct FigureRef {
    std::string article_id;
    std::string figure_id;
};

// Up to `count` figures with a stored image, chosen by a seeded hash of their ids and
// spread over journals and years (the first figure of every journal-year pair before
// any second one). The same archive and seed give the same figures in the same order,
// whatever order the articles were loaded in. The sorting is SQLite's, so memory does
// not grow with the archive.
std::vector<FigureRef> sample_figures(Archive& archive, size_t count, std::uint64_t seed);

// The same sampling over compound figures whose alignment left something unpaired:
// panels without a subcaption, or subcaptions without a panel.
std::vector<FigureRef> sample_unaligned_figures(Archive& archive, size_t count, std::uint64_t seed);

}  // namespace pubforge::archive
