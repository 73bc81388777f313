// Run-based 8-connected labelling: runs found sixteen bytes at a time, joined row to row with union-find.
#include "run_components.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>

#include <opencv2/core/hal/intrin.hpp>

namespace pubforge::panels {
namespace {

// First x in [x, end) where the row is non-zero (when `kSet`) or zero (when not).
template <bool kSet>
inline int next_change(const uchar* row, int x, int end) {
    // Sixteen pixels at once (blank paper, a solid photograph): the lanes that end the
    // search as a bit mask, whose lowest bit is the first of them. Then eight, the
    // word's flags in its bytes' high bits: a non-zero byte is one with any bit set; a
    // zero byte is found by the borrow trick, whose lowest flag is always right (a borrow
    // only flags bytes above a zero one). Byte loops took each pixel of a glyph's or a
    // plot line's edge one at a time.
    const cv::v_uint8x16 zero = cv::v_setzero_u8();
    while (x + 16 <= end) {
        const cv::v_uint8x16 blank = cv::v_load(row + x) == zero;
        const int stops = cv::v_signmask(kSet ? ~blank : blank);
        if (stops != 0) return x + __builtin_ctz(static_cast<unsigned>(stops));
        x += 16;
    }
    constexpr std::uint64_t kLows = 0x0101010101010101ull, kHighs = 0x8080808080808080ull;
    while (x + 8 <= end) {
        std::uint64_t word;
        std::memcpy(&word, row + x, sizeof word);
        const std::uint64_t flags = kSet ? word : (word - kLows) & ~word & kHighs;
        if (flags != 0) return x + __builtin_ctzll(flags) / 8;
        x += 8;
    }
    while (x < end && (row[x] != 0) != kSet) ++x;
    return x;
}

int find_root(std::vector<int>& parent, int a) {
    while (parent[static_cast<size_t>(a)] != a) {
        parent[static_cast<size_t>(a)] = parent[static_cast<size_t>(parent[static_cast<size_t>(a)])];
        a = parent[static_cast<size_t>(a)];
    }
    return a;
}

void unite(std::vector<int>& parent, int a, int b) {
    a = find_root(parent, a);
    b = find_root(parent, b);
    if (a < b) parent[static_cast<size_t>(b)] = a;
    else if (b < a) parent[static_cast<size_t>(a)] = b;
}

}  // namespace

RunComponents label_runs(const cv::Mat& binary) {
    CV_Assert(binary.type() == CV_8U);
    // Any non-zero byte is foreground; only 0/1 masks (the canvas's) get the skip over solid runs.
    const cv::Mat& ones = binary;
    RunComponents out;
    out.row_start.assign(static_cast<size_t>(binary.rows) + 1, 0);
    std::vector<int> parent;  // provisional labels, union-find
    // Room for a couple of runs a row up front: most calls are small glyph boxes, which
    // regrew these vectors from empty several times a call (5 M a pass over the bench figures).
    out.runs.reserve(2 * static_cast<size_t>(binary.rows));
    parent.reserve(static_cast<size_t>(binary.rows));
    size_t previous_begin = 0, previous_end = 0;
    for (int y = 0; y < ones.rows; ++y) {
        out.row_start[static_cast<size_t>(y)] = out.runs.size();
        const uchar* row = ones.ptr<uchar>(y);
        size_t above = previous_begin;
        for (int x = next_change<true>(row, 0, ones.cols); x < ones.cols; x = next_change<true>(row, x, ones.cols)) {
            const int end = next_change<false>(row, x, ones.cols);
            // Runs of the row above that touch [x, end) with 8-connectivity: they end at or
            // after x - 1 and start at or before end.
            while (above < previous_end && out.runs[above].x1 < x) ++above;
            int label = -1;
            for (size_t j = above; j < previous_end && out.runs[j].x0 <= end; ++j) {
                if (label < 0) label = out.runs[j].label;
                else unite(parent, label, out.runs[j].label);
            }
            if (label < 0) {
                label = static_cast<int>(parent.size());
                parent.push_back(label);
            }
            out.runs.push_back({y, x, end, label});
            x = end;
        }
        previous_begin = out.row_start[static_cast<size_t>(y)];
        previous_end = out.runs.size();
    }
    out.row_start[static_cast<size_t>(ones.rows)] = out.runs.size();
    // Final labels in raster order of each component's first run. Boxes are kept as
    // edges while the runs come (a cv::Rect union per run was 6 M a pass).
    std::vector<int> final_label(parent.size(), -1);
    std::vector<cv::Vec4i> edges;  // left, top, right, bottom (exclusive)
    // There are at most as many components as provisional labels.
    edges.reserve(parent.size());
    out.areas.reserve(parent.size());
    out.first_pixels.reserve(parent.size());
    for (RunComponents::Run& run : out.runs) {
        const size_t root = static_cast<size_t>(find_root(parent, run.label));
        if (final_label[root] < 0) {
            final_label[root] = static_cast<int>(edges.size());
            edges.emplace_back(run.x0, run.y, run.x1, run.y + 1);
            out.areas.push_back(0);
            out.first_pixels.emplace_back(run.x0, run.y);
        }
        run.label = final_label[root];
        cv::Vec4i& e = edges[static_cast<size_t>(run.label)];
        e[0] = std::min(e[0], run.x0);
        e[2] = std::max(e[2], run.x1);
        e[3] = run.y + 1;  // runs come in raster order
        out.areas[static_cast<size_t>(run.label)] += run.x1 - run.x0;
    }
    out.boxes.reserve(edges.size());
    for (const cv::Vec4i& e : edges) out.boxes.emplace_back(e[0], e[1], e[2] - e[0], e[3] - e[1]);
    return out;
}

int RunComponents::label_at(int x, int y) const {
    if (y < 0 || y + 1 >= static_cast<int>(row_start.size())) return -1;
    const auto first = runs.begin() + static_cast<long>(row_start[static_cast<size_t>(y)]);
    const auto last = runs.begin() + static_cast<long>(row_start[static_cast<size_t>(y) + 1]);
    // The first run ending after x is the only one that can hold it.
    const auto run = std::upper_bound(first, last, x, [](int value, const Run& r) { return value < r.x1; });
    return run != last && run->x0 <= x ? run->label : -1;
}

std::vector<RunComponents::Run> RunComponents::runs_of(int label, cv::Point origin) const {
    const cv::Rect box = boxes[static_cast<size_t>(label)];
    std::vector<Run> own;
    for (size_t i = row_start[static_cast<size_t>(box.y)]; i < row_start[static_cast<size_t>(box.y + box.height)]; ++i)
        if (runs[i].label == label)
            own.push_back({runs[i].y + origin.y, runs[i].x0 + origin.x, runs[i].x1 + origin.x, label});
    return own;
}

}  // namespace pubforge::panels
