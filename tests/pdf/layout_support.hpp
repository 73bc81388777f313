// Text lines for the caption tests, built without a PDF: the words of `text`, 4.5 points a character.
#pragma once

#include <algorithm>
#include <string>

#include "pubforge/pdf/captions.hpp"

namespace pubforge::pdf::test_lines {

// A line of `size`-point text with its top-left corner at (x, top). No baseline: tests of
// baseline rules set it themselves.
inline Line text_line(const std::string& text, double x, double top, double size) {
    Line line;
    line.text = text;
    line.font_size = size;
    line.box = {x, top, x + 4.5 * static_cast<double>(text.size()), top + size};
    for (size_t start = 0; start < text.size();) {
        const size_t end = std::min(text.find(' ', start), text.size());
        Word word;
        word.text = text.substr(start, end - start);
        word.font_size = size;
        line.words.push_back(word);
        start = end + 1;
    }
    return line;
}

}  // namespace pubforge::pdf::test_lines
