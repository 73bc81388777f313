// Seams between touching pictures found as a step in line statistics (mean colour, grain) along the whole seam.
#include <algorithm>
#include <cmath>

#include "panel_parts.hpp"

namespace pubforge::panels {
namespace {

// The seam is tested separately in stretches of about this many lines along its length
// (at least kMinStretches) and must show in each of them: real grids align, so a seam
// runs the whole region, while an object's edge inside a picture (a cell on a dark
// micrograph) lines up with it over a stretch or two at most.
constexpr int kStretchLines = 40;
constexpr int kMinStretches = 4;
// Lines read along the seam: every second one, at most this many (and at least
// kMinStretchSamples of them in each stretch).
constexpr int kMaxSampledLines = 96;
constexpr int kMinStretchSamples = 8;
// Statistics per position: mean blue, green, red, and the grain: the mean gray difference
// between pixels kGrainDistance apart along the line (so it never crosses the seam). At
// that distance a coarse texture differs as much as a fine grain does pixel to pixel.
constexpr int kStatistics = 4;
constexpr int kGrainDistance = 4;
// Positions this close to the candidate are left out of both sides: a drawn line,
// anti-aliasing or a JPEG smear sits there.
constexpr int kMargin = 2;
// Each side is judged by its window next to the candidate against this many windows
// further out on the same side, which must all fit in the box: a picture's own variation
// (stripes, cells, shading) shows there as well, a seam's step does not.
constexpr int kSideWindows = 3;
// The step must be this many times the largest difference inside either side over the
// whole length, and this many times in each stretch (where fewer lines average out a
// texture's grain).
constexpr double kMinContrast = 5.0;
constexpr double kMinStretchContrast = 2.0;
// ...and this large in absolute terms (gray levels; grain: levels per pixel).
constexpr double kMinColourStep = 12.0;
constexpr double kMinGrainStep = 3.0;
// The variation inside a side never counts as less than this (flat sides would make any
// step infinite).
constexpr double kColourFloor = 1.5;
constexpr double kGrainFloor = 0.5;

// Per stretch and statistic, prefix sums over the positions across the box of the
// statistic's mean on each line: a window's mean in O(1). The last stretch is the whole length.
struct Profiles {
    int positions = 0;
    std::vector<double> sum;  // [(stretch * kStatistics + statistic) * (positions + 1) + i]

    double mean(int stretch, int statistic, int first, int count) const {
        const size_t base = static_cast<size_t>((stretch * kStatistics + statistic) * (positions + 1));
        return (sum[base + static_cast<size_t>(first + count)] - sum[base + static_cast<size_t>(first)]) / count;
    }
};

// The statistics of each column (vertical) or row of `box`, per stretch of its length,
// plus the whole length as stretch `stretches`, from `samples` lines spread evenly along
// the seam (means of a few dozen lines do not need them all: reading every second line was a
// quarter of detection on the bench figures). Sums are integers, row by row, so that
// the loops vectorise.
Profiles measure(const Canvas& canvas, const cv::Rect& box, bool vertical, int stretches, int samples) {
    const int across = vertical ? box.width : box.height;
    const int length = vertical ? box.height : box.width;
    const size_t row_size = static_cast<size_t>(across);
    // Per stretch: blue, green, red interleaved (3 * across), then the grain (across).
    const size_t stretch_size = 4 * row_size;
    std::vector<int> sums(static_cast<size_t>(stretches) * stretch_size, 0);
    std::vector<int> lines(static_cast<size_t>(stretches + 1), 0);
    const int reach = length - kGrainDistance;  // lines (or pixels) with a partner for the grain
    for (int n = 0; n < samples; ++n) {
        const int along = static_cast<int>((static_cast<long>(n) * reach) / samples);
        const int stretch = along * stretches / length;
        ++lines[static_cast<size_t>(stretch)];
        int* colour_sums = sums.data() + static_cast<size_t>(stretch) * stretch_size;
        int* grain_sums = colour_sums + 3 * row_size;
        if (vertical) {
            const uchar* colour = canvas.colour.ptr<uchar>(box.y + along) + 3 * box.x;
            const uchar* gray = canvas.gray.ptr<uchar>(box.y + along) + box.x;
            const uchar* partner = canvas.gray.ptr<uchar>(box.y + along + kGrainDistance) + box.x;
            for (size_t i = 0; i < 3 * row_size; ++i) colour_sums[i] += colour[i];
            for (size_t i = 0; i < row_size; ++i) grain_sums[i] += std::abs(gray[i] - partner[i]);
        } else {
            // A column of the box: rows are the positions.
            for (size_t i = 0; i < row_size; ++i) {
                const int y = box.y + static_cast<int>(i);
                const uchar* colour = canvas.colour.ptr<uchar>(y) + 3 * (box.x + along);
                const uchar* gray = canvas.gray.ptr<uchar>(y) + box.x + along;
                colour_sums[3 * i] += colour[0];
                colour_sums[3 * i + 1] += colour[1];
                colour_sums[3 * i + 2] += colour[2];
                grain_sums[i] += std::abs(gray[0] - gray[kGrainDistance]);
            }
        }
    }
    Profiles profiles;
    profiles.positions = across;
    const size_t prefix_size = row_size + 1;
    profiles.sum.assign(static_cast<size_t>((stretches + 1) * kStatistics) * prefix_size, 0.0);
    const auto prefix = [&](int stretch, int k) { return profiles.sum.data() + static_cast<size_t>(stretch * kStatistics + k) * prefix_size; };
    for (int s = 0; s < stretches; ++s) {
        lines[static_cast<size_t>(stretches)] += lines[static_cast<size_t>(s)];
        const double per_line = 1.0 / std::max(1, lines[static_cast<size_t>(s)]);
        const int* colour_sums = sums.data() + static_cast<size_t>(s) * stretch_size;
        const int* grain_sums = colour_sums + 3 * row_size;
        for (int k = 0; k < kStatistics; ++k) {
            double* out = prefix(s, k);
            for (size_t i = 0; i < row_size; ++i)
                out[i + 1] = out[i] + (k < 3 ? colour_sums[3 * i + static_cast<size_t>(k)] : grain_sums[i]) * per_line;
        }
    }
    // The whole length: the stretches' sums together.
    const double per_line = 1.0 / std::max(1, lines[static_cast<size_t>(stretches)]);
    for (int k = 0; k < kStatistics; ++k) {
        double* out = prefix(stretches, k);
        for (size_t i = 0; i < row_size; ++i) {
            long total = 0;
            for (int s = 0; s < stretches; ++s) {
                const int* colour_sums = sums.data() + static_cast<size_t>(s) * stretch_size;
                total += k < 3 ? colour_sums[3 * i + static_cast<size_t>(k)] : colour_sums[3 * row_size + i];
            }
            out[i + 1] = out[i] + static_cast<double>(total) * per_line;
        }
    }
    return profiles;
}

// How clearly the statistics step at `position` in one stretch: for each statistic whose
// step between the windows either side is large enough to matter, the step over the
// largest difference between a side's window and the windows further out on that side;
// the best of them, 0 when no step matters.
double stretch_contrast(const Profiles& profiles, int stretch, int position, int window) {
    double best = 0.0;
    for (int k = 0; k < kStatistics; ++k) {
        const double before = profiles.mean(stretch, k, position - kMargin - window, window);
        const double after = profiles.mean(stretch, k, position + kMargin, window);
        const double step = std::abs(after - before);
        const bool grain = k == kStatistics - 1;
        if (step < (grain ? kMinGrainStep : kMinColourStep)) continue;
        double inside = 0.0;
        for (int j = 1; j <= kSideWindows; ++j) {
            const double further_before = profiles.mean(stretch, k, position - kMargin - (j + 1) * window, window);
            const double further_after = profiles.mean(stretch, k, position + kMargin + j * window, window);
            inside = std::max({inside, std::abs(further_before - before), std::abs(further_after - after)});
        }
        best = std::max(best, step / (inside + (grain ? kGrainFloor : kColourFloor)));
    }
    return best;
}

}  // namespace

int find_profile_seam(const Canvas& canvas, const cv::Rect& box, bool vertical, int min_side) {
    const int length = vertical ? box.height : box.width;
    if (length < 4 * kMinStretches) return -1;
    const int samples = std::min(kMaxSampledLines, (length - kGrainDistance) / 2);
    const int stretches = std::max(kMinStretches, std::min(length / kStretchLines, samples / kMinStretchSamples));
    // As for colour-jump seams (never a sliver, only between filled sides), with room for
    // the windows read on each side.
    const int window = std::clamp(min_side, 8, 24);
    const int side = kMargin + (1 + kSideWindows) * window;
    const SeamRange range = seam_range(canvas, box, vertical, min_side, side, side);
    if (range.empty()) return -1;

    const Profiles profiles = measure(canvas, box, vertical, stretches, samples);
    int best = -1;
    double best_contrast = 0.0;
    for (int position = range.first; position <= range.last; ++position) {
        const double contrast = stretch_contrast(profiles, stretches, position, window);
        if (contrast < kMinContrast || contrast <= best_contrast) continue;
        bool everywhere = true;
        for (int s = 0; s < stretches && everywhere; ++s)
            everywhere = stretch_contrast(profiles, s, position, window) >= kMinStretchContrast;
        if (everywhere) {
            best_contrast = contrast;
            best = position;
        }
    }
    if (best < 0) return -1;
    return filled_both_sides(canvas, box, vertical, best, range.strip) ? best : -1;
}

}  // namespace pubforge::panels
