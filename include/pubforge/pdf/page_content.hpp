// What the content-stream interpreter sees on one page: positioned glyphs, placed images, painted vector paths.
#pragma once

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

namespace pubforge::pdf {

// Axis-aligned box in PDF points, origin top-left of the page (y grows downwards).
struct Box {
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;

    double width() const { return x1 - x0; }
    double height() const { return y1 - y0; }
    double area() const { return std::max(0.0, width()) * std::max(0.0, height()); }
    bool empty() const { return x1 <= x0 || y1 <= y0; }
    Box united(const Box& other) const {
        if (empty()) return other;
        if (other.empty()) return *this;
        return {std::min(x0, other.x0), std::min(y0, other.y0), std::max(x1, other.x1), std::max(y1, other.y1)};
    }
    Box intersected(const Box& other) const {
        return {std::max(x0, other.x0), std::max(y0, other.y0), std::min(x1, other.x1), std::min(y1, other.y1)};
    }
    double overlap_area(const Box& other) const { return intersected(other).area(); }
};

// One glyph as drawn: its Unicode text (several code points for ligatures), box and style.
struct Glyph {
    std::string text;
    Box box;
    double font_size = 0;   // effective size on the page, in points
    double baseline = 0;    // y of the glyph origin (on the baseline), top-left origin
    double origin_x = 0;    // x of the glyph origin
    int rotation = 0;       // writing direction on the page: 0, 90, 180, 270 degrees clockwise; -1 skewed
    bool bold = false;
    bool low_confidence = false;  // font had no usable encoding: text is a guess
    int font_id = 0;
};

// An image as placed on the page, with how to fetch its pixels later.
struct ImagePlacement {
    Box box;
    int xobject_number = -1;   // object number of an image XObject, -1 for inline images
    int xobject_generation = 0;
    std::string inline_data;   // inline images: the data between ID and EI
    std::string inline_dict;   // inline images: the dictionary, re-serialised
    int pixel_width = 0;
    int pixel_height = 0;
    bool is_mask = false;      // stencil masks (ImageMask true) paint a colour, not a picture
};

// A painted path (stroke or fill) or shading, reduced to its box.
struct VectorMark {
    Box box;
    bool filled = false;
};

struct PageWarning {
    std::string code;
    std::string message;
};

struct PageContent {
    int number = 0;        // 1-based
    double width = 0;      // crop box, points
    double height = 0;
    std::vector<Glyph> glyphs;
    std::vector<ImagePlacement> images;
    std::vector<VectorMark> vectors;
    std::vector<PageWarning> warnings;
};

// A wall-clock budget for one document; interpreter loops call check().
class Deadline {
public:
    explicit Deadline(double seconds)
        : end_(std::chrono::steady_clock::now() +
               std::chrono::microseconds(static_cast<long long>(std::max(0.0, seconds) * 1e6))) {}
    bool passed() const { return std::chrono::steady_clock::now() > end_; }
    double seconds_left() const {
        return std::max(0.0, std::chrono::duration<double>(end_ - std::chrono::steady_clock::now()).count());
    }
    void check() const;  // throws Error("pdf.timeout")

private:
    std::chrono::steady_clock::time_point end_;
};

}  // namespace pubforge::pdf
