// The text parts of a PDF article record: title, DOI, abstract, body sections, figure mentions.
#pragma once

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "pubforge/core/record.hpp"
#include "pubforge/pdf/text_layout.hpp"

namespace pubforge::pdf {

// Blocks that belong to captions or figure/table regions, as (page, block index); they stay out of the body.
using BlockSet = std::set<std::pair<int, size_t>>;

// Largest text near the top of page 1, else `info_title` when it looks like a real title.
std::string find_title(const std::vector<PageLayout>& pages, const std::string& info_title);

// First DOI in the given texts (first pages, XMP, info), without trailing punctuation.
std::string find_doi(const std::vector<std::string>& texts);

// Fills "abstract", "sections" (with paragraph ids "p<section>.<n>" and pages) and body word counts.
void add_body(Record& record, const std::vector<PageLayout>& pages, const BlockSet& skip, double body_font_size,
              const std::string& title);

// Adds figure.mentions from body paragraphs that cite "Figure 2B", "Figs. 3 and 4" (text::find_figure_references).
void add_mentions(Record& record);

}  // namespace pubforge::pdf
