// Line art versus photograph by how much of the image its most frequent flat colours cover.
#include "pubforge/image/line_art.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

namespace pubforge {
namespace {

// Colours at 5 bits a channel: anti-aliasing and JPEG noise land in the same bin as the
// flat colour they blur, while a photograph's gradients still spread over thousands.
constexpr int kBins = 32 * 32 * 32;
constexpr size_t kTopColours = 16;
constexpr double kLineArtCover = 0.90;
constexpr int kSampleSide = 256;

}  // namespace

bool is_line_art(const cv::Mat& bgr) {
    if (bgr.empty() || bgr.type() != CV_8UC3) return false;
    const int step_y = std::max(1, bgr.rows / kSampleSide);
    const int step_x = std::max(1, bgr.cols / kSampleSide);
    std::vector<std::uint32_t> histogram(kBins, 0);
    std::uint64_t sampled = 0;
    for (int y = 0; y < bgr.rows; y += step_y) {
        const cv::Vec3b* row = bgr.ptr<cv::Vec3b>(y);
        for (int x = 0; x < bgr.cols; x += step_x, ++sampled)
            ++histogram[(row[x][0] >> 3) << 10 | (row[x][1] >> 3) << 5 | (row[x][2] >> 3)];
    }
    std::array<std::uint32_t, kTopColours> top{};
    std::partial_sort_copy(histogram.begin(), histogram.end(), top.begin(), top.end(), std::greater<>());
    std::uint64_t covered = 0;
    for (const std::uint32_t count : top) covered += count;
    return static_cast<double>(covered) >= kLineArtCover * static_cast<double>(sampled);
}

}  // namespace pubforge
