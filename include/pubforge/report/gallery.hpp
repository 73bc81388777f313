// One gallery entry of the report: a figure drawn with its panel boxes, and its caption coloured by panel.
#pragma once

#include <string>

#include "pubforge/core/record.hpp"
#include "pubforge/core/store.hpp"
#include "pubforge/image/decode.hpp"

namespace pubforge::report {

struct GalleryOptions {
    int max_side = 800;     // the drawn image's longest side, in pixels (never scaled up)
    DecodeOptions decode;   // the largest figure image decoded
};

struct GalleryEntry {
    std::string html;        // a <figure class="entry"> block
    bool image_drawn = false;  // false: the image was missing from the store or undecodable (the entry says so)
};

// Draws figure `figure_id` of `article` (its first graphic with a stored image) with the
// panel boxes and labels of `crop --debug-dir`, writes it as JPEG to <dir>/<image_name>,
// and returns the entry: the image, the caption with each subcaption in its panel's
// colour (dashed when it went to no panel), the shared caption, in-text mentions,
// domain tags, what alignment left unpaired, and the source article (title, ids,
// licence). Throws Error("report.no-figure") when the article has no such figure.
GalleryEntry gallery_entry(const Record& article, const std::string& figure_id, const ImageStore& store,
                           const std::string& dir, const std::string& image_name, const GalleryOptions& options = {});

}  // namespace pubforge::report
