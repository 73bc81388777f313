// UTF-8 helpers for text taken from documents that may be broken: validity, safe truncation, repair.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace pubforge::text {

// True when `text` is well-formed UTF-8 (no overlongs, surrogates or truncated sequences).
bool is_valid_utf8(std::string_view text);

// The largest offset <= `limit` that does not cut a UTF-8 sequence in two.
size_t utf8_floor(std::string_view text, size_t limit);

// `text` with every ill-formed byte sequence replaced by U+FFFD, so it can be written as JSON.
std::string repair_utf8(std::string_view text);

// repair_utf8 + whitespace runs (including U+00A0) collapsed to one space, trimmed.
std::string clean_text(std::string_view text);

// clean_text of several pieces joined, built in place: appends `text` cleaned to `out`.
// `pending_space` carries a whitespace run across calls (start with false); a run at
// the very end stays pending, so the result is trimmed like clean_text's.
void append_clean_text(std::string& out, std::string_view text, bool& pending_space);

}  // namespace pubforge::text
