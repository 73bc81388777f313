// Format detection from content bytes (never from file names), as htslib does.
#pragma once

#include <string>
#include <string_view>

namespace pubforge {

enum class Format { Unknown, Xml, Pdf, Gzip, Tar, Zip, Jpeg, Png, Gif, Tiff, Bmp, Webp, Jpeg2000 };

Format sniff_format(std::string_view head);

// Short lower-case name: "jpeg", "png", "tar.gz" ... used in records and messages.
std::string format_name(Format format);

// File extension used in the image store ("jpg", "png", "tif", ...).
std::string format_extension(Format format);

bool is_image_format(Format format);

}  // namespace pubforge
