// Panel detection: cuts, clean-up, labels, the caption's count as a prior, then ordering and scores.
#include "pubforge/image/panels.hpp"

#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

#include "panel_parts.hpp"

namespace pubforge {
namespace {

using panels::Region;

// Merges the pair of neighbouring regions whose union wastes least area, once.
void merge_closest_pair(std::vector<Region>& regions) {
    size_t best_i = 0, best_j = 1;
    double best_cost = -1.0;
    for (size_t i = 0; i < regions.size(); ++i) {
        for (size_t j = i + 1; j < regions.size(); ++j) {
            const cv::Rect joined = regions[i].box | regions[j].box;
            const double cost = joined.area() - regions[i].box.area() - regions[j].box.area();
            if (best_cost < 0 || cost < best_cost) {
                best_cost = cost;
                best_i = i;
                best_j = j;
            }
        }
    }
    regions[best_i].box |= regions[best_j].box;
    regions.erase(regions.begin() + static_cast<long>(best_j));
}

// Rows top to bottom (a region joins a row when it overlaps the row's vertical
// extent by half its height), left to right within a row.
std::vector<size_t> reading_order(const std::vector<Panel>& panels) {
    std::vector<size_t> order(panels.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        const cv::Rect& p = panels[a].box;
        const cv::Rect& q = panels[b].box;
        const int overlap = std::min(p.y + p.height, q.y + q.height) - std::max(p.y, q.y);
        if (overlap >= 0.5 * std::min(p.height, q.height)) return p.x != q.x ? p.x < q.x : p.y < q.y;
        return p.y < q.y;
    });
    return order;
}

// Label order: letters first by letter, then by the number that follows ("A1" < "A2" < "B").
bool label_before(const std::string& a, const std::string& b) {
    const auto key = [](const std::string& s) {
        const int letter = s.empty() ? 1000 : std::tolower(static_cast<unsigned char>(s[0]));
        const int number = s.size() > 1 ? std::atoi(s.c_str() + 1) : 0;
        return std::make_pair(letter, number);
    };
    return key(a) < key(b);
}

double method_score(const std::string& method) {
    if (method == "label") return 0.9;
    if (method == "gutter") return 0.85;
    if (method == "separator-line") return 0.8;
    if (method == "edge") return 0.65;
    return 0.6;
}

// The letters printed on the figure and the regions they define: the regions are
// regrouped by a consistent set of letters when that gives a plausible partition, else
// the letters name the regions they sit on. Returns each region's letter ("" for none).
// `marks` are the figure-wide marks and those in the regions' corners.
std::vector<std::string> read_letters(const panels::Canvas& canvas, const std::vector<Region>& leaves,
                                      std::vector<Region>& regions, std::vector<panels::LabelMark> marks) {
    std::vector<std::string> labels(regions.size());
    panels::mark_placement(regions, marks);
    const auto sequence = panels::consistent_labels(marks);
    if (sequence.size() < 2) return labels;
    double height = 0.0;
    for (const auto& m : sequence) height += m.box.height;
    height /= static_cast<double>(sequence.size());
    std::vector<panels::LabelMark> anchors;
    for (const auto& m : marks)
        if (std::abs(m.box.height - height) <= 0.35 * height) anchors.push_back(m);
    std::vector<std::string> grouped_labels;
    std::vector<Region> grouped = panels::apply_labels(regions, leaves, sequence, anchors, canvas.gray.size(), grouped_labels);
    if (grouped.size() >= 2 && panels::plausible_partition(grouped, canvas.gray.size())) {
        regions = std::move(grouped);
        return grouped_labels;
    }
    // The gutter regions stand, but the letters still name the ones they sit on.
    return panels::name_regions(regions, sequence);
}

}  // namespace

PanelDetection detect_panels(const cv::Mat& bgr, const PanelOptions& options) {
    PanelDetection detection;
    if (bgr.empty()) return detection;
    const cv::Rect whole(0, 0, bgr.cols, bgr.rows);
    const auto single = [&](PanelDetection& d) {
        d.panels = {Panel{whole, "", 1.0, "whole"}};
        d.compound = false;
        return d;
    };
    const int min_side = panels::min_panel_side(bgr.size());
    if (bgr.cols < 2 * min_side || bgr.rows < 2 * min_side || bgr.cols < 24 || bgr.rows < 24) return single(detection);

    const panels::Canvas canvas = panels::make_canvas(bgr, options.working_side);
    detection.background = canvas.background;
    const std::vector<Region> leaves = panels::cut_regions(canvas);
    std::vector<Region> regions = panels::merge_small_regions(leaves, canvas);

    // Printed panel letters are the strongest cue there is: when a consistent set is
    // found, each letter claims the pieces below and right of it. Touching panels split
    // at the letters inside them stay split only when those letters then form a set
    // that names them (a texture's blobs can read as letters too).
    std::vector<std::string> labels(regions.size());
    if (options.read_labels) {
        // With one leaf, only letters inside it could split it: the figure-wide marks wait.
        std::vector<panels::LabelMark> figure_marks;
        if (leaves.size() > 1) figure_marks = panels::find_label_marks(canvas);
        const auto with_corners = [&](const std::vector<Region>& in) {
            std::vector<panels::LabelMark> marks = figure_marks;
            const auto corner = panels::find_corner_marks(canvas, in, figure_marks);
            marks.insert(marks.end(), corner.begin(), corner.end());
            return marks;
        };
        std::vector<panels::LabelMark> marks = with_corners(regions);
        std::vector<Region> split = panels::split_at_inside_letters(canvas, regions, marks);
        bool kept = false;
        if (split.size() > regions.size()) {
            if (leaves.size() <= 1) figure_marks = panels::find_label_marks(canvas);
            std::vector<std::string> split_labels = read_letters(canvas, leaves, split, with_corners(split));
            kept = std::any_of(split_labels.begin(), split_labels.end(), [](const std::string& l) { return !l.empty(); });
            if (kept) {
                regions = std::move(split);
                labels = std::move(split_labels);
            }
        }
        if (!kept && leaves.size() > 1) labels = read_letters(canvas, leaves, regions, std::move(marks));
    }
    // The caption's count: too many regions and no labels to justify them -> join the
    // pairs that fit together best. Fewer regions than expected are left alone.
    const bool labelled = std::any_of(labels.begin(), labels.end(), [](const std::string& l) { return !l.empty(); });
    if (!labelled && options.expected_panels > 0) {
        while (static_cast<int>(regions.size()) > options.expected_panels && regions.size() > 1)
            merge_closest_pair(regions);
        labels.assign(regions.size(), "");
    }
    if (regions.size() <= 1) return single(detection);

    std::vector<Panel> found;
    const double back = 1.0 / canvas.scale;
    for (size_t i = 0; i < regions.size(); ++i) {
        const cv::Rect& r = regions[i].box;
        cv::Rect box(static_cast<int>(std::floor(r.x * back)), static_cast<int>(std::floor(r.y * back)),
                     static_cast<int>(std::ceil(r.width * back)), static_cast<int>(std::ceil(r.height * back)));
        box &= whole;
        double score = method_score(regions[i].method);
        if (!labels[i].empty()) score = std::min(1.0, score + 0.05);
        found.push_back(Panel{box, labels[i], score, regions[i].method});
    }
    std::vector<size_t> order = reading_order(found);
    if (labelled)
        std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
            return label_before(found[a].label, found[b].label);
        });
    for (const size_t i : order) detection.panels.push_back(found[i]);
    detection.compound = detection.panels.size() > 1;
    return detection;
}

cv::Scalar panel_colour(size_t index) {
    static const cv::Scalar colours[] = {{0, 0, 230}, {0, 160, 0}, {230, 80, 0}, {200, 0, 200}, {0, 170, 230}};
    return colours[index % 5];
}

cv::Mat render_panels(const cv::Mat& bgr, const PanelDetection& detection) {
    cv::Mat out = bgr.clone();
    const int thickness = std::max(2, std::max(out.cols, out.rows) / 300);
    for (size_t i = 0; i < detection.panels.size(); ++i) {
        const Panel& p = detection.panels[i];
        const cv::Scalar colour = panel_colour(i);
        cv::rectangle(out, p.box, colour, thickness);
        const std::string tag = std::to_string(i + 1) + (p.label.empty() ? "" : ":" + p.label) + " " + p.method;
        const double font = std::max(0.4, out.cols / 1400.0);
        int baseline = 0;
        const cv::Size text = cv::getTextSize(tag, cv::FONT_HERSHEY_SIMPLEX, font, 1, &baseline);
        const cv::Point at(p.box.x + thickness, p.box.y + thickness + text.height + 2);
        cv::rectangle(out, cv::Rect(at.x - 1, at.y - text.height - 2, text.width + 2, text.height + baseline + 3),
                      colour, cv::FILLED);
        cv::putText(out, tag, at, cv::FONT_HERSHEY_SIMPLEX, font, cv::Scalar(255, 255, 255), 1, cv::LINE_AA);
    }
    return out;
}

}  // namespace pubforge
