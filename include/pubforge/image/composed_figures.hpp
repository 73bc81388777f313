// Compound figures composed from real panel images, with exact boxes and printed letters: a second generator, so panel rules are not fitted to synthetic_figures' drawings alone.
#pragma once

#include <cstdint>
#include <vector>

#include <opencv2/core.hpp>

#include "pubforge/image/synthetic_figures.hpp"

namespace pubforge {

// A figure for `seed` made of images drawn from `pool` (8-bit BGR, each one real panel):
// 1-3 rows of 1-4 panels, each image scaled to its column and top-aligned in its row;
// gutters of 0-2 px or 4-24 px on white, sometimes black; one letter style per figure
// (DejaVu Sans or Serif, bold or not, 8-40 px, "a" "(a)" "a." or capitals), printed in
// the panel's corner (white on a dark corner) or above it. The gold box of a panel is
// the image's placement, letters excluded, as in real/pdf-compounds. Layout
// `SyntheticLayout::Composed`'s figures; an empty pool gives an empty figure.
SyntheticFigure compose_figure(const std::vector<cv::Mat>& pool, std::uint32_t seed);

// Panels whose printed letter was read: a drawn letter counts when the detected panel
// covering most (> 60%) of its gold box carries it. `detected` holds (box, label) pairs.
int letters_read(const SyntheticFigure& figure, const std::vector<std::pair<cv::Rect, std::string>>& detected);

}  // namespace pubforge
