// Caption detection in laid-out PDF text: label patterns, the cascade that rejects in-text mentions, caption extent.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "pubforge/pdf/text_layout.hpp"

namespace pubforge::pdf {

struct CaptionLabel {
    std::string kind;    // "figure" or "table"
    std::string label;   // as printed, without the trailing delimiter: "Figure 3", "Fig. S1", "Tabela 2"
    std::string number;  // "3", "S1", "3.1", "IV"; empty for an unnumbered "Figure."
    size_t text_start = 0;   // byte offset in the line where the caption text begins
    char delimiter = 0;      // ':' '.' '|' '-' (any dash), 0 when none
};

// Recognises a caption label at the start of a line: Figure/Fig./FIGURE/Figura,
// Table/TABLE/Tabela/Tabla, with Supplementary/Extended Data prefixes, numbers 3, 3.1,
// S1, A2, IV. Plural forms ("Figures 2 and 3") never match.
std::optional<CaptionLabel> match_caption_label(const std::string& line);

struct Caption {
    CaptionLabel label;
    std::string text;      // caption as read, label and delimiter excluded
    int page = 0;          // 1-based
    size_t block = 0;      // block index on its page
    size_t first_line = 0; // first caption line within the block
    std::vector<size_t> more_blocks;  // further blocks of the caption on its page (its right-column half)
    Box box;
    double font_size = 0;
    double score = 0;      // how caption-like the start looked (higher is surer)
};

// Finds captions in every page, one per (kind, number) for numbered labels.
std::vector<Caption> find_captions(const std::vector<PageLayout>& pages, double body_font_size);

// The blocks of page `page` that hold caption text (each caption's own block and its more_blocks).
std::set<size_t> caption_blocks_on(const std::vector<Caption>& captions, int page);

}  // namespace pubforge::pdf
