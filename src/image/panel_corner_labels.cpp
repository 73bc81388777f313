// Panel letters inside photographs: glyphs that stand out from the corner of a filled region, in either polarity.
#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>

#include <opencv2/imgproc.hpp>

#include "panel_parts.hpp"
#include "run_components.hpp"

namespace pubforge::panels {
namespace {

// The median gray level of a window (histogram walk: the window is small), over every
// other row: a level for the whole window, which half its rows give as well.
int median_gray(const cv::Mat& gray) {
    std::array<int, 256> histogram{};
    for (int y = 0; y < gray.rows; y += 2) {
        const uchar* row = gray.ptr<uchar>(y);
        for (int x = 0; x < gray.cols; ++x) ++histogram[row[x]];
    }
    const int half = (gray.rows + 1) / 2 * gray.cols / 2;
    int seen = 0;
    for (int v = 0; v < 256; ++v)
        if ((seen += histogram[static_cast<size_t>(v)]) > half) return v;
    return 255;
}

// Glyph-sized pieces of `mask` (a window's pixels far from its median, 0/1) with no other
// piece of the mask around them: a letter on a photograph, not its texture. Brackets and a
// trailing period are grouped with their letter as on the figure's paper.
void add_glyphs(const cv::Mat& mask, const cv::Mat& gray, int median, cv::Point origin, int min_height, int max_height,
                const std::vector<LabelMark>& known, std::vector<LabelMark>& marks) {
    const RunComponents pieces = label_runs(mask);
    std::vector<GlyphPiece> glyphs;
    for (size_t k = 0; k < pieces.boxes.size(); ++k) {
        const cv::Rect& b = pieces.boxes[k];
        if (b.height < min_height || b.height > max_height || b.width > 1.6 * b.height || b.width < 0.2 * b.height) continue;
        if (pieces.areas[k] < 0.12 * b.area()) continue;  // a thin curve, not a stroke of type
        // Glyphs stand clear of the window's edges: a piece cut by them is a photograph's.
        if (b.x == 0 || b.y == 0 || b.x + b.width >= mask.cols || b.y + b.height >= mask.rows) continue;
        glyphs.push_back({b, pieces.areas[k], pieces.runs_of(static_cast<int>(k))});
    }
    if (glyphs.empty()) return;
    cv::Mat sum;
    cv::integral(mask, sum, CV_32S);
    for (LabelMark& mark : marks_from_glyphs(std::move(glyphs), sum, gray, median, origin)) {
        // A mark already read there stands, unless this reading is the better one (on the
        // figure-wide mask the glyph may have joined a picture's edge).
        const bool seen = std::any_of(known.begin(), known.end(), [&](const LabelMark& m) {
            return (m.box & mark.box).area() > 0 && m.confidence >= mark.confidence;
        });
        if (!seen && !mark.text.empty()) marks.push_back(std::move(mark));
    }
}

// A split drawn from letters alone needs glyphs read this well (texture blobs read as
// letters at 0.4-0.6, printed letters at 0.75 and more).
constexpr double kSplitConfidence = 0.65;

// Glyphs in `window` of the figure that stand out from its median gray in either
// polarity. Type is drawn in black or white: a glyph is at least halfway from the
// median to that end, and the end far enough from the median to be seen.
void window_marks(const Canvas& canvas, const cv::Rect& window, int min_height, int max_height,
                  const std::vector<LabelMark>& known, bool at_corner,
                  std::vector<LabelMark>& marks) {
    const cv::Mat gray = canvas.gray(window);
    const int median = median_gray(gray);
    cv::Mat mask;
    // On a grainy or textured picture the halfway level also takes the grains nearest the
    // type's end, which then touch the glyph: with nothing found there, only the pixels
    // within an eighth of that end (the core of type printed in pure white or black). In a
    // region's corner window, "nothing" means nothing where its letter stands (within two
    // glyph heights of the corner), and only marks there are kept from the second level (a
    // scan's orientation "A" at the top middle is no panel letter).
    const auto where_letters_stand = [&](const LabelMark& m) {
        return !at_corner || (m.box.x - window.x <= 2 * m.box.height && m.box.y - window.y <= 2 * m.box.height);
    };
    // Marks at one level, and whether one of them stands where a letter would.
    const auto level_marks = [&](int level, int type, bool core) {
        cv::threshold(gray, mask, level, 1, type);
        std::vector<LabelMark> found;
        add_glyphs(mask, gray, median, window.tl(), min_height, max_height, known, found);
        bool placed = false;
        for (LabelMark& m : found) {
            placed |= where_letters_stand(m) && m.text.size() == 1 && m.confidence >= kSplitConfidence;
            if (!core || where_letters_stand(m)) marks.push_back(std::move(m));
        }
        return placed;
    };
    if (255 - median >= 70 && !level_marks(median + (255 - median) / 2, cv::THRESH_BINARY, false) && at_corner)
        level_marks(median + (255 - median) * 7 / 8, cv::THRESH_BINARY, true);
    if (median >= 70 && !level_marks(median / 2, cv::THRESH_BINARY_INV, false) && at_corner)
        level_marks(median / 8, cv::THRESH_BINARY_INV, true);
}

// The window of a region's top-left corner where its letter would be, or an empty
// rectangle when the region is not a filled one (on a plot's white the figure-wide
// marks already see the letter). Letters are at most a quarter of the panel high (and
// 40 working pixels): `max_height`.
cv::Rect corner_window(const Canvas& canvas, const cv::Rect& r, int& max_height) {
    max_height = std::min(40, r.height / 4);
    if (max_height < 8 || r.width < 32) return {};
    cv::Rect window(r.x, r.y, std::min(r.width / 2, 5 * max_height), std::min(r.height / 2, 3 * max_height));
    const auto filled = [&] { return rect_sum(canvas.foreground_sum, window) / window.area() >= 0.8; };
    if (filled()) return window;
    // A photograph with light parts (a radiograph's bone, a white letter in its corner) is
    // paper-coloured there, but its edge runs along the window's top row and left column,
    // which a title line above a chart or a plot's white does not fill.
    const auto edge_filled = [&](const cv::Rect& line) {
        return rect_sum(canvas.foreground_sum, line) >= 0.9 * line.area();
    };
    if (edge_filled(cv::Rect(window.x, window.y, window.width, 1)) &&
        edge_filled(cv::Rect(window.x, window.y, 1, window.height)) &&
        rect_sum(canvas.foreground_sum, window) / window.area() >= 0.6)
        return window;
    // A line of text joined to the region's top (the axis title of the chart above) leaves
    // paper over the picture: the window starts at the picture's first filled row, at most
    // a letter height down (a title line is no taller).
    for (int y = r.y; y < r.y + max_height; ++y) {
        if (rect_sum(canvas.foreground_sum, cv::Rect(window.x, y, window.width, 1)) < 0.9 * window.width) continue;
        window.y = y;
        break;
    }
    return filled() ? window : cv::Rect();
}

// Whether `m` reads as the letter `index` places after `first` (same case unless the
// letter has one shape for both), as its own reading or a close runner-up.
bool reads_as(const LabelMark& m, const LabelMark& first, int index) {
    if (m.text.size() != 1 || index > 25) return false;
    const char wanted = static_cast<char>((std::isupper(static_cast<unsigned char>(first.text[0])) ? 'A' : 'a') + index);
    // A first letter of one shape in both cases ("c" or "C") does not tell the set's case.
    const bool any_case = std::strchr("cosuvwxzCOSUVWXZ", wanted) || std::strchr("cosuvwxzCOSUVWXZ", first.text[0]);
    const auto fits = [&](char c) {
        return c == wanted ||
               (any_case && std::tolower(static_cast<unsigned char>(c)) == std::tolower(static_cast<unsigned char>(wanted)));
    };
    if (fits(m.text[0])) return true;
    for (const auto& [c, score] : m.others)
        if (fits(c) && score >= m.confidence - 0.12) return true;
    return false;
}

// Where the letters after `first` stand along a band (across when `across`, else down):
// marks of its size read as `expected(k)` for the k-th one, in order, until one reads as
// something else. The band is searched in overlapping windows, each with its own median
// (panels differ), and no further than the first mark that breaks the run.
template <typename Expected>
std::vector<int> band_letters(const Canvas& canvas, const cv::Rect& band, bool across, const LabelMark& first,
                              int max_height, const Expected& expected) {
    const int h = first.box.height;
    const int length = 6 * h, stride = 3 * h;
    std::vector<LabelMark> found;
    std::vector<int> positions;
    const int extent = across ? band.width : band.height;
    const auto position = [&](const LabelMark& m) { return across ? m.box.x : m.box.y; };
    for (int start = 0; start < extent; start += stride) {
        const int size = std::min(length, extent - start);
        if (size < 2 * h) break;
        const cv::Rect window = across ? cv::Rect(band.x + start, band.y, size, band.height)
                                       : cv::Rect(band.x, band.y + start, band.width, size);
        std::vector<LabelMark> marks;
        // Only glyphs of the first letter's size are worth reading (a grainy photograph
        // has many small ones).
        window_marks(canvas, window, std::max(6, h * 6 / 10), std::min(max_height, h * 16 / 10 + 1), found, false,
                     marks);
        for (LabelMark& m : marks) {
            // Along a row, letters share their top (x-height or ascender letters) or their
            // baseline; down a column, their left side. A small letter may stand up to 1.6x
            // another (b beside a).
            const int slack = std::max(2, h / 4);
            const bool aligned = across ? std::abs(m.box.y - first.box.y) <= slack ||
                                              std::abs(m.box.br().y - first.box.br().y) <= slack
                                        : std::abs(m.box.x - first.box.x) <= slack;
            const double ratio = static_cast<double>(m.box.height) / h;
            if (aligned && is_letter(m.text[0]) && m.confidence >= kSplitConfidence && ratio >= 0.6 && ratio <= 1.6)
                found.push_back(std::move(m));
        }
        std::sort(found.begin(), found.end(),
                  [&](const LabelMark& x, const LabelMark& y) { return position(x) < position(y); });
        positions.clear();
        bool broken = false;
        for (const LabelMark& m : found) {
            if (!expected(m, positions.size())) {
                // Settled once no later window can hold a mark before it.
                broken = position(m) < (across ? band.x : band.y) + start + stride;
                break;
            }
            positions.push_back(position(m));
        }
        if (broken) break;
    }
    return positions;
}

}  // namespace

std::vector<Region> split_at_inside_letters(const Canvas& canvas, std::vector<Region> regions,
                                            const std::vector<LabelMark>& marks) {
    const int min_side = min_panel_side(canvas.gray.size());
    std::vector<Region> out;
    for (Region& region : regions) {
        const cv::Rect r = region.box;
        int max_height = 0;
        const cv::Rect window = corner_window(canvas, r, max_height);
        if (window.area() == 0 || (r.width < 2 * min_side && r.height < 2 * min_side)) {
            out.push_back(std::move(region));
            continue;
        }
        const LabelMark* first = nullptr;
        for (const LabelMark& m : marks)
            // Letters sit close to their panel's corner (within two letter heights).
            if ((m.box & window) == m.box && m.box.x - r.x <= 2 * m.box.height && m.box.y - r.y <= 2 * m.box.height &&
                m.text.size() == 1 && is_letter(m.text[0]) && m.confidence >= kSplitConfidence &&
                (!first || m.box.x + m.box.y < first->box.x + first->box.y))
                first = &m;
        if (!first) {
            out.push_back(std::move(region));
            continue;
        }
        // Touching panels lettered alike: the next letters stand at the same offset from
        // their panels' corners, along the top of the region (the first row) and down its
        // left side (the first column), and read on from the corner's letter row by row.
        const int h = first->box.height;
        const cv::Point inset = first->box.tl() - r.tl();
        const int index = std::tolower(static_cast<unsigned char>(first->text[0])) - 'a';
        // The top band reaches a full letter height above the corner's letter: after an "a"
        // (x-height) a "b" stands about half its height taller, and a glyph touching the
        // band's edge is taken for the picture's.
        const int band_top = std::max(r.y, first->box.y - h), band_left = std::max(r.x, first->box.x - h / 2);
        const cv::Rect top(r.x + min_side, band_top, r.width - min_side, std::min(r.y + r.height, first->box.y + 2 * h) - band_top);
        const cv::Rect left(band_left, r.y + min_side, std::min(r.x + r.width, first->box.x + first->box.width + 3 * h) - band_left,
                            r.height - min_side);
        std::vector<int> xs{r.x}, ys{r.y};
        if (r.width >= 2 * min_side && top.width > 2 * h && top.height > h)
            for (const int x : band_letters(canvas, top, true, *first, max_height, [&](const LabelMark& m, size_t k) {
                     return reads_as(m, *first, index + 1 + static_cast<int>(k));
                 }))
                xs.push_back(x - inset.x);
        const int columns = static_cast<int>(xs.size());
        if (r.height >= 2 * min_side && left.height > 2 * h && left.width > h)
            for (const int y : band_letters(canvas, left, false, *first, max_height, [&](const LabelMark& m, size_t k) {
                     return reads_as(m, *first, index + columns * (1 + static_cast<int>(k)));
                 }))
                ys.push_back(y - inset.y);
        xs.push_back(r.x + r.width);
        ys.push_back(r.y + r.height);
        bool fits = xs.size() > 2 || ys.size() > 2;
        for (size_t i = 1; i < xs.size(); ++i) fits &= xs[i] - xs[i - 1] >= min_side;
        for (size_t i = 1; i < ys.size(); ++i) fits &= ys[i] - ys[i - 1] >= min_side;
        if (!fits) {
            out.push_back(std::move(region));
            continue;
        }
        for (size_t y = 0; y + 1 < ys.size(); ++y)
            for (size_t x = 0; x + 1 < xs.size(); ++x)
                out.push_back({cv::Rect(xs[x], ys[y], xs[x + 1] - xs[x], ys[y + 1] - ys[y]), "label"});
    }
    return out;
}

std::vector<LabelMark> find_corner_marks(const Canvas& canvas, const std::vector<Region>& regions,
                                         const std::vector<LabelMark>& known) {
    std::vector<LabelMark> marks;
    for (const Region& region : regions) {
        int max_height = 0;
        const cv::Rect window = corner_window(canvas, region.box, max_height);
        if (window.area() > 0) window_marks(canvas, window, 6, max_height, known, true, marks);
    }
    return marks;
}

}  // namespace pubforge::panels
