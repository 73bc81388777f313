// Connected components of a binary mask as runs of pixels (private to the image module).
#pragma once

#include <vector>

#include <opencv2/core.hpp>

namespace pubforge::panels {

// The 8-connected components of a mask, kept as horizontal runs. Panel detection only
// needs the box and area of each piece and the pixels of a few glyph-sized ones: run
// labelling touches a figure's blank paper and solid photographs eight bytes at a time
// and does per-run, not per-pixel, work, where cv::connectedComponentsWithStats spent
// about 60 instructions a pixel updating statistics (a fifth of detection).
struct RunComponents {
    struct Run {
        int y = 0;
        int x0 = 0;  // first pixel
        int x1 = 0;  // one past the last
        int label = 0;
    };
    std::vector<Run> runs;        // raster order
    std::vector<size_t> row_start;  // runs of row y: [row_start[y], row_start[y + 1])
    // Per component, numbered in raster order of their first pixel (as OpenCV numbers
    // them, without its background label 0).
    std::vector<cv::Rect> boxes;
    std::vector<int> areas;
    std::vector<cv::Point> first_pixels;  // the leftmost pixel of each component's top row

    // The component holding pixel (x, y), or -1 on the background.
    int label_at(int x, int y) const;
    // The component's runs, top to bottom, moved by `origin` (the mask's place in a
    // larger image, when a view of it was labelled).
    std::vector<Run> runs_of(int label, cv::Point origin = {}) const;
};

// Labels the non-zero pixels of a CV_8U mask.
RunComponents label_runs(const cv::Mat& binary);

}  // namespace pubforge::panels
