// Recursive XY cuts at gutters, ruled separator lines and straight content seams.
#include <algorithm>
#include <optional>

#include <opencv2/core/hal/intrin.hpp>
#include <opencv2/imgproc.hpp>

#include "panel_parts.hpp"

namespace pubforge::panels {
namespace {

// A line whose gray levels span no more than this is "uniform": a gutter in a colour
// that is not the background, or a ruled separator line.
constexpr int kUniformSpread = 20;
// A drawn separator is a thin line that stands out from what it separates; a wider
// flat band is an image's own dark or light background.
constexpr int kMaxRuleWidth = 4;
// Lines at a box's edge thinner than this, with blank space inside them, are trimmed off.
constexpr int kMaxSliver = 2;

struct LineStats {
    std::vector<int> content;  // foreground pixels on the line
    std::vector<int> spread;   // max - min gray over the middle of the line
};

// Gray spread (max - min) of `count` contiguous pixels, or any value above
// kUniformSpread as soon as they are known not to be uniform: only that is ever asked.
int segment_spread(const uchar* p, int count) {
    int i = 0;
    int low = 255, high = 0;
    if (count >= 16) {
        // The first 16 pixels are checked on their own (most lines through a picture show
        // contrast at once), then every 64.
        cv::v_uint8x16 lows = cv::v_load(p), highs = lows;
        low = cv::v_reduce_min(lows);
        high = cv::v_reduce_max(highs);
        if (high - low > kUniformSpread) return high - low;
        i = 16;
        constexpr int kBlock = 64;
        for (; i + kBlock <= count; i += kBlock) {
            for (int k = 0; k < kBlock; k += 16) {
                const cv::v_uint8x16 v = cv::v_load(p + i + k);
                lows = cv::v_min(lows, v);
                highs = cv::v_max(highs, v);
            }
            low = cv::v_reduce_min(lows);
            high = cv::v_reduce_max(highs);
            if (high - low > kUniformSpread) return high - low;
        }
        for (; i + 16 <= count; i += 16) {
            const cv::v_uint8x16 v = cv::v_load(p + i);
            lows = cv::v_min(lows, v);
            highs = cv::v_max(highs, v);
        }
        // The last pixels as the 16 that end the line (some seen twice: min and max do not mind).
        if (i < count) {
            const cv::v_uint8x16 v = cv::v_load(p + count - 16);
            lows = cv::v_min(lows, v);
            highs = cv::v_max(highs, v);
            i = count;
        }
        low = cv::v_reduce_min(lows);
        high = cv::v_reduce_max(highs);
    }
    for (; i < count; ++i) {  // lines shorter than 16 pixels
        low = std::min<int>(low, p[i]);
        high = std::max<int>(high, p[i]);
    }
    return high - low;
}

// Rows (horizontal = true) or columns of `box`, summarised for the gap search. Every
// value comes from the canvas's integral images: O(1) per line whatever the box size.
// The middle of each line of a box: the ends are ignored so that a ruled line stopping
// short of the region's edge still counts as uniform.
struct LineMiddles {
    const Canvas& canvas;
    cv::Rect box;
    bool rows;
    int inset, middle;
    LineMiddles(const Canvas& c, const cv::Rect& b, bool r) : canvas(c), box(b), rows(r) {
        const int length = rows ? box.width : box.height;
        inset = length > 20 ? length / 25 : 0;
        middle = length - 2 * inset;
    }
    // First gray pixel of the middle of line i (a column's pixels are pixel_step() bytes apart).
    const uchar* pixels(int i) const {
        return rows ? canvas.gray.ptr<uchar>(box.y + i, box.x + inset) : canvas.gray.ptr<uchar>(box.y + inset, box.x + i);
    }
    size_t pixel_step() const { return rows ? 1 : canvas.gray.step; }
    // Rounded mean gray of the middle of line i: asked of a few lines per box only (the
    // sides of a drawn separator), so it is summed here rather than from an integral image.
    int mean(int i) const {
        const uchar* p = pixels(i);
        const size_t step = pixel_step();
        long sum = 0;
        for (int k = 0; k < middle; ++k) sum += p[k * step];
        return cvRound(static_cast<double>(sum) * (1.0 / middle));
    }
};

// The spreads of the middles of a box's columns (255 for those without content), sixteen
// columns at a time down the gray rows: a block of columns stops as soon as each of its
// columns with content shows contrast, which a few rows settle in a picture. Only whether a
// spread exceeds kUniformSpread is ever asked, and a block stops only when it is known for all
// of them. (A transposed copy of the gray figure, scanned column by column, cost more: the
// transposition alone was 2.3 instructions a pixel.)
void column_spreads(const LineMiddles& middles, const std::vector<int>& content, int noise, std::vector<int>& spread) {
    const int count = middles.box.width;
    const size_t step = middles.pixel_step();
    if (count < 16) {
        for (int i = 0; i < count; ++i) spread[i] = 255;
        // Too narrow for a block: column by column.
        for (int i = 0; i < count; ++i) {
            if (content[i] <= noise) continue;
            const uchar* p = middles.pixels(i);
            int low = 255, high = 0;
            for (int k = 0; k < middles.middle && high - low <= kUniformSpread; ++k) {
                low = std::min<int>(low, p[k * step]);
                high = std::max<int>(high, p[k * step]);
            }
            spread[i] = high - low;
        }
        return;
    }
    const cv::v_uint8x16 most = cv::v_setall_u8(kUniformSpread);
    const cv::v_int32x4 most_noise = cv::v_setall_s32(noise);
    for (int x = 0; x < count; x += 16) {
        // The last block is the sixteen columns that end the box (some seen twice: the
        // second look gives the same answer).
        const int first = std::min(x, count - 16);
        // Which columns have content (all ones), as bytes.
        const auto has_content = [&](int k) { return cv::v_load(content.data() + first + 4 * k) > most_noise; };
        const cv::v_uint8x16 open = cv::v_reinterpret_as_u8(
            cv::v_pack(cv::v_pack(has_content(0), has_content(1)), cv::v_pack(has_content(2), has_content(3))));
        cv::v_uint8x16 lows = cv::v_setzero_u8(), highs = lows;
        if (cv::v_check_any(open)) {
            const uchar* p = middles.pixels(first);
            lows = cv::v_load(p);
            highs = lows;
            // Settled when every asked column's spread exceeds the bar.
            const auto settled = [&] { return cv::v_check_all(((highs - lows) > most) | ~open); };
            int k = 1;
            for (int stop = std::min(16, middles.middle);; stop = std::min(k + 64, middles.middle)) {
                for (; k < stop; ++k) {
                    const cv::v_uint8x16 v = cv::v_load(p + k * step);
                    lows = cv::v_min(lows, v);
                    highs = cv::v_max(highs, v);
                }
                if (k >= middles.middle || settled()) break;
            }
        }
        // Columns without content get 255.
        cv::v_uint16x8 low, high;
        cv::v_expand((highs - lows) | ~open, low, high);
        cv::v_uint32x4 q[4];
        cv::v_expand(low, q[0], q[1]);
        cv::v_expand(high, q[2], q[3]);
        for (int k = 0; k < 4; ++k) cv::v_store(spread.data() + first + 4 * k, cv::v_reinterpret_as_s32(q[k]));
    }
}

LineStats line_stats(const Canvas& canvas, const cv::Rect& box, bool rows) {
    const LineMiddles middles(canvas, box, rows);
    const int length = rows ? box.width : box.height;
    const int count = rows ? box.height : box.width;
    LineStats stats;
    stats.content.resize(count);
    stats.spread.resize(count);
    // Content per line straight from the integral image's rows (CV_32S): for rows, the
    // differences down two columns; for columns, along two rows.
    const cv::Mat& sum = canvas.foreground_sum;
    if (rows) {
        for (int i = 0; i < count; ++i) {
            const int* above = sum.ptr<int>(box.y + i);
            const int* below = sum.ptr<int>(box.y + i + 1);
            stats.content[i] = below[box.x + box.width] - above[box.x + box.width] - below[box.x] + above[box.x];
        }
    } else {
        const int* top = sum.ptr<int>(box.y) + box.x;
        const int* bottom = sum.ptr<int>(box.y + box.height) + box.x;
        for (int i = 0; i < count; ++i) stats.content[i] = bottom[i + 1] - top[i + 1] - bottom[i] + top[i];
    }
    // Only a line with content can be uniform (classify_lines), so blank lines are never
    // scanned, and a scan stops at the first contrast.
    const int noise = length / 1000;
    if (rows) {
        for (int i = 0; i < count; ++i)
            stats.spread[i] = stats.content[i] > noise ? segment_spread(middles.pixels(i), middles.middle) : 255;
    } else {
        column_spreads(middles, stats.content, noise, stats.spread);
    }
    return stats;
}

struct Gap {
    int start = 0;  // first empty line
    int end = 0;    // one past the last
    bool ruled = false;  // holds a uniform line that is not background (a drawn separator)
    int width() const { return end - start; }
};

// Flags are chars, not vector<bool>: filling bit vectors one push_back at a time was a
// tenth of the cut recursion.
struct LineKinds {
    std::vector<char> blank;    // background only (JPEG noise allowed)
    std::vector<char> uniform;  // one flat colour across, but not the background
    const std::vector<int>* content = nullptr;  // foreground pixels on each line (the stats')
    int length = 0;             // pixels on a line
};

LineKinds classify_lines(const LineStats& stats, int length) {
    const int noise = length / 1000;
    const size_t count = stats.content.size();
    LineKinds kinds;
    kinds.blank.resize(count);
    kinds.uniform.resize(count);
    kinds.content = &stats.content;
    kinds.length = length;
    // Sixteen lines at a time (the scalar loop was a tenth of the cut recursion): the
    // comparisons' all-ones lanes packed down to bytes and masked to 0/1.
    const int* content = stats.content.data();
    const int* spread = stats.spread.data();
    char* blank = kinds.blank.data();
    char* uniform = kinds.uniform.data();
    const cv::v_int32x4 most_noise = cv::v_setall_s32(noise), most_spread = cv::v_setall_s32(kUniformSpread);
    const cv::v_int8x16 one = cv::v_setall_s8(1);
    size_t i = 0;
    for (; i + 16 <= count; i += 16) {
        cv::v_int32x4 is_blank[4], is_uniform[4];
        for (int k = 0; k < 4; ++k) {
            is_blank[k] = cv::v_load(content + i + 4 * k) <= most_noise;
            is_uniform[k] = cv::v_load(spread + i + 4 * k) <= most_spread;
        }
        const cv::v_int8x16 blanks = cv::v_pack(cv::v_pack(is_blank[0], is_blank[1]), cv::v_pack(is_blank[2], is_blank[3]));
        const cv::v_int8x16 flat =
            cv::v_pack(cv::v_pack(is_uniform[0], is_uniform[1]), cv::v_pack(is_uniform[2], is_uniform[3]));
        cv::v_store(reinterpret_cast<schar*>(blank + i), blanks & one);
        cv::v_store(reinterpret_cast<schar*>(uniform + i), (flat & ~blanks) & one);
    }
    for (; i < count; ++i) {
        const bool is_blank = content[i] <= noise;
        blank[i] = is_blank;
        uniform[i] = !is_blank && spread[i] <= kUniformSpread;
    }
    return kinds;
}

// A drawn line with no gutter separates panels only when what lies against it on each
// side is solid (photographs touching it); a chart's axis has bars or ticks partly
// covering the line beside it, and a plot frame has blank space inside.
bool solid_side(const LineKinds& kinds, int line) {
    if (line < 0 || line >= static_cast<int>(kinds.content->size()) || kinds.length <= 0) return false;
    return static_cast<double>((*kinds.content)[static_cast<size_t>(line)]) / kinds.length >= 0.9;
}

// Whether lines `before` and `after` of a box hold content face to face along at least a
// third of their length: pictures of different sizes meeting across a 1-2 px gutter (a
// narrow photograph above a wide one, or the gutter a large shrink left of a wider one),
// where neither line is solid from end to end. Text and plot strokes on both sides of a
// blank line never face each other that much. (Half the length instead: composed figures
// 0.802 against 0.847.)
bool facing_content(const LineMiddles& middles, int before, int after) {
    const cv::Mat& mask = middles.canvas.foreground;
    const cv::Rect& box = middles.box;
    const int length = middles.rows ? box.width : box.height;
    int facing = 0;
    for (int k = 0; k < length; ++k) {
        const bool first = middles.rows ? mask.at<uchar>(box.y + before, box.x + k) : mask.at<uchar>(box.y + k, box.x + before);
        const bool second = middles.rows ? mask.at<uchar>(box.y + after, box.x + k) : mask.at<uchar>(box.y + k, box.x + after);
        facing += first && second;
    }
    return 3 * facing >= length;
}

// Interior runs of blank lines at least `min_background_gap` wide, and drawn
// separator lines with clean sides.
std::vector<Gap> find_gaps(const LineKinds& kinds, const LineMiddles& middles, int min_background_gap) {
    const int count = static_cast<int>(kinds.blank.size());
    std::vector<Gap> gaps;
    int i = 0;
    while (i < count) {
        if (!kinds.blank[i] && !kinds.uniform[i]) { ++i; continue; }
        Gap gap{i, i, false};
        bool has_uniform = false;
        while (i < count && (kinds.blank[i] || kinds.uniform[i])) has_uniform |= kinds.uniform[i++];
        gap.end = i;
        if (gap.start == 0 || gap.end == count) continue;  // margins, not gaps
        // Photographs touching a drawn line on both sides: a separator without a gutter.
        if (has_uniform && gap.width() <= kMaxRuleWidth && solid_side(kinds, gap.start - 1) &&
            solid_side(kinds, gap.end) && std::abs(middles.mean(gap.start) - middles.mean(gap.start - 1)) >= 40 &&
            std::abs(middles.mean(gap.end - 1) - middles.mean(gap.end)) >= 40) {
            gap.ruled = true;
            gaps.push_back(gap);
            continue;
        }
        // A drawn line at the edge of a blank run belongs to the content beside it
        // (the axis under a bar chart): keep only the blank core.
        while (gap.start < gap.end && kinds.uniform[gap.start]) ++gap.start;
        while (gap.end > gap.start && kinds.uniform[gap.end - 1]) --gap.end;
        const bool between_pictures = (solid_side(kinds, gap.start - 1) && solid_side(kinds, gap.end)) ||
                                      (gap.width() < min_background_gap && facing_content(middles, gap.start - 1, gap.end));
        if (gap.width() < (between_pictures ? 1 : min_background_gap)) continue;
        for (int k = gap.start; k < gap.end; ++k) gap.ruled |= kinds.uniform[k];  // a line inside a gutter
        gaps.push_back(gap);
    }
    return gaps;
}

// Line statistics and the box they were measured on.
struct MeasuredLines {
    cv::Rect box;
    bool rows = true;
    LineStats stats;
};

// The statistics of `box`'s rows (or columns) read off `known` when it measured the same
// kind of line over the same span (same columns for rows): a line's content and middle
// depend only on that span, so a piece of a split box, or a box trimmed only across its
// lines, holds a run of the whole's lines. nullopt when `known` does not hold them.
std::optional<LineStats> slice_lines(const cv::Rect& box, bool rows, const MeasuredLines* known) {
    if (known != nullptr && known->rows == rows) {
        const cv::Rect& k = known->box;
        const bool same_span = rows ? k.x == box.x && k.width == box.width : k.y == box.y && k.height == box.height;
        const int first = rows ? box.y - k.y : box.x - k.x;
        const int count = rows ? box.height : box.width;
        if (same_span && first >= 0 && first + count <= static_cast<int>(known->stats.content.size())) {
            LineStats slice;
            const auto from = static_cast<long>(first), to = static_cast<long>(first + count);
            slice.content.assign(known->stats.content.begin() + from, known->stats.content.begin() + to);
            slice.spread.assign(known->stats.spread.begin() + from, known->stats.spread.begin() + to);
            return slice;
        }
    }
    return std::nullopt;
}

// A box trimmed to its content, with the line statistics of the trimmed box when the
// last trim pass already computed them (the cut reads them instead of recomputing).
struct Trimmed {
    cv::Rect box;
    std::optional<LineStats> rows, columns;
};

// Shrinks `box` to its content: blank lines go, and so do drawn frame lines with
// only blank lines inside them; an axis with bars standing on it stays. A second
// pass catches what the first uncovered; a pass that changes nothing ends it.
// `known`: statistics measured on a box holding this one (the box it was cut from), or null.
Trimmed trim(const Canvas& canvas, cv::Rect box, const MeasuredLines* known = nullptr) {
    Trimmed out;
    // The last statistics measured in each direction ([rows]): a later pass reads them
    // when the other direction's trim left this one's span alone.
    MeasuredLines latest[2];
    bool measured[2] = {false, false};
    for (int pass = 0; pass < 2 && box.area() > 0; ++pass) {
        const cv::Rect before = box;
        for (const bool rows : {true, false}) {
            std::optional<LineStats> known_stats = slice_lines(box, rows, measured[rows] ? &latest[rows] : nullptr);
            if (!known_stats) known_stats = slice_lines(box, rows, known);
            LineStats stats = known_stats ? std::move(*known_stats) : line_stats(canvas, box, rows);
            const cv::Rect measured_box = box;
            const LineKinds kinds = classify_lines(stats, rows ? box.width : box.height);
            const int count = static_cast<int>(kinds.blank.size());
            int first = 0, last = count;
            while (first < last && kinds.blank[first]) ++first;
            int frame = first;
            while (frame < last && kinds.uniform[frame]) ++frame;
            if (frame > first && frame < last && kinds.blank[frame]) first = frame;
            // A sliver of a line or two at the edge with blank space inside it (the page's
            // rule printed beside the figure, a cropped neighbour's edge) is not content
            // either, uniform or not: left in, it runs across every gutter it meets.
            frame = first;
            while (frame < last && frame - first < kMaxSliver && !kinds.blank[frame]) ++frame;
            if (frame > first && frame < last && kinds.blank[frame]) first = frame;
            while (first < last && kinds.blank[first]) ++first;
            while (last > first && kinds.blank[last - 1]) --last;
            frame = last;
            while (frame > first && kinds.uniform[frame - 1]) --frame;
            if (frame < last && frame > first && kinds.blank[frame - 1]) last = frame;
            frame = last;
            while (frame > first && last - frame < kMaxSliver && !kinds.blank[frame - 1]) --frame;
            if (frame < last && frame > first && kinds.blank[frame - 1]) last = frame;
            while (last > first && kinds.blank[last - 1]) --last;
            if (rows) box = cv::Rect(box.x, box.y + first, box.width, last - first);
            else box = cv::Rect(box.x + first, box.y, last - first, box.height);
            if (box.area() == 0) return {};
            latest[rows] = MeasuredLines{measured_box, rows, std::move(stats)};
            measured[rows] = true;
        }
        if (box == before) break;
    }
    out.box = box;
    // Statistics of a box the trim went on to shrink are not the final box's.
    if (measured[1] && latest[1].box == box) out.rows = std::move(latest[1].stats);
    if (measured[0] && latest[0].box == box) out.columns = std::move(latest[0].stats);
    return out;
}

// A line of running text printed into the figure image above or below the panels (the
// caption, or the end of the paragraph before it, when a figure was cropped from a page):
// a short band across most of the figure, mostly paper, its words a space apart. Merged as
// an axis title would be, its words stretched the panels under them to the figure's edge.
// A row of axis titles or panel headings is not one: it has panel-wide gaps.
bool caption_strip(const Canvas& canvas, const cv::Rect& piece, const MeasuredLines* known) {
    const cv::Rect text = trim(canvas, piece, known).box;
    if (text.area() == 0) return false;
    const int line_height = std::max(24, canvas.gray.rows / 16);
    if (text.height > line_height || text.width < 0.6 * canvas.gray.cols ||
        rect_sum(canvas.foreground_sum, text) > 0.35 * text.area())
        return false;
    int blank_run = 0;
    for (int x = text.x; x < text.x + text.width; ++x) {
        const bool blank = rect_sum(canvas.foreground_sum, cv::Rect(x, text.y, 1, text.height)) == 0;
        blank_run = blank ? blank_run + 1 : 0;
        if (blank_run > std::max(2 * text.height, line_height)) return false;
    }
    return true;
}

// `known`: the line statistics of the box this one was cut from (null for the figure).
void cut(const Canvas& canvas, cv::Rect box, const std::string& method, int depth, std::vector<Region>& out,
         const MeasuredLines* known = nullptr) {
    Trimmed trimmed = trim(canvas, box, known);
    box = trimmed.box;
    if (box.area() == 0) return;
    const int min_side = min_panel_side(canvas.gray.size());
    const int min_gap = std::max(2, static_cast<int>(0.004 * std::max(canvas.gray.cols, canvas.gray.rows)));
    if (depth > 24) {
        out.push_back({box, method});
        return;
    }
    // The pieces of this box are cut from it along one direction: they read their lines
    // across that direction off these.
    const MeasuredLines row_lines{box, true, trimmed.rows ? std::move(*trimmed.rows) : line_stats(canvas, box, true)};
    const MeasuredLines col_lines{box, false, trimmed.columns ? std::move(*trimmed.columns) : line_stats(canvas, box, false)};
    const std::vector<Gap> row_gaps =
        find_gaps(classify_lines(row_lines.stats, box.width), LineMiddles(canvas, box, true), min_gap);
    const std::vector<Gap> col_gaps =
        find_gaps(classify_lines(col_lines.stats, box.height), LineMiddles(canvas, box, false), min_gap);
    auto widest = [](const std::vector<Gap>& gaps) {
        int w = 0;
        for (const Gap& g : gaps) w = std::max(w, g.width());
        return w;
    };
    if (!row_gaps.empty() || !col_gaps.empty()) {
        const bool rows = widest(row_gaps) >= widest(col_gaps);
        const std::vector<Gap>& gaps = rows ? row_gaps : col_gaps;
        int start = 0;
        const int length = rows ? box.height : box.width;
        for (size_t i = 0; i <= gaps.size(); ++i) {
            const int end = i < gaps.size() ? gaps[i].start : length;
            const std::string piece_method = i < gaps.size() ? (gaps[i].ruled ? "separator-line" : "gutter")
                                                             : (gaps.back().ruled ? "separator-line" : "gutter");
            const cv::Rect piece = rows ? cv::Rect(box.x, box.y + start, box.width, end - start)
                                        : cv::Rect(box.x + start, box.y, end - start, box.height);
            // Only the figure's own first and last rows can be a caption printed into it.
            const bool outer_row = depth == 0 && rows && gaps.size() >= 1 && (i == 0 || i == gaps.size());
            const MeasuredLines* lines = rows ? &row_lines : &col_lines;
            if (piece.area() > 0 && !(outer_row && caption_strip(canvas, piece, lines)))
                cut(canvas, piece, piece_method, depth + 1, out, lines);
            if (i < gaps.size()) start = gaps[i].end;
        }
        return;
    }
    // Colour jumps first (they place a seam to the pixel). In a grainy box they cannot
    // single a seam out, and a step in the lines' statistics is looked for instead (two
    // textures, a texture beside a photograph); boxes of smooth pictures never pay for it.
    const auto split = [&](int seam, bool vertical) {
        const cv::Rect first = vertical ? cv::Rect(box.x, box.y, seam, box.height)
                                        : cv::Rect(box.x, box.y, box.width, seam);
        const cv::Rect second = vertical ? cv::Rect(box.x + seam, box.y, box.width - seam, box.height)
                                         : cv::Rect(box.x, box.y + seam, box.width, box.height - seam);
        const MeasuredLines* lines = vertical ? &col_lines : &row_lines;
        cut(canvas, first, "edge", depth + 1, out, lines);
        cut(canvas, second, "edge", depth + 1, out, lines);
    };
    SeamSearch searches[2];
    for (const bool vertical : {true, false}) {
        searches[vertical] = find_seam(canvas, box, vertical, min_side);
        if (searches[vertical].seam >= 0) return split(searches[vertical].seam, vertical);
    }
    for (const bool vertical : {true, false}) {
        if (searches[vertical].typical_jumps < kGrainyJumps) continue;
        const int seam = find_profile_seam(canvas, box, vertical, min_side);
        if (seam >= 0) return split(seam, vertical);
    }
    out.push_back({box, method});
}

}  // namespace

int min_panel_side(const cv::Size& size) {
    return std::max(12, static_cast<int>(0.07 * std::min(size.width, size.height)));
}

std::vector<Region> cut_regions(const Canvas& canvas) {
    std::vector<Region> regions;
    cut(canvas, cv::Rect(0, 0, canvas.gray.cols, canvas.gray.rows), "whole", 0, regions);
    return regions;
}

}  // namespace pubforge::panels
