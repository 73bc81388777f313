// Figure and table regions on a page and their pairing with captions by layout.
#pragma once

#include <vector>

#include "pubforge/pdf/captions.hpp"
#include "pubforge/pdf/page_content.hpp"
#include "pubforge/pdf/text_layout.hpp"

namespace pubforge::pdf {

struct PlacedFigure {
    size_t caption = 0;             // index into the captions given
    Box box;                        // figure (or table) region, page points, top-left origin
    std::vector<size_t> images;     // indices into PageContent::images, reading order
    bool has_raster = false;
    bool found_graphics = false;    // false: the box is only the whitespace the caption points at
};

// Pairs every caption on this page with the graphics it describes: images and vector
// drawings above, below or beside it, nearest first, each graphic used once.
// `captions` holds the whole document's captions; only those on `content.number` are placed.
std::vector<PlacedFigure> place_figures(const PageContent& content, const PageLayout& layout,
                                        const std::vector<Caption>& captions, double body_font_size);

// A figure that no labelled caption claims: a large picture with a short caption-like block
// right under it (smaller than the body font, no wider than the picture, ending a sentence).
struct UnlabelledFigure {
    Caption caption;  // label.kind "figure", empty label and number
    PlacedFigure figure;  // figure.caption is left for the caller to set
};
std::vector<UnlabelledFigure> find_unlabelled_figures(const PageContent& content, const PageLayout& layout,
                                                      const std::vector<PlacedFigure>& placed,
                                                      const std::vector<Caption>& captions, double body_font_size);

// Images worth keeping as figures: not stencil masks, not icons or rules.
bool is_figure_image(const ImagePlacement& image);

}  // namespace pubforge::pdf
