// The canvas the panel steps read: the figure at the working size, its background colour, gray and foreground mask.
#include <algorithm>

#include <opencv2/core/hal/intrin.hpp>
#include <opencv2/imgproc.hpp>

#include "panel_parts.hpp"

namespace pubforge::panels {
namespace {

// A pixel is background when no channel differs from the background colour by more
// than this; generous enough for JPEG ringing around text.
constexpr int kBackgroundTolerance = 40;

cv::Vec3b estimate_background(const cv::Mat& bgr) {
    // The most common colour on the outer frame of the figure, quantised so that
    // JPEG noise falls in one bin; its mean is the background.
    // 16 levels per channel: 4096 bins, indexed directly (a map was a tenth of the canvas).
    std::vector<std::pair<int, cv::Vec3i>> bins(4096, {0, cv::Vec3i(0, 0, 0)});
    auto add = [&](const cv::Vec3b& p) {
        const int key = (p[0] >> 4) << 8 | (p[1] >> 4) << 4 | (p[2] >> 4);
        auto& [count, sum] = bins[key];
        ++count;
        sum += cv::Vec3i(p[0], p[1], p[2]);
    };
    const int depth = std::max(1, std::min({2, bgr.rows / 2, bgr.cols / 2}));
    for (int y = 0; y < bgr.rows; ++y) {
        const bool edge_row = y < depth || y >= bgr.rows - depth;
        const auto* row = bgr.ptr<cv::Vec3b>(y);
        if (edge_row) {
            for (int x = 0; x < bgr.cols; ++x) add(row[x]);
            continue;
        }
        for (int x = 0; x < std::min(depth, bgr.cols); ++x) add(row[x]);
        for (int x = std::max(depth, bgr.cols - depth); x < bgr.cols; ++x) add(row[x]);
    }
    const auto best = std::max_element(bins.begin(), bins.end(), [](const auto& a, const auto& b) {
        return a.first < b.first;
    });
    const auto& [count, sum] = *best;
    if (count == 0) return {255, 255, 255};
    // Panels running to the edges leave no colour in the majority on the frame: there
    // is no page showing, and white (the page colour of nearly every journal) is assumed.
    int total = 0;
    for (const auto& bin : bins) total += bin.first;
    if (count < 0.4 * total) return {255, 255, 255};
    return cv::Vec3b(static_cast<uchar>(sum[0] / count), static_cast<uchar>(sum[1] / count),
                     static_cast<uchar>(sum[2] / count));
}

// Whether some interior row (or column, `rows` false) of `gray` is white from end to end
// (2% of its pixels may not be). Photographs running to a figure's edges make their dark
// surroundings the frame's majority colour; a white line right across the figure is then
// the page showing between them, and the page is the background.
bool white_line_across(const cv::Mat& gray, bool rows) {
    const int lines = rows ? gray.rows : gray.cols;
    const int length = rows ? gray.cols : gray.rows;
    const size_t along = rows ? 1 : gray.step, across = rows ? gray.step : 1;
    const int allowed = length / 50;
    for (int i = 2; i + 2 < lines; ++i) {
        const uchar* line = gray.data + i * across;
        int dark = 0;
        for (int k = 0; k < length && dark <= allowed; ++k) dark += line[k * along] < 230;
        if (dark <= allowed) return true;
    }
    return false;
}

// 1 where some channel differs from the background colour by more than the tolerance,
// else 0: one SIMD pass (inRange, inversion and masking to 0/1 were three full passes).
cv::Mat foreground_mask(const cv::Mat& bgr, const cv::Vec3b& background) {
    cv::Mat mask(bgr.size(), CV_8U);
    const cv::v_uint8x16 back0 = cv::v_setall_u8(background[0]), back1 = cv::v_setall_u8(background[1]),
                         back2 = cv::v_setall_u8(background[2]);
    const cv::v_uint8x16 tolerance = cv::v_setall_u8(kBackgroundTolerance), one = cv::v_setall_u8(1);
    for (int y = 0; y < bgr.rows; ++y) {
        const uchar* in = bgr.ptr<uchar>(y);
        uchar* out = mask.ptr<uchar>(y);
        const auto block = [&](int x) {
            cv::v_uint8x16 c0, c1, c2;
            cv::v_load_deinterleave(in + 3 * x, c0, c1, c2);
            const cv::v_uint8x16 largest =
                cv::v_max(cv::v_max(cv::v_absdiff(c0, back0), cv::v_absdiff(c1, back1)), cv::v_absdiff(c2, back2));
            cv::v_store(out + x, (largest > tolerance) & one);
        };
        int x = 0;
        for (; x + 16 <= bgr.cols; x += 16) block(x);
        // The row's last pixels as the block of 16 that ends at its end (overlapping the one
        // before: the same pixels get the same values).
        if (x < bgr.cols && bgr.cols >= 16) {
            block(bgr.cols - 16);
            x = bgr.cols;
        }
        for (; x < bgr.cols; ++x) {
            const int largest = std::max({std::abs(in[3 * x] - background[0]), std::abs(in[3 * x + 1] - background[1]),
                                          std::abs(in[3 * x + 2] - background[2])});
            out[x] = largest > kBackgroundTolerance ? 1 : 0;
        }
    }
    return mask;
}

}  // namespace

Canvas make_canvas(const cv::Mat& bgr, int working_side) {
    Canvas canvas;
    const int longest = std::max(bgr.cols, bgr.rows);
    cv::Mat working = bgr;
    // Up to a tenth over the working side the figure is analysed as it is: a bilinear pass
    // over every pixel (~20 instructions each, a fifth of detection on such figures) costs
    // more than the extra pixels do, and it blurs 1 px gutters and letter strokes.
    if (working_side > 0 && longest > working_side * 11 / 10) {
        canvas.scale = static_cast<double>(working_side) / longest;
        // Area averaging keeps thin gutters and lines when shrinking a lot; for a mild
        // shrink bilinear is as good and many times cheaper (OpenCV's fractional area path is slow).
        if (canvas.scale < 0.5) {
            cv::resize(bgr, working, cv::Size(), canvas.scale, canvas.scale, cv::INTER_AREA);
        } else {
            // Plane by plane: OpenCV's single-channel bilinear path is vectorised, its
            // three-channel one less so (same pixels; 0.105 G -> 0.091 G on the corpus figures).
            std::vector<cv::Mat> planes;
            cv::split(bgr, planes);
            for (cv::Mat& plane : planes) cv::resize(plane, plane, cv::Size(), canvas.scale, canvas.scale, cv::INTER_LINEAR);
            cv::merge(planes, working);
        }
        if (working.empty()) working = bgr;
    }
    canvas.colour = working;
    canvas.background = estimate_background(working);
    cv::cvtColor(working, canvas.gray, cv::COLOR_BGR2GRAY);
    if (canvas.background[1] < 128 && (white_line_across(canvas.gray, true) || white_line_across(canvas.gray, false)))
        canvas.background = cv::Vec3b(255, 255, 255);
    canvas.foreground = foreground_mask(working, canvas.background);
    cv::integral(canvas.foreground, canvas.foreground_sum, CV_32S);
    return canvas;
}

}  // namespace pubforge::panels
