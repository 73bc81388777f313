// Compound-figure separation: find the panels of a figure image, their labels and reading order.
#pragma once

#include <string>
#include <vector>

#include <opencv2/core.hpp>

namespace pubforge {

struct PanelOptions {
    // Panels the caption announces (0 = unknown). Used as a prior: a split that
    // disagrees with it is reconsidered, but panels are never invented to reach it.
    int expected_panels = 0;
    // Detection runs on a copy scaled down to this longest side; boxes are reported
    // in the original image's pixels.
    int working_side = 1000;
    // Whether to look for and read panel letters (a, B, (c), A1).
    bool read_labels = true;
};

struct Panel {
    cv::Rect box;        // original image pixels, x1/y1 exclusive
    std::string label;   // printed panel letter as read ("a", "B", "A1"), "" when none
    double score = 0.0;  // 0..1: how sure the detector is that this is one whole panel
    std::string method;  // gutter, separator-line, edge, label, whole
};

struct PanelDetection {
    std::vector<Panel> panels;  // ordered by label where labels were read, else reading order
    bool compound = false;      // more than one panel
    cv::Vec3b background{255, 255, 255};  // estimated background colour (BGR)
};

PanelDetection detect_panels(const cv::Mat& bgr, const PanelOptions& options = {});

// The figure with each panel's box, number and label drawn on it (for --debug-dir, the
// report's gallery and docs), panel i in panel_colour(i).
cv::Mat render_panels(const cv::Mat& bgr, const PanelDetection& detection);

// The BGR colour render_panels draws panel `index` in (the report colours subcaptions alike).
cv::Scalar panel_colour(size_t index);

}  // namespace pubforge
