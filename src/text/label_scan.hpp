// Internal to the text module: finds every place in a caption that could be a panel label marker.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace pubforge::text::detail {

// The alphabet a label belongs to; one caption uses one class for its panels.
enum class LabelClass { Upper, Lower, RomanUpper, RomanLower, Digit, Position };

// How the marker is written: in brackets ("(A)", "[a]", "A)") or bare at a
// clause start ("A.", "a:", "B -", Nature's "a Text").
enum class MarkerStyle { Paren, Bare };

struct LabelToken {
    std::string text;  // as it will be reported: "A", "b", "B1", "iv", "12", "Upper left"
    int major = 0;     // ordinal: A/a/i/1 -> 1; position words -> 0
    int minor = 0;     // the digit of "B1" (0 when absent)
};

struct LabelCandidate {
    size_t begin = 0;  // the marker's bytes, brackets and delimiter included
    size_t end = 0;
    MarkerStyle style = MarkerStyle::Paren;
    LabelClass label_class = LabelClass::Upper;
    std::vector<LabelToken> labels;  // ranges and lists expanded, ascending
    bool after_boundary = false;     // starts a caption, sentence or clause
    bool before_punctuation = false; // followed by , ; . : or the end: a label after its text
};

// Every candidate marker in `text`, in byte order; one position may yield
// candidates of several classes ("(i)" is a letter and a roman numeral).
// Stops after `max_candidates`.
std::vector<LabelCandidate> scan_label_candidates(std::string_view text, size_t max_candidates);

// Orders labels within one class: (major, minor).
inline long label_key(const LabelToken& token) { return static_cast<long>(token.major) * 1000 + token.minor; }

}  // namespace pubforge::text::detail
