// Internal to the text module: choosing one consistent label family (a chain) among a caption's label candidates.
#pragma once

#include <string_view>
#include <vector>

#include "label_scan.hpp"

namespace pubforge::text::detail {

// The labels one caption uses: a chain of candidates of one family, ascending.
struct Chain {
    std::vector<const LabelCandidate*> markers;
    const std::vector<LabelCandidate>* candidates = nullptr;  // every candidate of the scan, chain or not
    size_t label_count = 0;
    size_t gaps = 0;
    bool starts_at_first = false;
    double score = -1;
};

// How many labels are missing between two labels of one chain ("C" -> "E": 1).
size_t missing_between(const LabelToken& last, const LabelToken& next);

// The best-scoring chain among the candidates (score < 0: none holds; the caption is not split).
Chain choose_chain(const std::vector<LabelCandidate>& candidates, std::string_view text);

}  // namespace pubforge::text::detail
