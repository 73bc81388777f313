// Text drawn with libfreetype directly (no OpenCV freetype module, no harfbuzz): panel-letter templates and generated labels.
#pragma once

#include <memory>
#include <string>

#include <opencv2/core.hpp>

namespace pubforge::glyphs {

// One font face at one pixel size. Not thread-safe: callers own one per thread or lock.
class FontFace {
public:
    // nullptr when the file is missing or FreeType cannot read it.
    static std::unique_ptr<FontFace> open(const std::string& file);
    ~FontFace();
    FontFace(const FontFace&) = delete;
    FontFace& operator=(const FontFace&) = delete;

    // Blends `text` (one glyph per byte, no shaping: labels are ASCII) into `bgr` (CV_8UC3)
    // in `ink`, with the top of the em box at `top_left` and glyphs `pixel_height` high,
    // anti-aliased: the pixels OpenCV's freetype putText(..., thickness -1, LINE_AA) drew.
    void draw(cv::Mat& bgr, const std::string& text, cv::Point top_left, int pixel_height, const cv::Scalar& ink);

private:
    struct Handles;
    explicit FontFace(std::unique_ptr<Handles> handles);
    std::unique_ptr<Handles> handles_;
};

}  // namespace pubforge::glyphs
