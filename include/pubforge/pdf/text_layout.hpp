// Glyphs to words, lines and blocks with boxes and font size, in reading order for one- and two-column pages.
#pragma once

#include <string>
#include <vector>

#include "pubforge/pdf/page_content.hpp"

namespace pubforge::pdf {

struct Word {
    std::string text;
    Box box;
    double font_size = 0;
    bool bold = false;
};

struct Line {
    std::vector<Word> words;
    Box box;
    double font_size = 0;   // the most common word size
    double baseline = 0;
    bool bold = false;      // most characters bold
    bool low_confidence = false;
    std::string text;       // words joined by single spaces, ligatures expanded
};

struct Block {
    std::vector<Line> lines;
    Box box;
    double font_size = 0;
    int column = 0;  // 0 spans the page (or a one-column page), 1 left, 2 right
    std::string text() const;  // lines joined, end-of-line hyphens removed
};

struct PageLayout {
    int number = 0;
    double width = 0, height = 0;
    std::vector<Block> blocks;  // reading order
    bool two_columns = false;
};

PageLayout build_layout(const PageContent& page);

// Joins two lines of running text with a space; a line-end hyphen that splits a word is removed
// ("ex-" + "ample" -> "example") and a compound's own hyphen kept ("mass-" + "to-charge" -> "mass-to-charge").
void append_line_text(std::string& text, const std::string& line);

// Expands the Latin ligature code points (U+FB00..U+FB06) and drops soft hyphens.
std::string expand_ligatures(const std::string& text);

// The body font size of a document: the size covering most characters.
double dominant_font_size(const std::vector<PageLayout>& pages);

}  // namespace pubforge::pdf
