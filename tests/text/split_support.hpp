// What the caption-splitting tests read back from a split: one subcaption's text by its label.
#pragma once

#include <string>

#include "pubforge/text/caption_split.hpp"

namespace pubforge::text::testing {

// The text of the subcaption labelled `label`, or "<missing>" so a failed expectation shows it.
inline std::string text_of(const CaptionSplit& split, const std::string& label) {
    for (const Subcaption& s : split.subcaptions)
        if (s.label == label) return s.text;
    return "<missing>";
}

}  // namespace pubforge::text::testing
