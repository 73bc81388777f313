// Image dimensions read from the file header alone, so parse never pays for a full decode.
#pragma once

#include <string_view>

namespace pubforge {

struct ImageSize {
    int width = 0;   // 0 when the header could not be read
    int height = 0;
};

// Width and height from the header of a JPEG, PNG, GIF, TIFF, BMP, WebP or JPEG 2000
// image; {0, 0} when the header is truncated or the format unknown.
ImageSize probe_image_size(std::string_view bytes);

}  // namespace pubforge
