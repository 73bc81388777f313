// ASCII case folding for identifiers, codes and file extensions (never for prose: it leaves UTF-8 bytes alone).
#pragma once

#include <algorithm>
#include <cctype>
#include <string>

namespace pubforge {

inline std::string ascii_lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text;
}

}  // namespace pubforge
