// Turns the bytes of a PDF text string into Unicode characters and advance widths, for one font.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace PoDoFo {
class PdfObject;
class PdfMemDocument;
}  // namespace PoDoFo

namespace pubforge::pdf {

struct DecodedChar {
    std::string text;     // UTF-8; empty when the code maps to nothing
    double width = 0;     // advance in text space units (1/1000 of the font size for most fonts)
    bool is_space = false;  // single-byte code 32: word spacing applies
};

// A CMap's code -> Unicode (ToUnicode) or code -> CID (encoding CMaps) tables and
// its code space, which says how many bytes each code takes.
struct CMapTables {
    std::map<unsigned, std::string> to_unicode;  // UTF-8
    std::map<unsigned, unsigned> to_cid;
    std::vector<std::pair<std::string, std::string>> codespace;  // [low, high] byte strings
    size_t code_length(const std::string& bytes, size_t at) const;
};

// Parses a CMap program (ToUnicode or an embedded encoding CMap) with PoDoFo's tokenizer.
CMapTables parse_cmap(const std::string& program);

class FontDecoder {
public:
    // `font` is the font dictionary; `document` lends base-14 metrics for fonts without /Widths.
    FontDecoder(const PoDoFo::PdfObject* font, PoDoFo::PdfMemDocument& document);

    std::vector<DecodedChar> decode(const std::string& bytes) const;

    // No ToUnicode map and no encoding that names real glyphs: text is taken as code points.
    bool low_confidence() const { return low_confidence_; }
    bool bold() const { return bold_; }
    const std::string& name() const { return name_; }

private:
    void load_simple(const PoDoFo::PdfObject* font, PoDoFo::PdfMemDocument& document);
    void load_composite(const PoDoFo::PdfObject* font);
    double width_of(unsigned code, unsigned cid) const;

    bool composite_ = false;
    bool two_byte_identity_ = true;
    bool unicode_codes_ = false;  // predefined UCS-2 / UTF-16 CMaps: the code is the Unicode value
    bool low_confidence_ = false;
    bool bold_ = false;
    std::string name_;
    CMapTables to_unicode_;
    CMapTables encoding_cmap_;       // composite fonts with an embedded encoding CMap
    std::string simple_unicode_[256];  // simple fonts: code -> UTF-8 from the encoding
    std::map<unsigned, double> widths_;  // code (simple) or CID (composite) -> width in text space
    double default_width_ = 0.5;
    double width_scale_ = 0.001;  // glyph space -> text space (FontMatrix for Type 3)
};

}  // namespace pubforge::pdf
