// Panel letters inside photographs: glyphs that stand out from the corner of a filled region, in either polarity.
#include <algorithm>
#include <array>

#include <opencv2/imgproc.hpp>

#include "panel_parts.hpp"
#include "run_components.hpp"

namespace pubforge::panels {
namespace {

// The median gray level of a window (histogram walk: the window is small).
int median_gray(const cv::Mat& gray) {
    std::array<int, 256> histogram{};
    for (int y = 0; y < gray.rows; ++y) {
        const uchar* row = gray.ptr<uchar>(y);
        for (int x = 0; x < gray.cols; ++x) ++histogram[row[x]];
    }
    const int half = static_cast<int>(gray.total() / 2);
    int seen = 0;
    for (int v = 0; v < 256; ++v)
        if ((seen += histogram[static_cast<size_t>(v)]) > half) return v;
    return 255;
}

// Glyph-sized pieces of `mask` (a window's pixels far from its median, 0/1) with no other
// piece of the mask around them: a letter on a photograph, not its texture. Brackets and a
// trailing period are grouped with their letter as on the figure's paper.
void add_glyphs(const cv::Mat& mask, const cv::Mat& gray, int median, cv::Point origin, int max_height,
                const std::vector<LabelMark>& known, std::vector<LabelMark>& marks) {
    const RunComponents pieces = label_runs(mask);
    std::vector<GlyphPiece> glyphs;
    for (size_t k = 0; k < pieces.boxes.size(); ++k) {
        const cv::Rect& b = pieces.boxes[k];
        if (b.height < 6 || b.height > max_height || b.width > 1.6 * b.height || b.width < 0.2 * b.height) continue;
        if (pieces.areas[k] < 0.12 * b.area()) continue;  // a thin curve, not a stroke of type
        // Glyphs stand clear of the window's edges: a piece cut by them is a photograph's.
        if (b.x == 0 || b.y == 0 || b.x + b.width >= mask.cols || b.y + b.height >= mask.rows) continue;
        glyphs.push_back({b, pieces.areas[k], pieces.runs_of(static_cast<int>(k))});
    }
    if (glyphs.empty()) return;
    cv::Mat sum;
    cv::integral(mask, sum, CV_32S);
    for (LabelMark& mark : marks_from_glyphs(std::move(glyphs), sum, gray, median, origin)) {
        const bool seen = std::any_of(known.begin(), known.end(),
                                      [&](const LabelMark& m) { return (m.box & mark.box).area() > 0; });
        if (!seen && !mark.text.empty()) marks.push_back(std::move(mark));
    }
}

}  // namespace

std::vector<LabelMark> find_corner_marks(const Canvas& canvas, const std::vector<Region>& regions,
                                         const std::vector<LabelMark>& known) {
    std::vector<LabelMark> marks;
    for (const Region& region : regions) {
        const cv::Rect& r = region.box;
        // Letters are at most a quarter of the panel high (and 40 working pixels).
        const int max_height = std::min(40, r.height / 4);
        if (max_height < 8 || r.width < 32) continue;
        const cv::Rect window(r.x, r.y, std::min(r.width / 2, 5 * max_height), std::min(r.height / 2, 3 * max_height));
        // Only filled regions: on a plot's white the figure-wide marks already see the letter.
        const double filled = rect_sum(canvas.foreground_sum, window) / window.area();
        if (filled < 0.8) continue;
        const cv::Mat gray = canvas.gray(window);
        const int median = median_gray(gray);
        // Type is drawn in black or white: a glyph is at least halfway from the median
        // to that end, and the end far enough from the median to be seen.
        cv::Mat mask;
        if (255 - median >= 70) {
            cv::threshold(gray, mask, median + (255 - median) / 2, 1, cv::THRESH_BINARY);
            add_glyphs(mask, gray, median, window.tl(), max_height, known, marks);
        }
        if (median >= 70) {
            cv::threshold(gray, mask, median / 2, 1, cv::THRESH_BINARY_INV);
            add_glyphs(mask, gray, median, window.tl(), max_height, known, marks);
        }
    }
    return marks;
}

}  // namespace pubforge::panels
