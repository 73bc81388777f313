// Caption splitting: the shared part of a figure caption and one subcaption per panel label, with byte spans.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace pubforge::text {

// One panel's part of a caption. `label` is normalised: "A", "b", "B1", "ii", "3",
// or a position word as written ("Left", "Upper left", "Inset"). Ranges such as
// "(A-C)" or "a, b" give one Subcaption per label, all with the same text and span.
struct Subcaption {
    std::string label;
    std::string text;  // the panel-specific text, label markers removed, whitespace-normalised
    // [begin, end) byte offsets of that text in the caption given to split_caption; when the label's
    // sentence opens before it ("Thoracic vertebrae in (C) posterior"), `text` starts with those
    // opening words too and the span covers the label's own words only.
    size_t begin = 0;
    size_t end = 0;
};

struct CaptionSplit {
    std::string shared;                    // title and sentences that apply to every panel
    std::vector<Subcaption> subcaptions;   // in label order as printed; empty when no panel labels
    std::vector<std::string> warnings;     // "caption.truncated", "caption.label-gap: ...", ...
};

struct SplitOptions {
    // Captions longer than this are split on their first max_bytes only (with a warning).
    size_t max_bytes = 64 * 1024;
    // More labels than this in one caption: the rest are ignored (with a warning).
    size_t max_labels = 512;
};

// Splits a caption (plain text, label "Figure 3" excluded) into shared text and
// per-panel subcaptions. Never throws on bad input: broken UTF-8, empty or
// enormous captions give a best-effort (possibly empty) split and a warning.
CaptionSplit split_caption(std::string_view caption, const SplitOptions& options = {});

// Number of distinct panel labels split_caption would find (0 or more); cheap
// enough for the crop stage to call as a hint for the expected panel count.
size_t count_caption_labels(std::string_view caption);

}  // namespace pubforge::text
