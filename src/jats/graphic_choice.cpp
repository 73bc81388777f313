// The image a reader sees among the files an href matches (thumbnail, web JPEG, TIFF original).
#include "graphic_choice.hpp"

#include <algorithm>

#include "pubforge/core/error.hpp"
#include "pubforge/image/decode.hpp"

namespace pubforge::jats::detail {
namespace {

// Lower is preferred: what image consumers read as it is, then the lossless
// originals, then GIF (a palette: the thumbnail format of publishers' packages).
int format_tier(Format format) {
    switch (format) {
        case Format::Jpeg:
        case Format::Png:
        case Format::Webp:
            return 0;
        case Format::Tiff:
            return 1;
        case Format::Gif:
            return 2;
        default:
            return 3;
    }
}

bool decodes(const std::string& bytes) {
    try {
        decode_image(bytes);
        return true;
    } catch (const Error&) {
        return false;
    }
}

}  // namespace

GraphicChoice choose_graphic(std::vector<Resource> candidates) {
    GraphicChoice choice;
    std::vector<GraphicCandidate> images;
    for (auto& resource : candidates) {
        StoredImage image = describe_image(resource.bytes);
        if (is_image_format(image.format)) images.push_back({std::move(resource), std::move(image)});
    }
    if (images.empty()) {
        // Not an image at all: the best name match, for the caller's specific warning.
        if (!candidates.empty()) choice.chosen = std::move(candidates.front());
        return choice;
    }
    // candidates arrive best name match first; stable_sort keeps that as the last tie-break.
    std::stable_sort(images.begin(), images.end(), [](const GraphicCandidate& a, const GraphicCandidate& b) {
        const auto pixels = [](const StoredImage& i) { return std::int64_t{i.width} * std::int64_t{i.height}; };
        if (pixels(a.image) != pixels(b.image)) return pixels(a.image) > pixels(b.image);
        return format_tier(a.image.format) < format_tier(b.image.format);
    });
    size_t chosen = 0;
    if (images.size() > 1) {
        // The largest header may belong to a file cut short: the first that decodes wins.
        const auto it = std::find_if(images.begin(), images.end(),
                                     [](const GraphicCandidate& c) { return decodes(c.resource.bytes); });
        if (it != images.end()) chosen = static_cast<size_t>(it - images.begin());
    }
    for (size_t i = 0; i < images.size(); ++i)
        if (i != chosen) choice.alternates.push_back(std::move(images[i]));
    choice.chosen = std::move(images[chosen].resource);
    return choice;
}

}  // namespace pubforge::jats::detail
