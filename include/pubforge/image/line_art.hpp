// Line art or photograph: which lossless or lossy encoding suits a decoded figure.
#pragma once

#include <opencv2/core.hpp>

namespace pubforge {

// True when a few flat colours cover nearly the whole image (plots, diagrams, charts,
// text, a transparent figure laid over white): PNG keeps such edges and costs little.
// False for photographs, micrographs and scans, whose colours spread: JPEG suits them.
// Reads a sample of at most ~64k pixels, so the cost does not grow with the image.
bool is_line_art(const cv::Mat& bgr);

}  // namespace pubforge
