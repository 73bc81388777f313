// Internal to the text module: reading panel labels at a known place of a caption (the label scanner's lexer).
#pragma once

#include "label_scan.hpp"

#include <array>
#include <cstddef>
#include <string_view>
#include <vector>

namespace pubforge::text::detail {

// Length of the position label at p ("Upper left", "Inset"), 0 if none.
size_t position_word_length(std::string_view s, size_t p);

// Reads one label of `cls` at p; sets `end` past it.
bool parse_token(std::string_view s, size_t p, LabelClass cls, LabelToken& token, size_t& end);

// A separator between two labels of one marker; `range` when it is a dash or "to".
bool parse_separator(std::string_view s, size_t p, size_t& end, bool& range);

// Reads "A", "A,B", "A-C", "B1-B3", "a and b", ... of one class onto the end of
// `pool` (ranges expanded); on failure `pool` is unchanged.
bool parse_label_list(std::string_view s, size_t p, LabelClass cls, std::vector<LabelToken>& pool, size_t& end);

// The classes a label starting with c may belong to; returns how many were written to `out`.
size_t classes_at(char c, std::array<LabelClass, 3>& out);

}  // namespace pubforge::text::detail
