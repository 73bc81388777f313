// Magic-number sniffing for the input and image formats pubforge reads.
#include "pubforge/core/sniff.hpp"

#include <cctype>
#include <cstring>

namespace pubforge {
namespace {

bool starts_with(std::string_view head, const char* magic, size_t size) {
    return head.size() >= size && std::memcmp(head.data(), magic, size) == 0;
}

bool looks_like_xml(std::string_view head) {
    size_t i = 0;
    if (starts_with(head, "\xEF\xBB\xBF", 3)) i = 3;  // UTF-8 byte-order mark
    while (i < head.size() && std::isspace(static_cast<unsigned char>(head[i]))) ++i;
    return i < head.size() && head[i] == '<';
}

}  // namespace

Format sniff_format(std::string_view head) {
    if (starts_with(head, "%PDF-", 5)) return Format::Pdf;
    // Some PDFs carry junk before the header; the spec allows it within the first KiB.
    if (head.substr(0, 1024).find("%PDF-") != std::string_view::npos && !looks_like_xml(head)) return Format::Pdf;
    if (starts_with(head, "\x1F\x8B", 2)) return Format::Gzip;
    if (head.size() > 262 && std::memcmp(head.data() + 257, "ustar", 5) == 0) return Format::Tar;
    if (starts_with(head, "PK\x03\x04", 4)) return Format::Zip;
    if (starts_with(head, "\xFF\xD8\xFF", 3)) return Format::Jpeg;
    if (starts_with(head, "\x89PNG\r\n\x1A\n", 8)) return Format::Png;
    if (starts_with(head, "GIF87a", 6) || starts_with(head, "GIF89a", 6)) return Format::Gif;
    if (starts_with(head, "II*\0", 4) || starts_with(head, "MM\0*", 4)) return Format::Tiff;
    if (starts_with(head, "BM", 2) && head.size() >= 26) return Format::Bmp;
    if (starts_with(head, "RIFF", 4) && head.size() >= 12 && std::memcmp(head.data() + 8, "WEBP", 4) == 0)
        return Format::Webp;
    if (starts_with(head, "\0\0\0\x0CjP  \r\n\x87\n", 12) || starts_with(head, "\xFF\x4F\xFF\x51", 4))
        return Format::Jpeg2000;
    if (looks_like_xml(head)) return Format::Xml;
    return Format::Unknown;
}

std::string format_name(Format format) {
    switch (format) {
        case Format::Xml: return "xml";
        case Format::Pdf: return "pdf";
        case Format::Gzip: return "gzip";
        case Format::Tar: return "tar";
        case Format::Zip: return "zip";
        case Format::Jpeg: return "jpeg";
        case Format::Png: return "png";
        case Format::Gif: return "gif";
        case Format::Tiff: return "tiff";
        case Format::Bmp: return "bmp";
        case Format::Webp: return "webp";
        case Format::Jpeg2000: return "jp2";
        case Format::Unknown: break;
    }
    return "unknown";
}

std::string format_extension(Format format) {
    switch (format) {
        case Format::Jpeg: return "jpg";
        case Format::Tiff: return "tif";
        case Format::Unknown: return "bin";
        default: return format_name(format);
    }
}

bool is_image_format(Format format) {
    switch (format) {
        case Format::Jpeg: case Format::Png: case Format::Gif: case Format::Tiff:
        case Format::Bmp: case Format::Webp: case Format::Jpeg2000:
            return true;
        default:
            return false;
    }
}

}  // namespace pubforge
