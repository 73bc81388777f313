// Internal to the text module: byte classes and small word tests the label scanner asks of every byte (inline for speed).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace pubforge::text::detail {

// Byte classes, one table lookup per test: the scanner asks several of them of every byte.
enum : uint8_t { kUpper = 1, kLower = 2, kDigit = 4, kSpace = 8, kRoman = 16, kPositionInitial = 32 };

constexpr std::array<uint8_t, 256> make_byte_classes() {
    std::array<uint8_t, 256> table{};
    for (int c = 'A'; c <= 'Z'; ++c) table[static_cast<size_t>(c)] |= kUpper;
    for (int c = 'a'; c <= 'z'; ++c) table[static_cast<size_t>(c)] |= kLower;
    for (int c = '0'; c <= '9'; ++c) table[static_cast<size_t>(c)] |= kDigit;
    for (char c : {' ', '\t', '\n', '\r'}) table[static_cast<unsigned char>(c)] |= kSpace;
    for (char c : {'i', 'v', 'x', 'l', 'I', 'V', 'X', 'L'}) table[static_cast<unsigned char>(c)] |= kRoman;
    // First letters of the position words (left, right, top, bottom, middle, center, inset, upper, lower, far).
    for (char c : {'l', 'r', 't', 'b', 'm', 'c', 'i', 'u', 'f'}) {
        table[static_cast<unsigned char>(c)] |= kPositionInitial;
        table[static_cast<unsigned char>(c - 'a' + 'A')] |= kPositionInitial;
    }
    return table;
}
inline constexpr std::array<uint8_t, 256> kByteClasses = make_byte_classes();

inline bool has_class(char c, uint8_t classes) { return (kByteClasses[static_cast<unsigned char>(c)] & classes) != 0; }
inline bool is_upper(char c) { return has_class(c, kUpper); }
inline bool is_lower(char c) { return has_class(c, kLower); }
inline bool is_digit(char c) { return has_class(c, kDigit); }
inline bool is_alpha(char c) { return has_class(c, kUpper | kLower); }
inline bool is_alnum(char c) { return has_class(c, kUpper | kLower | kDigit); }
inline bool is_space(char c) { return has_class(c, kSpace); }
inline char lower(char c) { return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c; }

// Length of a dash at p: '-' or U+2010..U+2015, U+2212 (UTF-8 E2 80 90..95, E2 88 92); 0 if none.
inline size_t dash_length(std::string_view s, size_t p) {
    if (p >= s.size()) return 0;
    if (s[p] == '-') return 1;
    if (p + 2 < s.size() && static_cast<unsigned char>(s[p]) == 0xE2) {
        const auto b1 = static_cast<unsigned char>(s[p + 1]);
        const auto b2 = static_cast<unsigned char>(s[p + 2]);
        if (b1 == 0x80 && b2 >= 0x90 && b2 <= 0x95) return 3;
        if (b1 == 0x88 && b2 == 0x92) return 3;
    }
    return 0;
}

inline bool starts_with_word(std::string_view s, size_t p, std::string_view word) {
    if (p + word.size() > s.size()) return false;
    for (size_t k = 0; k < word.size(); ++k)
        if (lower(s[p + k]) != word[k]) return false;
    const size_t after = p + word.size();
    return after == s.size() || !is_alpha(s[after]);
}

inline bool equals_lower(std::string_view word, std::string_view expected) {
    if (word.size() != expected.size()) return false;
    for (size_t k = 0; k < word.size(); ++k)
        if (lower(word[k]) != expected[k]) return false;
    return true;
}

}  // namespace pubforge::text::detail
