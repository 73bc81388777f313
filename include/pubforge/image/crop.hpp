// The crop stage: panels of every stored figure image become subfigures with their own stored crops.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "pubforge/core/record.hpp"
#include "pubforge/core/store.hpp"
#include "pubforge/image/decode.hpp"
#include "pubforge/image/panels.hpp"

namespace pubforge {

struct CropOptions {
    DecodeOptions decode;
    PanelOptions panels;        // expected_panels is set per figure from its caption
    bool caption_prior = true;  // use expected_panel_count() as the detector's prior
};

// How many panels the figure's caption announces: its subcaptions when the align stage
// has run, else the <list-item>s JATS gave the caption, else the labels the caption
// splitter (text::count_caption_labels) finds in the caption text; 0 when unknown.
int expected_panel_count(const Record& figure);

// For each figure graphic with a stored image: decodes it, detects its panels, stores
// each panel's crop (PNG, or JPEG quality 95 when the source is JPEG; a single-panel
// figure points at the original image) and sets figure.subfigures and figure.compound.
// The original image is never modified. An image that cannot be read or decoded adds a
// warning to its figure; the rest of the article is still cropped.
void crop_record(Record& record, ImageStore& store, const CropOptions& options);

// One line of `pubforge crop --images`: {"key", "width", "height", "compound",
// "panels": [{"box", "label", "score", "method"}]}, the shape ../shared/eval/panels.py reads.
nlohmann::json describe_panels(const std::string& key, const cv::Size& size, const PanelDetection& detection);

// Reads, decodes and detects one image file for `crop --images`; when debug_dir is not
// empty, writes <debug_dir>/<file name>.panels.png with the boxes drawn. Throws Error
// for unreadable or undecodable files.
nlohmann::json crop_image_file(const std::string& path, const CropOptions& options, const std::string& debug_dir);

}  // namespace pubforge
