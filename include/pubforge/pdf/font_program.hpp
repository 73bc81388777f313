// The built-in encoding of an embedded font program (Type 1, CFF, TrueType), read with FreeType.
#pragma once

#include <array>
#include <string>

namespace pubforge::pdf {

// Glyph name per code 0..255 from the font program's own encoding (a Type 1 /Encoding
// array, a CFF encoding, a symbolic TrueType (3,0) cmap with its post table names); empty
// names where the program has none, all empty when FreeType cannot read the program.
std::array<std::string, 256> builtin_glyph_names(const std::string& program);

}  // namespace pubforge::pdf
