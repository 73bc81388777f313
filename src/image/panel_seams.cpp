// Straight content seams between touching panels: found on a sample of lines, confirmed on all of them.
#include <algorithm>
#include <cstring>

#include <opencv2/core/hal/intrin.hpp>
#include <opencv2/imgproc.hpp>

#include "panel_parts.hpp"

namespace pubforge::panels {
namespace {

// Colours are compared as means of this many pixels on each side of a position, so
// that a texture's pixel-to-pixel noise does not look like a seam.
constexpr int kSeamWindow = 5;
// A jump: some channel of the two means differs by more than this.
constexpr int kJump = 30;
// Lines are sampled for the jump counts at every position: a seam jumps on most lines,
// so a sample of them finds it (and every candidate is then counted on all lines).
// Scanning every line was a fifth of detection on figures of photographs. At least
// kSampledLines lines are kept, so that the sample's fraction is within a few hundredths.
constexpr int kSampledLines = 32;
constexpr int kMaxSampleStep = 8;
// A background colour whose channels all lie under this is dark: pictures, not paper.
constexpr int kDarkBackground = 80;
// Positions the sample puts near the bar that are then counted exactly, best first.
constexpr size_t kMaxCandidates = 8;

int sample_step(int length) { return std::clamp(length / kSampledLines, 1, kMaxSampleStep); }

// floor((sum + 2) / 5), i.e. cv::blur's rounded mean of five pixels (a fifth is never a
// half), as a 16-bit multiply-high: exact for sums up to 5 * 255.
inline cv::v_uint16x8 mean_of_five(const cv::v_uint16x8& sum) {
    return cv::v_mul_hi(sum + cv::v_setall_u16(2), cv::v_setall_u16(13108));
}
inline int mean_of_five(int sum) { return (sum + 2) / 5; }

// Mean of the kSeamWindow pixels centred on each pixel, along rows (horizontal) or
// columns, per channel, rounded and with reflected borders exactly like cv::blur; by
// hand with OpenCV's SIMD types because its generic box filter is slow for 5 pixels.
cv::Mat window_means(const cv::Mat& colour, bool horizontal) {
    static_assert(kSeamWindow == 5, "mean_of_five");
    constexpr int kHalf = kSeamWindow / 2;
    const int height = colour.rows;
    cv::Mat padded;
    cv::copyMakeBorder(colour, padded, horizontal ? 0 : kHalf, horizontal ? 0 : kHalf, horizontal ? kHalf : 0,
                       horizontal ? kHalf : 0, cv::BORDER_REFLECT_101);
    cv::Mat means(colour.size(), CV_8UC3);
    const int values = colour.cols * 3;
    if (!horizontal) {
        // Down the columns the window slides: each row's sums are the last row's plus the
        // row entering the window minus the one leaving it (16-bit sums, exact).
        std::vector<ushort> sums(static_cast<size_t>(values), 0);
        for (int k = 0; k < kSeamWindow; ++k) {
            const uchar* in = padded.ptr<uchar>(k);
            for (int i = 0; i < values; ++i) sums[static_cast<size_t>(i)] += in[i];
        }
        for (int y = 0; y < height; ++y) {
            uchar* out = means.ptr<uchar>(y);
            ushort* sum = sums.data();
            const bool last = y + 1 == height;
            const uchar* entering = last ? nullptr : padded.ptr<uchar>(y + kSeamWindow);
            const uchar* leaving = padded.ptr<uchar>(y);
            int i = 0;
            for (; i + 16 <= values; i += 16) {  // sixteen a step: one load of each input row
                const cv::v_uint16x8 low = cv::v_load(sum + i), high = cv::v_load(sum + i + 8);
                cv::v_store(out + i, cv::v_pack(mean_of_five(low), mean_of_five(high)));
                if (last) continue;
                cv::v_uint16x8 entering_low, entering_high, leaving_low, leaving_high;
                cv::v_expand(cv::v_load(entering + i), entering_low, entering_high);
                cv::v_expand(cv::v_load(leaving + i), leaving_low, leaving_high);
                cv::v_store(sum + i, low + entering_low - leaving_low);
                cv::v_store(sum + i + 8, high + entering_high - leaving_high);
            }
            for (; i + 8 <= values; i += 8) {
                cv::v_uint16x8 current = cv::v_load(sum + i);
                cv::v_pack_store(out + i, mean_of_five(current));
                if (!last) cv::v_store(sum + i, current + cv::v_load_expand(entering + i) - cv::v_load_expand(leaving + i));
            }
            for (; i < values; ++i) {
                out[i] = static_cast<uchar>(mean_of_five(sum[i]));
                if (!last) sum[i] = static_cast<ushort>(sum[i] + entering[i] - leaving[i]);
            }
        }
        return means;
    }
    // Along a row, the five inputs of output value i are bytes i + 3k of the padded row, k = 0..4.
    const size_t stride = 3;
    for (int y = 0; y < height; ++y) {
        const uchar* in = padded.ptr<uchar>(y);
        uchar* out = means.ptr<uchar>(y);
        int i = 0;
        // Sixteen values a step (one load and one widening of each of the five inputs), then eight.
        for (; i + 16 <= values; i += 16) {
            cv::v_uint16x8 low, high;
            cv::v_expand(cv::v_load(in + i), low, high);
            for (int k = 1; k < kSeamWindow; ++k) {
                cv::v_uint16x8 next_low, next_high;
                cv::v_expand(cv::v_load(in + i + k * stride), next_low, next_high);
                low += next_low;
                high += next_high;
            }
            cv::v_store(out + i, cv::v_pack(mean_of_five(low), mean_of_five(high)));
        }
        for (; i + 8 <= values; i += 8) {
            cv::v_uint16x8 sum = cv::v_load_expand(in + i);
            for (int k = 1; k < kSeamWindow; ++k) sum += cv::v_load_expand(in + i + k * stride);
            cv::v_pack_store(out + i, mean_of_five(sum));
        }
        for (; i < values; ++i) {
            int sum = 0;
            for (int k = 0; k < kSeamWindow; ++k) sum += in[i + k * stride];
            out[i] = static_cast<uchar>(mean_of_five(sum));
        }
    }
    return means;
}

// Every sample_step-th line of `box`: rows when looking for a vertical seam, else columns.
cv::Mat sample_lines(const cv::Mat& colour, const cv::Rect& box, bool vertical) {
    const cv::Mat region = colour(box);
    if (!vertical) {
        const int step = sample_step(box.width);
        cv::Mat columns(box.height, (box.width + step - 1) / step, CV_8UC3);
        for (int y = 0; y < box.height; ++y) {
            const uchar* in = region.ptr<uchar>(y);
            uchar* out = columns.ptr<uchar>(y);
            // Four bytes a pixel, the fourth overwritten by the next pixel: one load and one
            // store instead of three of each. The row's last pixel takes its three bytes alone
            // (its fourth would lie past the row).
            int x = 0;
            for (; x + 1 < columns.cols; ++x, in += 3 * step, out += 3) std::memcpy(out, in, 4);
            std::memcpy(out, in, 3);
        }
        return columns;
    }
    const int step = sample_step(box.height);
    cv::Mat rows((box.height + step - 1) / step, box.width, CV_8UC3);
    for (int y = 0; y < rows.rows; ++y) std::memcpy(rows.ptr(y), region.ptr(y * step), 3 * size_t(box.width));
    return rows;
}

// For each position i across `lines` (columns when vertical, else rows): on how many of
// its lines the window mean ending before i + kSeamWindow differs from the one starting there.
std::vector<int> jump_counts(const cv::Mat& lines, bool vertical) {
    const cv::Mat means = window_means(lines, vertical);
    const int rows = vertical ? lines.rows : lines.rows - kSeamWindow;
    const int cols = vertical ? lines.cols - kSeamWindow : lines.cols;
    std::vector<int> counts(static_cast<size_t>(std::max(0, vertical ? cols : rows)), 0);
    if (rows <= 0 || cols <= 0) return counts;
    const size_t partner = vertical ? 3 * kSeamWindow : means.step * kSeamWindow;  // bytes to the compared pixel
    const cv::v_uint8x16 threshold = cv::v_setall_u8(kJump), one = cv::v_setall_u8(1);
    for (int y = 0; y < rows; ++y) {
        const uchar* a = means.ptr<uchar>(y);
        const uchar* b = a + partner;
        // Each position's 0/1 flag goes straight into its count (vertical) or the row's sum,
        // widened in registers (storing the flags and reading them back cost as much again).
        int* total = counts.data();
        cv::v_uint16x8 row_sum = cv::v_setzero_u16();  // at most 2 a lane a step: no overflow
        int x = 0;
        for (; x + 16 <= cols; x += 16) {
            // The differences of the interleaved bytes, then one deinterleave of them
            // (deinterleaving both sides first took twice the shuffles).
            alignas(16) uchar differences[48];
            for (int k = 0; k < 48; k += 16)
                cv::v_store(differences + k, cv::v_absdiff(cv::v_load(a + 3 * x + k), cv::v_load(b + 3 * x + k)));
            cv::v_uint8x16 d0, d1, d2;
            cv::v_load_deinterleave(differences, d0, d1, d2);
            const cv::v_uint8x16 largest = cv::v_max(cv::v_max(d0, d1), d2);
            cv::v_uint16x8 low, high;
            cv::v_expand((largest > threshold) & one, low, high);
            if (!vertical) {
                row_sum += low + high;
                continue;
            }
            cv::v_uint32x4 q0, q1, q2, q3;
            cv::v_expand(low, q0, q1);
            cv::v_expand(high, q2, q3);
            cv::v_store(total + x, cv::v_load(total + x) + cv::v_reinterpret_as_s32(q0));
            cv::v_store(total + x + 4, cv::v_load(total + x + 4) + cv::v_reinterpret_as_s32(q1));
            cv::v_store(total + x + 8, cv::v_load(total + x + 8) + cv::v_reinterpret_as_s32(q2));
            cv::v_store(total + x + 12, cv::v_load(total + x + 12) + cv::v_reinterpret_as_s32(q3));
        }
        int jumped = vertical ? 0 : static_cast<int>(cv::v_reduce_sum(row_sum));
        for (; x < cols; ++x) {
            const int largest = std::max({std::abs(a[3 * x] - b[3 * x]), std::abs(a[3 * x + 1] - b[3 * x + 1]),
                                          std::abs(a[3 * x + 2] - b[3 * x + 2])});
            const int flag = largest > kJump ? 1 : 0;
            if (vertical) total[x] += flag;
            else jumped += flag;
        }
        if (!vertical) counts[static_cast<size_t>(y)] = jumped;
    }
    return counts;
}

// Exact counts, on every line of the box, at positions first..last (in the box's
// counts' numbering). The strip they need is a view of the figure, so its window means
// read the pixels beyond the strip as a whole-box map would.
std::vector<int> exact_jump_counts(const cv::Mat& colour, const cv::Rect& box, bool vertical, int first, int last) {
    const int span = last - first + 1 + kSeamWindow;  // both windows of every position
    const cv::Rect strip = vertical ? cv::Rect(box.x + first, box.y, span, box.height)
                                    : cv::Rect(box.x, box.y + first, box.width, span);
    return jump_counts(colour(strip), vertical);
}

}  // namespace

// A straight seam where two touching panels meet: a column (or row) across which the
// colour averaged over a few pixels on each side jumps on most lines, between two
// densely filled sides, and which stands out from the columns around it (in a texture
// every column jumps).
SeamSearch find_seam(const Canvas& canvas, const cv::Rect& box, bool vertical, int min_side) {
    SeamSearch search;
    const int offset = kSeamWindow / 2 + (kSeamWindow + 1) / 2;  // index in the counts -> first column of the second side
    const SeamRange range = seam_range(canvas, box, vertical, min_side, offset, 0);
    if (range.empty()) return search;
    const int length = vertical ? box.height : box.width;

    const cv::Mat sampled = sample_lines(canvas.colour, box, vertical);
    const std::vector<int> sums = jump_counts(sampled, vertical);
    if (sums.empty()) return search;
    const double sampled_length = vertical ? sampled.rows : sampled.cols;
    std::vector<double> fractions(sums.size());
    for (size_t i = 0; i < sums.size(); ++i) fractions[i] = sums[i] / sampled_length;
    std::vector<double> sorted = fractions;
    std::nth_element(sorted.begin(), sorted.begin() + static_cast<long>(sorted.size() / 2), sorted.end());
    const double median = sorted[sorted.size() / 2];
    search.typical_jumps = median;
    // How far a seam must stand out: three times the typical position, and 0.6 of the
    // lines. In a grainy or noisy box that bar is out of reach (the typical position
    // jumps on 0.3 of its lines or more), yet a seam between two grainy photographs
    // still jumps on nearly every line while the texture's positions all jump at about
    // the same rate: there 0.85 of the lines and 0.35 over the typical position do.
    // (Below 0.28 the old bar stands, which keeps the bands of CT scans whole.)
    const double bar = std::max(0.6, std::min(3.0 * median, std::max(0.85, median + 0.35)));
    // Candidates: the positions the sample puts near the bar, best first; each is then
    // counted exactly on every line.
    std::vector<int> candidates;
    for (int i = 0; i < static_cast<int>(fractions.size()); ++i) {
        const int seam = i + offset;
        if (seam < range.first || seam > range.last) continue;
        const double f = fractions[static_cast<size_t>(i)];
        if (f >= bar - 0.15) candidates.push_back(i);
    }
    std::sort(candidates.begin(), candidates.end(), [&](int a, int b) {
        return fractions[static_cast<size_t>(a)] != fractions[static_cast<size_t>(b)]
                   ? fractions[static_cast<size_t>(a)] > fractions[static_cast<size_t>(b)]
                   : a < b;
    });
    if (candidates.size() > kMaxCandidates) candidates.resize(kMaxCandidates);
    // Candidates come in clusters around a seam: each cluster is counted as one strip.
    std::sort(candidates.begin(), candidates.end());
    std::vector<int> exact(candidates.size());
    for (size_t c = 0; c < candidates.size();) {
        size_t end = c + 1;
        while (end < candidates.size() && candidates[end] - candidates[end - 1] <= 2 * kSeamWindow) ++end;
        const std::vector<int> counts =
            exact_jump_counts(canvas.colour, box, vertical, candidates[c], candidates[end - 1]);
        for (size_t k = c; k < end; ++k) exact[k] = counts[static_cast<size_t>(candidates[k] - candidates[c])];
        c = end;
    }
    int best = -1;
    double best_fraction = 0.0;
    for (size_t c = 0; c < candidates.size(); ++c) {
        const int i = candidates[c];
        const double fraction = static_cast<double>(exact[c]) / length;
        if (fraction > best_fraction) {  // in position order: a tie goes to the first
            best_fraction = fraction;
            best = i + offset;
        }
    }
    if (best >= 0 && best_fraction >= bar && filled_both_sides(canvas, box, vertical, best, range.strip)) search.seam = best;
    return search;
}

// True when both sides of the line at `seam` (box coordinates) are densely filled. A
// column between pictures side by side needs 60% of its strips filled (round scans and
// radiographs leave parts of their edges blank); a row needs 70%, because what runs
// under a picture along a straight edge is more often a band of it (a CT scanner's
// table) than a panel of its own. On a dark background every side counts as filled:
// no page shows around the figure, the dark is the pictures' own (a radiograph's or an
// endoscope's black corners, a micrograph's dark field), and charts on paper, which the
// test keeps out, are not drawn on it.
bool filled_both_sides(const Canvas& canvas, const cv::Rect& box, bool vertical, int seam, int strip) {
    const cv::Vec3b& background = canvas.background;
    if (std::max({background[0], background[1], background[2]}) < kDarkBackground) return true;
    const cv::Rect first = vertical ? cv::Rect(box.x + seam - strip, box.y, strip, box.height)
                                    : cv::Rect(box.x, box.y + seam - strip, box.width, strip);
    const cv::Rect second = vertical ? cv::Rect(box.x + seam, box.y, strip, box.height)
                                     : cv::Rect(box.x, box.y + seam, box.width, strip);
    const double needed = (vertical ? 0.6 : 0.7) * first.area();
    return rect_sum(canvas.foreground_sum, first) >= needed && rect_sum(canvas.foreground_sum, second) >= needed;
}

SeamRange seam_range(const Canvas& canvas, const cv::Rect& box, bool vertical, int min_side, int before, int after) {
    SeamRange range;
    const int across = vertical ? box.width : box.height;
    if (across < 2 * min_side + 2) return range;
    const int length = vertical ? box.height : box.width;
    // A seam never cuts off a sliver: a band of a photograph (a CT scan's table, a black
    // border under a micrograph) changes colour along a straight line too, but touching
    // panels are not three times longer than they are wide.
    const int shortest_side = std::max(min_side, length / 3);
    // Both sides must be filled (photographs, micrographs), not a chart's axis on white.
    range.strip = std::max(2, min_side / 4);
    const int first = std::max(shortest_side, before), last = across - std::max(shortest_side, after);
    for (int seam = first; seam <= last; ++seam)
        if (filled_both_sides(canvas, box, vertical, seam, range.strip)) {
            range.first = first;
            range.last = last;
            break;
        }
    return range;
}

}  // namespace pubforge::panels
