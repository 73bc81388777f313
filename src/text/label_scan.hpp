// Internal to the text module: finds every place in a caption that could be a panel label marker.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace pubforge::text::detail {

// The alphabet a label belongs to; one caption uses one class for its panels.
enum class LabelClass { Upper, Lower, RomanUpper, RomanLower, Digit, Position };
constexpr size_t kLabelClassCount = 6;

// How the marker is written: in brackets ("(A)", "[a]", "A)") or bare at a
// clause start ("A.", "a:", "B -", Nature's "a Text").
enum class MarkerStyle { Paren, Bare };

// One label, stored inline: the longest ("Bottom right", "xxxviii") fits, so
// scanning a caption allocates nothing per label.
struct LabelToken {
    std::array<char, 15> chars{};
    uint8_t length = 0;
    int major = 0;  // ordinal: A/a/i/1 -> 1; position words -> 0
    int minor = 0;  // the digit of "B1" (0 when absent)

    LabelToken() = default;
    LabelToken(std::string_view text, int major_value, int minor_value) : major(major_value), minor(minor_value) {
        length = static_cast<uint8_t>(text.size() < chars.size() ? text.size() : chars.size());
        for (size_t k = 0; k < length; ++k) chars[k] = text[k];
    }
    // As it will be reported: "A", "b", "B1", "iv", "12", "Upper left".
    std::string_view text() const { return {chars.data(), length}; }
};

// A candidate's labels: a slice of the scan's token pool.
struct TokenRange {
    const LabelToken* first = nullptr;
    size_t count = 0;
    const LabelToken* begin() const { return first; }
    const LabelToken* end() const { return first + count; }
    size_t size() const { return count; }
    const LabelToken& front() const { return first[0]; }
    const LabelToken& back() const { return first[count - 1]; }
    const LabelToken& operator[](size_t k) const { return first[k]; }
};

struct LabelCandidate {
    size_t begin = 0;  // the marker's bytes, brackets and delimiter included
    size_t end = 0;
    MarkerStyle style = MarkerStyle::Paren;
    LabelClass label_class = LabelClass::Upper;
    TokenRange labels;               // ranges and lists expanded, ascending
    size_t first_token = 0;          // where `labels` starts in LabelScan::tokens
    bool after_boundary = false;     // starts a caption, sentence or clause
    bool before_punctuation = false; // followed by , ; . : or the end: a label after its text
    bool inside_text = false;        // labels closing a bracketed note: "(anti-CD34, E-H)"
    bool run_in = false;             // a bare letter or "2." inside running text: only counts in a run of them
    bool bare_number = false;        // a run-in number with no period: "1 holotype, dorsal view 2 same, ..." 
};

// The result of one scan. Candidates point into `tokens`, so a scan is moved, never copied;
// reusing one LabelScan across captions keeps its capacity (no allocation once warm).
struct LabelScan {
    std::vector<LabelCandidate> candidates;
    std::vector<LabelToken> tokens;

    LabelScan() = default;
    LabelScan(const LabelScan&) = delete;
    LabelScan& operator=(const LabelScan&) = delete;
    LabelScan(LabelScan&&) = default;
    LabelScan& operator=(LabelScan&&) = default;
};

// Every candidate marker in `text`, in byte order, into `scan` (cleared first); one
// position may yield candidates of several classes ("(i)" is a letter and a roman
// numeral). Stops after `max_candidates`.
void scan_label_candidates(std::string_view text, size_t max_candidates, LabelScan& scan);

// Orders labels within one class: (major, minor).
inline long label_key(const LabelToken& token) { return static_cast<long>(token.major) * 1000 + token.minor; }

}  // namespace pubforge::text::detail
