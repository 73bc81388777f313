// Text conversions shared by the PDF reader: UTF-16BE and PDF text strings to UTF-8.
#include "podofo_util.hpp"

namespace pubforge::pdf::podofo {

void append_utf8(std::string& out, unsigned cp) {
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

std::string utf16be_to_utf8(const std::string& bytes) {
    std::string out;
    for (size_t i = 0; i + 1 < bytes.size(); i += 2) {
        unsigned unit = static_cast<unsigned char>(bytes[i]) << 8 | static_cast<unsigned char>(bytes[i + 1]);
        if (unit >= 0xD800 && unit <= 0xDBFF && i + 3 < bytes.size()) {
            const unsigned low = static_cast<unsigned char>(bytes[i + 2]) << 8 | static_cast<unsigned char>(bytes[i + 3]);
            if (low >= 0xDC00 && low <= 0xDFFF) {
                append_utf8(out, 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00));
                i += 2;
                continue;
            }
        }
        append_utf8(out, unit);
    }
    return out;
}

std::string text_string(const PoDoFo::PdfString& text) {
    const std::string bytes = string_bytes(text);
    if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0xFE && static_cast<unsigned char>(bytes[1]) == 0xFF)
        return utf16be_to_utf8(bytes.substr(2));
    const PoDoFo::PdfEncoding* doc_encoding = PoDoFo::PdfEncodingFactory::GlobalPdfDocEncodingInstance();
    std::string out;
    for (unsigned char c : bytes) {
        const unsigned swapped = doc_encoding->GetCharCode(c);
        const unsigned cp = ((swapped & 0xFF) << 8) | (swapped >> 8);  // PoDoFo returns big-endian units
        append_utf8(out, cp ? cp : c);
    }
    return out;
}

}  // namespace pubforge::pdf::podofo
