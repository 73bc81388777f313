// Internal to the pdf module: which colours are white and where ink was painted, so white text is read only on ink.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "pubforge/pdf/page_content.hpp"

namespace PoDoFo {
class PdfObject;
}  // namespace PoDoFo

namespace pubforge::pdf {

// Just enough of a colour to tell white paint from ink: the components of its space (1 gray,
// 3 RGB, 4 CMYK, 0 a space whose white is not known: Separation, Indexed, Pattern...).
struct Paint {
    int components = 1;
    bool white = false;
    // The colour's operands; an empty list (a pattern name) is not white.
    void set(const std::vector<double>& values);
};

// The components of a colour space named by `cs`/`CS`: a device or CIE space by name, else the page's
// /ColorSpace resource (ICCBased by its /N); 0 for spaces whose white is not a plain value.
int colour_components(const std::string& name, const PoDoFo::PdfObject* resources);

// Whether text in render mode `render_mode` (Tr) shows in white paint: fill, or stroke for outlined text.
// Invisible text (Tr 3) is not white: it is the text layer of scanned pages, and is kept.
bool paints_white(int render_mode, const Paint& fill, const Paint& stroke);

// The ink painted so far on one page (fills, images, shadings), so that white text is kept where it
// lies on ink (labels on dark panels, banners) and dropped on white paper.
class PaintTracker {
public:
    PaintTracker(double page_width, double page_height) : width_(page_width), height_(page_height) {}

    // A filled path: ink unless filled in white.
    void fill(const Box& box, const Paint& paint) {
        if (!paint.white) add_ink(box);
    }
    // An image: ink, except a stencil mask painted in white.
    void image(const Box& box, bool is_mask, const Paint& fill) {
        if (!is_mask || !fill.white) add_ink(box);
    }
    // Paint that is ink whatever the colour state (a shading).
    void add_ink(const Box& box);
    // Whether a point lies on ink painted earlier.
    bool on_ink(double x, double y) const;

private:
    // A coarse grid over the page, so that a glyph looks only at the paint near it.
    static constexpr int kGrid = 16;
    int cell_index(double v, double extent) const;

    double width_, height_;
    std::vector<Box> ink_;
    std::vector<std::vector<size_t>> cells_ = std::vector<std::vector<size_t>>(kGrid * kGrid);
};

}  // namespace pubforge::pdf
