// ASCII case folding (and upper-casing, for PMCIDs) for identifiers, codes and file extensions (never for prose: it leaves UTF-8 bytes alone).
#pragma once

#include <string>

namespace pubforge {

// A-Z only, whatever the locale (std::tolower follows setlocale; a library must not).
inline std::string ascii_lower(std::string text) {
    for (char& c : text)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return text;
}

inline std::string ascii_upper(std::string text) {
    for (char& c : text)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return text;
}

}  // namespace pubforge
