// Font decoding: ToUnicode CMaps first, then simple encodings with Differences, then CID/Type0 code spaces.
#include "pubforge/pdf/font_decoder.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>

#include "pubforge/pdf/font_program.hpp"
#include "podofo_util.hpp"
#include "pubforge/core/ascii.hpp"

namespace pubforge::pdf {
namespace {

using PoDoFo::PdfObject;

unsigned bytes_value(const std::string& bytes) {
    unsigned value = 0;
    for (size_t i = 0; i < bytes.size() && i < 4; ++i) value = value << 8 | static_cast<unsigned char>(bytes[i]);
    return value;
}

unsigned swap_unit(unsigned big_endian_unit) {  // PoDoFo hands out pdf_utf16be in memory order
    return ((big_endian_unit & 0xFF) << 8) | ((big_endian_unit >> 8) & 0xFF);
}

// Adobe glyph names to Unicode: the glyph list via PoDoFo, plus uniXXXX / uXXXX and
// ligature names joined by underscores (f_f_i).
std::string glyph_name_to_utf8(std::string glyph) {
    std::string out;
    const size_t dot = glyph.find('.');
    if (dot != std::string::npos && dot > 0) glyph = glyph.substr(0, dot);
    if (glyph.empty()) return out;
    if (glyph.find('_') != std::string::npos) {
        size_t start = 0;
        while (start <= glyph.size()) {
            const size_t end = glyph.find('_', start);
            out += glyph_name_to_utf8(glyph.substr(start, end == std::string::npos ? std::string::npos : end - start));
            if (end == std::string::npos) break;
            start = end + 1;
        }
        return out;
    }
    auto all_hex = [](const std::string& s) {
        return !s.empty() && s.find_first_not_of("0123456789ABCDEFabcdef") == std::string::npos;
    };
    if (glyph.size() >= 7 && glyph.compare(0, 3, "uni") == 0 && all_hex(glyph.substr(3))) {
        for (size_t i = 3; i + 4 <= glyph.size(); i += 4)
            podofo::append_utf8(out, static_cast<unsigned>(std::strtoul(glyph.substr(i, 4).c_str(), nullptr, 16)));
        return out;
    }
    if (glyph.size() >= 5 && glyph.size() <= 7 && glyph[0] == 'u' && all_hex(glyph.substr(1))) {
        podofo::append_utf8(out, static_cast<unsigned>(std::strtoul(glyph.c_str() + 1, nullptr, 16)));
        return out;
    }
    unsigned cp = swap_unit(PoDoFo::PdfDifferenceEncoding::NameToUnicodeID(PoDoFo::PdfName(glyph)));
    // PoDoFo's (old) glyph list gives the letter-like symbols Ohm, Kelvin and Angstrom sign, which
    // Unicode normalisation (NFC) replaces by the letters: "Omega" is written as the Greek letter.
    if (cp == 0x2126) cp = 0x03A9;
    else if (cp == 0x212A) cp = 0x004B;
    else if (cp == 0x212B) cp = 0x00C5;
    if (cp) podofo::append_utf8(out, cp);
    return out;
}

const PoDoFo::PdfEncoding* base_encoding(const std::string& name) {
    using F = PoDoFo::PdfEncodingFactory;
    if (name == "WinAnsiEncoding") return F::GlobalWinAnsiEncodingInstance();
    if (name == "MacRomanEncoding") return F::GlobalMacRomanEncodingInstance();
    if (name == "MacExpertEncoding") return F::GlobalMacExpertEncodingInstance();
    if (name == "StandardEncoding") return F::GlobalStandardEncodingInstance();
    return nullptr;
}

// "ABCDEF+Times-Bold" -> "Times-Bold".
std::string strip_subset(const std::string& name) {
    const size_t plus = name.find('+');
    return plus == 6 ? name.substr(7) : name;
}

// Maps common aliases of the standard 14 fonts to the names PoDoFo knows.
std::string base14_name(std::string name) {
    name = strip_subset(name);
    for (char& c : name)
        if (c == ',') c = '-';
    static const std::pair<const char*, const char*> aliases[] = {
        {"Arial-BoldItalic", "Helvetica-BoldOblique"}, {"Arial-Bold", "Helvetica-Bold"},
        {"Arial-Italic", "Helvetica-Oblique"},         {"Arial", "Helvetica"},
        {"TimesNewRoman-BoldItalic", "Times-BoldItalic"}, {"TimesNewRoman-Bold", "Times-Bold"},
        {"TimesNewRoman-Italic", "Times-Italic"},      {"TimesNewRoman", "Times-Roman"},
        {"CourierNew", "Courier"}};
    for (const auto& [alias, real] : aliases)
        if (name == alias) return real;
    static const char* standard[] = {"Helvetica", "Helvetica-Bold", "Helvetica-Oblique", "Helvetica-BoldOblique",
                                     "Times-Roman", "Times-Bold", "Times-Italic", "Times-BoldItalic",
                                     "Courier", "Courier-Bold", "Courier-Oblique", "Courier-BoldOblique",
                                     "Symbol", "ZapfDingbats"};
    for (const char* s : standard)
        if (name == s) return name;
    return {};
}

// The embedded font program: Type 1 (/FontFile), TrueType (/FontFile2) or CFF/OpenType (/FontFile3).
std::string font_program(const PdfObject* descriptor) {
    for (const char* key : {"FontFile", "FontFile3", "FontFile2"}) {
        const PdfObject* file = podofo::get(descriptor, key);
        if (!file || !file->HasStream()) continue;
        try {
            return podofo::decoded_stream(file);
        } catch (const PoDoFo::PdfError&) {
            return {};  // an undecodable program: the font is read without its encoding
        }
    }
    return {};
}

bool looks_bold(const std::string& font_name, const PdfObject* descriptor) {
    const std::string lower = ascii_lower(font_name);
    if (lower.find("bold") != std::string::npos || lower.find("black") != std::string::npos ||
        lower.find("heavy") != std::string::npos || lower.find("semibold") != std::string::npos ||
        lower.find("-bd") != std::string::npos || lower.find("demi") != std::string::npos)
        return true;
    if (podofo::number(podofo::get(descriptor, "FontWeight")) >= 600) return true;
    const auto flags = static_cast<long>(podofo::number(podofo::get(descriptor, "Flags")));
    return (flags & (1L << 18)) != 0;
}

}  // namespace

size_t CMapTables::code_length(const std::string& bytes, size_t at) const {
    for (size_t length = 1; length <= 4; ++length) {
        if (at + length > bytes.size()) break;
        for (const auto& [low, high] : codespace) {
            if (low.size() != length) continue;
            bool inside = true;
            for (size_t i = 0; i < length && inside; ++i) {
                const unsigned char b = static_cast<unsigned char>(bytes[at + i]);
                inside = b >= static_cast<unsigned char>(low[i]) && b <= static_cast<unsigned char>(high[i]);
            }
            if (inside) return length;
        }
    }
    return 0;
}

CMapTables parse_cmap(const std::string& program) {
    CMapTables tables;
    if (program.empty()) return tables;
    PoDoFo::PdfContentsTokenizer tokenizer(program.data(), static_cast<long>(program.size()));
    std::vector<PoDoFo::PdfVariant> operands;
    PoDoFo::EPdfContentsType type;
    const char* keyword = nullptr;
    PoDoFo::PdfVariant variant;
    auto bytes_of = [](const PoDoFo::PdfVariant& v) { return v.IsString() || v.IsHexString() ? podofo::string_bytes(v.GetString()) : std::string(); };
    while (tokenizer.ReadNext(type, keyword, variant)) {
        if (type == PoDoFo::ePdfContentsType_Variant) {
            if (operands.size() < 100000) operands.push_back(variant);
            continue;
        }
        if (type != PoDoFo::ePdfContentsType_Keyword) continue;
        const std::string op = keyword ? keyword : "";
        if (op == "endcodespacerange") {
            for (size_t i = 0; i + 1 < operands.size(); i += 2)
                tables.codespace.emplace_back(bytes_of(operands[i]), bytes_of(operands[i + 1]));
        } else if (op == "endbfchar") {
            for (size_t i = 0; i + 1 < operands.size(); i += 2) {
                const std::string dst = bytes_of(operands[i + 1]);
                tables.to_unicode[bytes_value(bytes_of(operands[i]))] =
                    operands[i + 1].IsName() ? glyph_name_to_utf8(operands[i + 1].GetName().GetName())
                                             : podofo::utf16be_to_utf8(dst);
            }
        } else if (op == "endbfrange") {
            for (size_t i = 0; i + 2 < operands.size(); i += 3) {
                const unsigned low = bytes_value(bytes_of(operands[i]));
                const unsigned high = bytes_value(bytes_of(operands[i + 1]));
                if (high < low || high - low > 65535) continue;
                if (operands[i + 2].IsArray()) {
                    const PoDoFo::PdfArray& targets = operands[i + 2].GetArray();
                    for (unsigned code = low; code <= high && code - low < targets.size(); ++code) {
                        const PoDoFo::PdfObject& target = targets[code - low];
                        if (target.IsString() || target.IsHexString())
                            tables.to_unicode[code] = podofo::utf16be_to_utf8(podofo::string_bytes(target.GetString()));
                    }
                    continue;
                }
                std::string dst = bytes_of(operands[i + 2]);
                if (dst.size() < 2) continue;
                for (unsigned code = low; code <= high; ++code) {
                    tables.to_unicode[code] = podofo::utf16be_to_utf8(dst);
                    // The last UTF-16 unit counts up through the range.
                    unsigned last = static_cast<unsigned char>(dst[dst.size() - 2]) << 8 |
                                    static_cast<unsigned char>(dst[dst.size() - 1]);
                    ++last;
                    dst[dst.size() - 2] = static_cast<char>((last >> 8) & 0xFF);
                    dst[dst.size() - 1] = static_cast<char>(last & 0xFF);
                }
            }
        } else if (op == "endcidchar") {
            for (size_t i = 0; i + 1 < operands.size(); i += 2)
                if (operands[i + 1].IsNumber())
                    tables.to_cid[bytes_value(bytes_of(operands[i]))] = static_cast<unsigned>(operands[i + 1].GetNumber());
        } else if (op == "endcidrange") {
            for (size_t i = 0; i + 2 < operands.size(); i += 3) {
                const unsigned low = bytes_value(bytes_of(operands[i]));
                const unsigned high = bytes_value(bytes_of(operands[i + 1]));
                if (high < low || high - low > 65535 || !operands[i + 2].IsNumber()) continue;
                const auto first = static_cast<unsigned>(operands[i + 2].GetNumber());
                for (unsigned code = low; code <= high; ++code) tables.to_cid[code] = first + (code - low);
            }
        }
        operands.clear();
    }
    return tables;
}

FontDecoder::FontDecoder(const PdfObject* font, PoDoFo::PdfMemDocument& document) {
    font = podofo::resolve(font);
    name_ = strip_subset(podofo::name(podofo::get(font, "BaseFont")));
    const std::string subtype = podofo::name(podofo::get(font, "Subtype"));
    if (const PdfObject* to_unicode = podofo::get(font, "ToUnicode"); to_unicode && to_unicode->HasStream()) {
        try {
            to_unicode_ = parse_cmap(podofo::decoded_stream(to_unicode));
        } catch (const PoDoFo::PdfError&) {
            to_unicode_ = {};  // a broken map: fall back to the encoding
        }
    }
    if (subtype == "Type0") {
        composite_ = true;
        load_composite(font);
    } else {
        load_simple(font, document);
    }
}

void FontDecoder::load_simple(const PdfObject* font, PoDoFo::PdfMemDocument& document) {
    const std::string subtype = podofo::name(podofo::get(font, "Subtype"));
    const PdfObject* descriptor = podofo::get(font, "FontDescriptor");
    bold_ = looks_bold(name_, descriptor);
    if (subtype == "Type3") {
        const std::vector<double> matrix = podofo::numbers(podofo::get(font, "FontMatrix"));
        if (matrix.size() == 6 && matrix[0] != 0) width_scale_ = matrix[0];
    }

    const auto flags = static_cast<long>(podofo::number(podofo::get(descriptor, "Flags")));
    const bool symbolic = (flags & 4) != 0 && (flags & 32) == 0;
    const PdfObject* encoding = podofo::get(font, "Encoding");
    std::string base_name = podofo::name(encoding);
    if (encoding && encoding->IsDictionary()) base_name = podofo::name(podofo::get(encoding, "BaseEncoding"));
    const PoDoFo::PdfEncoding* base = base_encoding(base_name);
    const std::string standard = base14_name(name_);
    // Without a named base encoding, an embedded program's own encoding is the base (PDF 32000 9.6.6).
    std::array<std::string, 256> builtin;
    if (!base && subtype != "Type3") builtin = builtin_glyph_names(font_program(descriptor));
    const bool has_builtin = std::any_of(builtin.begin(), builtin.end(), [](const std::string& n) { return !n.empty(); });
    bool guessed = false;
    if (!base) {
        if (standard == "Symbol") base = PoDoFo::PdfEncodingFactory::GlobalSymbolEncodingInstance();
        else if (standard == "ZapfDingbats") base = PoDoFo::PdfEncodingFactory::GlobalZapfDingbatsEncodingInstance();
        else if (subtype == "TrueType") base = PoDoFo::PdfEncodingFactory::GlobalWinAnsiEncodingInstance();
        else base = PoDoFo::PdfEncodingFactory::GlobalStandardEncodingInstance();
        // A symbolic font whose program names no glyphs: its codes are all there is.
        guessed = symbolic && standard.empty() && subtype != "Type3";
    }
    for (unsigned code = 0; code < 256; ++code) {
        const unsigned cp = swap_unit(base->GetCharCode(static_cast<int>(code)));
        if (cp) podofo::append_utf8(simple_unicode_[code], cp);
        else if (guessed && code >= 32) podofo::append_utf8(simple_unicode_[code], code);
    }
    size_t unnamed = 0, named = 0;
    for (unsigned code = 0; code < 256 && has_builtin; ++code) {
        if (builtin[code].empty()) continue;
        const std::string text = glyph_name_to_utf8(builtin[code]);
        (text.empty() ? unnamed : named) += 1;
        if (!text.empty()) simple_unicode_[code] = text;
    }
    if (encoding && encoding->IsDictionary()) {
        long code = 0;
        for (const PdfObject* item : podofo::array_items(podofo::get(encoding, "Differences"))) {
            if (podofo::is_number(item)) {
                code = static_cast<long>(item->GetReal());
            } else if (item->IsName()) {
                if (code >= 0 && code < 256) {
                    const std::string text = glyph_name_to_utf8(item->GetName().GetName());
                    (text.empty() ? unnamed : named) += 1;
                    if (!text.empty() || subtype == "Type3") simple_unicode_[code] = text;
                }
                ++code;
            }
        }
    }
    low_confidence_ = to_unicode_.to_unicode.empty() && ((guessed && !has_builtin) || unnamed > named);

    const long first = static_cast<long>(podofo::number(podofo::get(font, "FirstChar")));
    const auto widths = podofo::numbers(podofo::get(font, "Widths"));
    for (size_t i = 0; i < widths.size(); ++i) widths_[static_cast<unsigned>(first + static_cast<long>(i))] = widths[i];
    default_width_ = podofo::number(podofo::get(descriptor, "MissingWidth"), widths.empty() ? 500 : 0);
    if (widths.empty() && !standard.empty()) {
        // The standard 14 fonts may omit /Widths: borrow PoDoFo's built-in metrics.
        try {
            PoDoFo::PdfFont* metrics_font = document.CreateFont(
                standard.c_str(), false, false, false, PoDoFo::PdfEncodingFactory::GlobalWinAnsiEncodingInstance(),
                PoDoFo::PdfFontCache::eFontCreationFlags_AutoSelectBase14, false);
            if (metrics_font) {
                metrics_font->SetFontSize(1000);
                for (unsigned code = 32; code < 256; ++code) {
                    const std::string& text = simple_unicode_[code];
                    if (text.empty()) continue;
                    unsigned cp = static_cast<unsigned char>(text[0]);
                    if (cp >= 0x80) continue;  // widths of non-ASCII glyphs: keep the default
                    widths_[code] = metrics_font->GetFontMetrics()->UnicodeCharWidth(static_cast<unsigned short>(cp));
                }
            }
        } catch (const PoDoFo::PdfError&) {
        }
        default_width_ = standard.rfind("Courier", 0) == 0 ? 600 : 500;
    }
}

void FontDecoder::load_composite(const PdfObject* font) {
    const auto descendants = podofo::array_items(podofo::get(font, "DescendantFonts"));
    const PdfObject* cid_font = descendants.empty() ? nullptr : descendants[0];
    const PdfObject* descriptor = podofo::get(cid_font, "FontDescriptor");
    bold_ = looks_bold(name_, descriptor);
    const PdfObject* encoding = podofo::get(font, "Encoding");
    const std::string encoding_name = podofo::name(encoding);
    if (encoding && encoding->HasStream()) {
        try {
            encoding_cmap_ = parse_cmap(podofo::decoded_stream(encoding));
        } catch (const PoDoFo::PdfError&) {
        }
        two_byte_identity_ = encoding_cmap_.codespace.empty();
    } else {
        unicode_codes_ = encoding_name.find("UCS2") != std::string::npos || encoding_name.find("UTF16") != std::string::npos;
    }
    low_confidence_ = to_unicode_.to_unicode.empty() && !unicode_codes_;

    default_width_ = podofo::number(podofo::get(cid_font, "DW"), 1000);
    const auto w = podofo::array_items(podofo::get(cid_font, "W"));
    for (size_t i = 0; i < w.size();) {
        if (!podofo::is_number(w[i])) break;
        const auto first = static_cast<unsigned>(w[i]->GetReal());
        if (i + 1 < w.size() && w[i + 1]->IsArray()) {
            const auto list = podofo::numbers(w[i + 1]);
            for (size_t k = 0; k < list.size(); ++k) widths_[first + static_cast<unsigned>(k)] = list[k];
            i += 2;
        } else if (i + 2 < w.size() && podofo::is_number(w[i + 1]) && podofo::is_number(w[i + 2])) {
            const auto last = static_cast<unsigned>(w[i + 1]->GetReal());
            const double width = w[i + 2]->GetReal();
            for (unsigned cid = first; cid <= last && cid - first < 65536; ++cid) widths_[cid] = width;
            i += 3;
        } else {
            break;
        }
    }
}

double FontDecoder::width_of(unsigned code, unsigned cid) const {
    const auto found = widths_.find(composite_ ? cid : code);
    return (found != widths_.end() ? found->second : default_width_) * width_scale_;
}

std::vector<DecodedChar> FontDecoder::decode(const std::string& bytes) const {
    std::vector<DecodedChar> out;
    out.reserve(bytes.size());
    for (size_t at = 0; at < bytes.size();) {
        size_t length = 1;
        if (composite_) {
            length = two_byte_identity_ ? 2 : encoding_cmap_.code_length(bytes, at);
            if (length == 0) length = 1;
        } else if (!to_unicode_.codespace.empty() && to_unicode_.code_length(bytes, at) > 1) {
            length = 1;  // simple fonts are one byte per code whatever the ToUnicode code space says
        }
        length = std::min(length, bytes.size() - at);
        unsigned code = 0;
        for (size_t i = 0; i < length; ++i) code = code << 8 | static_cast<unsigned char>(bytes[at + i]);
        at += length;

        unsigned cid = code;
        if (composite_ && !two_byte_identity_) {
            const auto found = encoding_cmap_.to_cid.find(code);
            if (found != encoding_cmap_.to_cid.end()) cid = found->second;
        }
        DecodedChar ch;
        const auto mapped = to_unicode_.to_unicode.find(code);
        if (mapped != to_unicode_.to_unicode.end()) ch.text = mapped->second;
        else if (!composite_) ch.text = simple_unicode_[code & 0xFF];
        else if ((unicode_codes_ || low_confidence_) && code >= 32)
            podofo::append_utf8(ch.text, code);  // UCS-2 CMaps name Unicode; otherwise kept as it is, flagged
        ch.width = width_of(code, cid);
        ch.is_space = length == 1 && code == 32;
        out.push_back(std::move(ch));
    }
    return out;
}

}  // namespace pubforge::pdf
