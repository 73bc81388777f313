// The steps of panel detection and what they hand each other; private to the image module.
#pragma once

#include <cctype>
#include <string>
#include <utility>
#include <vector>

#include <opencv2/core.hpp>

#include "run_components.hpp"

namespace pubforge::panels {

// Classes of a read mark's character (ASCII only: the templates are ASCII).
inline bool is_letter(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }
inline bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

// The figure as the steps see it: scaled to the working size, gray, and a mask of
// pixels that differ from the estimated background colour.
struct Canvas {
    cv::Mat colour;      // CV_8UC3, the working copy
    cv::Mat gray;        // CV_8U
    cv::Mat foreground;  // CV_8U, 1 = content, 0 = background
    // Integral image of the foreground, computed once so that every cut level reads the
    // content of any line segment in O(1) instead of re-reducing its region.
    cv::Mat foreground_sum;  // CV_32S, (rows+1) x (cols+1)
    cv::Vec3b background;
    double scale = 1.0;  // working pixels per original pixel
};

Canvas make_canvas(const cv::Mat& bgr, int working_side);

// Sum of an integral image (CV_32S or CV_64F) over `r`.
inline double rect_sum(const cv::Mat& integral, const cv::Rect& r) {
    const auto sum = [&](auto zero) {
        using T = decltype(zero);
        return static_cast<double>(integral.at<T>(r.y + r.height, r.x + r.width) - integral.at<T>(r.y, r.x + r.width) -
                                   integral.at<T>(r.y + r.height, r.x) + integral.at<T>(r.y, r.x));
    };
    return integral.depth() == CV_32S ? sum(0) : sum(0.0);
}

// The colour-jump seam search in one box and direction.
struct SeamSearch {
    int seam = -1;  // offset of the seam found, or -1
    // Share of lines on which the box's typical (median) position jumps; 0 when the box
    // was not scanned. Textures and grain jump everywhere.
    double typical_jumps = 0.0;
};

// Where two touching panels meet inside `box` with no gutter: a straight column
// (vertical) or row across which the colour jumps on most lines.
SeamSearch find_seam(const Canvas& canvas, const cv::Rect& box, bool vertical, int min_side);

// In a box this grainy (its typical position jumps on this share of lines or more),
// jumps cannot single out a seam between textures: the statistics of the lines can.
constexpr double kGrainyJumps = 0.3;

// Where two touching pictures meet inside a grainy `box` when no colour jump marks it
// (two textures, a texture beside a photograph): the offset of a column (vertical) or row
// where the mean colour or the grain of the lines steps, clearly against the variation
// on each side, along each stretch of the box's length; or -1.
int find_profile_seam(const Canvas& canvas, const cv::Rect& box, bool vertical, int min_side);

// True when both sides of the line at `seam` (box coordinates), strips `strip` wide, are
// densely filled: the seams' test that they run between pictures, not charts on paper.
bool filled_both_sides(const Canvas& canvas, const cv::Rect& box, bool vertical, int seam, int strip);

// The positions [first, last] across `box` where any seam search may place a seam, and
// the strip width its sides are tested over: never a sliver (each side at least
// `min_side` and a third of the length), at least `before`/`after` positions from the
// box's edges (what the search reads on each side), and empty (last < first) when no
// position in it has both sides filled, so that the box is never scanned.
struct SeamRange {
    int first = 0, last = -1;
    int strip = 2;
    bool empty() const { return last < first; }
};
SeamRange seam_range(const Canvas& canvas, const cv::Rect& box, bool vertical, int min_side, int before, int after);

// One region the cuts produced, in working pixels.
struct Region {
    cv::Rect box;
    std::string method;  // what separated it from its neighbours
};

// Recursive XY cuts: splits at background gutters, uniform ruled lines and straight
// content seams; returns the leaf regions, trimmed to their content.
std::vector<Region> cut_regions(const Canvas& canvas);

// A panel letter found on the figure.
struct LabelMark {
    cv::Rect box;        // working pixels
    std::string text;    // "a", "B", "A1"; "" when the glyph was not read as a letter
    double confidence = 0.0;
    // For a lone glyph, the next best readings and their scores (best first): the
    // sequence of labels may pick one of them ("o" read where "c" is missing).
    std::vector<std::pair<char, double>> others;
    // Whether it sits where panel letters do: a region's top-left corner or the margin
    // just before a region (name_regions' rule). Breaks ties between two readings of a letter.
    bool placed = false;
    // Height of the glyph read as the letter (the box also holds brackets, a period, digits).
    int letter_height = 0;
};

// Small isolated glyph groups that could be panel labels ("a", "(b)", "C2"), each read by
// template matching (text may be a digit or empty when nothing matched).
std::vector<LabelMark> find_label_marks(const Canvas& canvas);

// A connected piece of a mask shaped like one glyph, with its pixels.
struct GlyphPiece {
    cv::Rect box;
    int area = 0;
    std::vector<RunComponents::Run> runs;  // in the coordinates of the mask it came from
};

// Glyph pieces side by side on one line ("(c)", "A1", "a.") become one mark, kept when
// nothing else of the mask (`mask_sum`: its integral, 1 per pixel) lies around it, and read
// from `gray`'s distance to `paper`; boxes are moved by `origin` (the mask's place in the figure).
std::vector<LabelMark> marks_from_glyphs(std::vector<GlyphPiece> glyphs, const cv::Mat& mask_sum, const cv::Mat& gray,
                                         int paper, cv::Point origin);

// One glyph read by template matching: `ink` is its intensity against its background
// (0 = background), `box` where it lies in working pixels.
LabelMark read_mark(const cv::Mat& ink, const cv::Rect& box);

// Letters printed inside panels, in the top-left corner of each region: white on a dark
// photograph or dark on a light one, where the figure-wide foreground mask sees only
// the photograph. Marks overlapping `known` ones are left out.
std::vector<LabelMark> find_corner_marks(const Canvas& canvas, const std::vector<Region>& regions,
                                         const std::vector<LabelMark>& known);

// Regions holding touching panels lettered alike (a letter in the region's corner, the
// next ones at the same offset along its top and down its left side) split into the grid
// those letters mark; other regions as they are. `marks` are those already read (the
// corner's letter is taken from them).
std::vector<Region> split_at_inside_letters(const Canvas& canvas, std::vector<Region> regions,
                                            const std::vector<LabelMark>& marks);

// Keeps the marks that form one consistent labelling (same case and size, a run of
// consecutive letters); empty when no such set of two or more exists.
std::vector<LabelMark> consistent_labels(std::vector<LabelMark> marks);

// Merges small regions (axis labels, legends, colour bars, letters, text lines) into
// the panel they belong to and drops specks.
std::vector<Region> merge_small_regions(std::vector<Region> regions, const Canvas& canvas);

// Groups regions (the cuts' leaves) by the label that owns them: the nearest label
// above-left of the region. Regions no label owns join the nearest group, or stand
// alone when panel-sized. `region_labels` receives each group's label ("" if none).
std::vector<Region> group_by_labels(const std::vector<Region>& regions, const std::vector<LabelMark>& labels,
                                    const cv::Size& figure_size, std::vector<std::string>& region_labels);

// Reconciles the gutter regions with the panel letters: a region holding several
// letters is split among them, a region with none and no letter-like mark at its
// corner joins the labelled panel above-left of it (a diagram's loose parts), and
// the rest keep their boxes. `anchors` are all isolated marks of the labels' size.
std::vector<Region> apply_labels(const std::vector<Region>& merged, const std::vector<Region>& leaves,
                                 const std::vector<LabelMark>& labels, const std::vector<LabelMark>& anchors,
                                 const cv::Size& figure_size, std::vector<std::string>& region_labels);

// The letter each region carries when the regions stand as they are (the letter's home
// as apply_labels finds it); "" for a region with no letter or with more than one.
std::vector<std::string> name_regions(const std::vector<Region>& regions, const std::vector<LabelMark>& labels);

// Sets each mark's `placed`.
void mark_placement(const std::vector<Region>& regions, std::vector<LabelMark>& marks);

// True when no two regions overlap by more than a sliver and each is panel-sized:
// the test a label grouping has to pass before it replaces the gutter regions.
bool plausible_partition(const std::vector<Region>& regions, const cv::Size& figure_size);

// Minimum side of a region that can stand alone as a panel, in working pixels.
int min_panel_side(const cv::Size& size);

}  // namespace pubforge::panels
