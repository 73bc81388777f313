// Built-in encodings of embedded fonts: FreeType opens the program and names the glyph behind each code.
#include "pubforge/pdf/font_program.hpp"

#include <ft2build.h>
#include FT_FREETYPE_H

namespace pubforge::pdf {
namespace {

// One FreeType library per call: FreeType libraries are not shared across threads, and fonts are
// read once per document (FontCache), so the set-up cost is small.
struct Library {
    FT_Library handle = nullptr;
    Library() {
        if (FT_Init_FreeType(&handle)) handle = nullptr;
    }
    ~Library() {
        if (handle) FT_Done_FreeType(handle);
    }
};

struct Face {
    FT_Face handle = nullptr;
    Face(FT_Library library, const std::string& program) {
        if (FT_New_Memory_Face(library, reinterpret_cast<const FT_Byte*>(program.data()),
                               static_cast<FT_Long>(program.size()), 0, &handle))
            handle = nullptr;
    }
    ~Face() {
        if (handle) FT_Done_Face(handle);
    }
};

// The charmap that is the program's own code -> glyph table: Adobe's for Type 1 and CFF,
// Microsoft's symbol cmap for TrueType. A synthesised Unicode charmap is not an encoding.
bool select_builtin_charmap(FT_Face face, bool& symbol_cmap) {
    for (FT_Encoding encoding : {FT_ENCODING_ADOBE_CUSTOM, FT_ENCODING_ADOBE_STANDARD, FT_ENCODING_ADOBE_EXPERT})
        if (FT_Select_Charmap(face, encoding) == 0) return true;
    symbol_cmap = FT_Select_Charmap(face, FT_ENCODING_MS_SYMBOL) == 0;
    return symbol_cmap;
}

}  // namespace

std::array<std::string, 256> builtin_glyph_names(const std::string& program) {
    std::array<std::string, 256> names;
    if (program.empty()) return names;
    Library library;
    if (!library.handle) return names;
    Face face(library.handle, program);
    if (!face.handle || !FT_HAS_GLYPH_NAMES(face.handle)) return names;
    bool symbol_cmap = false;
    if (!select_builtin_charmap(face.handle, symbol_cmap)) return names;
    for (unsigned code = 0; code < 256; ++code) {
        FT_UInt glyph = FT_Get_Char_Index(face.handle, code);
        // Symbolic TrueType fonts map their codes into the private-use page F0xx.
        if (glyph == 0 && symbol_cmap) glyph = FT_Get_Char_Index(face.handle, 0xF000 + code);
        if (glyph == 0) continue;
        char buffer[64] = {};
        if (FT_Get_Glyph_Name(face.handle, glyph, buffer, sizeof buffer) == 0 && buffer[0] && std::string(buffer) != ".notdef")
            names[code] = buffer;
    }
    return names;
}

}  // namespace pubforge::pdf
