// FreeType glyph rendering into cv::Mat, replacing cv::freetype (whose harfbuzz/glib chain every start-up paid for).
#include "glyph_raster.hpp"

#include <ft2build.h>
#include FT_FREETYPE_H

namespace pubforge::glyphs {

struct FontFace::Handles {
    FT_Library library = nullptr;
    FT_Face face = nullptr;
    ~Handles() {
        if (face) FT_Done_Face(face);
        if (library) FT_Done_FreeType(library);
    }
};

FontFace::FontFace(std::unique_ptr<Handles> handles) : handles_(std::move(handles)) {}
FontFace::~FontFace() = default;

std::unique_ptr<FontFace> FontFace::open(const std::string& file) {
    auto handles = std::make_unique<Handles>();
    if (FT_Init_FreeType(&handles->library) != 0) return nullptr;
    if (FT_New_Face(handles->library, file.c_str(), 0, &handles->face) != 0) return nullptr;
    return std::unique_ptr<FontFace>(new FontFace(std::move(handles)));
}

void FontFace::draw(cv::Mat& bgr, const std::string& text, cv::Point top_left, int pixel_height,
                    const cv::Scalar& ink) {
    CV_Assert(bgr.type() == CV_8UC3);
    FT_Face face = handles_->face;
    if (pixel_height <= 0 || FT_Set_Pixel_Sizes(face, static_cast<FT_UInt>(pixel_height),
                                                static_cast<FT_UInt>(pixel_height)) != 0)
        return;
    // The baseline sits one em below the top, as OpenCV's freetype module placed it.
    cv::Point pen(top_left.x, top_left.y + pixel_height);
    for (const char c : text) {
        if (FT_Load_Char(face, static_cast<unsigned char>(c), FT_LOAD_DEFAULT) != 0) continue;
        if (FT_Render_Glyph(face->glyph, FT_RENDER_MODE_NORMAL) != 0) continue;
        const FT_Bitmap& bitmap = face->glyph->bitmap;
        const int left = pen.x + static_cast<int>(face->glyph->metrics.horiBearingX >> 6);
        const int top = pen.y - static_cast<int>(face->glyph->metrics.horiBearingY >> 6);
        for (int row = 0; row < static_cast<int>(bitmap.rows); ++row) {
            const int y = top + row;
            if (y < 0) continue;
            if (y >= bgr.rows) break;
            const unsigned char* coverage = bitmap.buffer + row * bitmap.pitch;
            for (int col = 0; col < static_cast<int>(bitmap.width); ++col) {
                const int x = left + col;
                if (coverage[col] == 0 || x < 0) continue;
                if (x >= bgr.cols) break;
                const double alpha = coverage[col] / 255.0;
                cv::Vec3b& pixel = bgr.at<cv::Vec3b>(y, x);
                // Truncated, not rounded: the same bytes the OpenCV module wrote.
                for (int k = 0; k < 3; ++k)
                    pixel[k] = static_cast<uchar>(ink[k] * alpha + pixel[k] * (1.0 - alpha));
            }
        }
        pen.x += static_cast<int>(face->glyph->advance.x >> 6);
    }
}

}  // namespace pubforge::glyphs
