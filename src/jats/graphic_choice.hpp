// Which of a package's files an href shows: the image a reader sees, with the others kept as alternates.
#pragma once

#include <optional>
#include <vector>

#include "pubforge/core/document.hpp"
#include "pubforge/core/store.hpp"

namespace pubforge::jats::detail {

struct GraphicCandidate {
    Resource resource;
    StoredImage image;  // sha256, sniffed format and header size; not stored
};

struct GraphicChoice {
    std::optional<Resource> chosen;            // nothing when no candidate is an image
    std::vector<GraphicCandidate> alternates;  // the other image files of the same href, best first
};

// The rule (docs/jats.md): among the candidates that are images and decode, the one
// with the most pixels; ties go to JPEG/PNG/WebP, then TIFF, then GIF, then the other
// formats, then to the better name match. A thumbnail .gif beside the full .jpg, or a
// .tif original beside a web .jpg, thus resolve to what a reader of the article sees.
// A lone image candidate is taken as it is (no decode: parse never pays for one then).
// Where no candidate is an image, the best name match is returned for the caller to warn.
GraphicChoice choose_graphic(std::vector<Resource> candidates);

}  // namespace pubforge::jats::detail
