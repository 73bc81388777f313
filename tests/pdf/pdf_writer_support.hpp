// Writes small PDFs with PoDoFo for the PDF tests: text, images and drawings at known places, so every expected value is certain.
#pragma once

#include <podofo/podofo.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace pubforge::pdf::testing {

// A page being written. Coordinates are given top-left (as the reader reports them) and
// converted to PDF user space here, so tests state positions the way they check them.
class PageWriter {
public:
    PageWriter(PoDoFo::PdfMemDocument& document, PoDoFo::PdfPage* page)
        : document_(document), height_(page->GetPageSize().GetHeight()) {
        painter_.SetPage(page);
    }
    ~PageWriter() { painter_.FinishPage(); }

    void text(double x, double top, const std::string& line, double size = 10, bool bold = false) {
        PoDoFo::PdfFont* font = document_.CreateFont(bold ? "Helvetica-Bold" : "Helvetica", false, false, false,
                                                     PoDoFo::PdfEncodingFactory::GlobalWinAnsiEncodingInstance(),
                                                     PoDoFo::PdfFontCache::eFontCreationFlags_AutoSelectBase14, false);
        font->SetFontSize(static_cast<float>(size));
        painter_.SetFont(font);
        painter_.DrawText(x, height_ - top - size * 0.8, PoDoFo::PdfString(line.c_str()));
    }

    // Lines of running text, `pitch` points apart.
    void paragraph(double x, double top, const std::vector<std::string>& lines, double size = 10, double pitch = 12) {
        for (size_t i = 0; i < lines.size(); ++i) text(x, top + static_cast<double>(i) * pitch, lines[i], size);
    }

    // An RGB image of one colour, `pixels_w` x `pixels_h`, drawn in the box [x0, top, x0 + w, top + h].
    void image(double x0, double top, double w, double h, int pixels_w, int pixels_h, unsigned char r, unsigned char g,
               unsigned char b) {
        std::string samples;
        for (int i = 0; i < pixels_w * pixels_h; ++i) samples += {static_cast<char>(r), static_cast<char>(g), static_cast<char>(b)};
        auto* picture = new PoDoFo::PdfImage(&document_);  // owned by the document's object list
        images_.emplace_back(picture);
        picture->SetImageColorSpace(PoDoFo::ePdfColorSpace_DeviceRGB);
        PoDoFo::PdfMemoryInputStream stream(samples.data(), static_cast<PoDoFo::pdf_long>(samples.size()));
        picture->SetImageData(static_cast<unsigned>(pixels_w), static_cast<unsigned>(pixels_h), 8, &stream);
        painter_.DrawImage(x0, height_ - top - h, picture, w / pixels_w, h / pixels_h);
    }

    // A line drawing (axes and a zig-zag) filling the box: a vector-only figure.
    void drawing(double x0, double top, double w, double h) {
        const double y0 = height_ - top - h;
        painter_.Rectangle(x0, y0, w, h);
        painter_.Stroke();
        for (int i = 0; i < 8; ++i)
            painter_.DrawLine(x0 + w * i / 8.0, y0 + h * ((i % 2) ? 0.8 : 0.2), x0 + w * (i + 1) / 8.0,
                              y0 + h * ((i % 2) ? 0.2 : 0.8));
    }

    PoDoFo::PdfPainter& painter() { return painter_; }
    PoDoFo::PdfMemDocument& document() { return document_; }

private:
    PoDoFo::PdfMemDocument& document_;
    double height_;
    PoDoFo::PdfPainter painter_;
    std::vector<std::unique_ptr<PoDoFo::PdfImage>> images_;
};

// Builds a document page by page and returns its bytes.
inline std::string write_pdf(const std::vector<std::function<void(PageWriter&)>>& pages,
                             const std::function<void(PoDoFo::PdfMemDocument&)>& finish = {}) {
    PoDoFo::PdfMemDocument document;
    for (const auto& draw : pages) {
        PoDoFo::PdfPage* page = document.CreatePage(PoDoFo::PdfPage::CreateStandardPageSize(PoDoFo::ePdfPageSize_Letter));
        PageWriter writer(document, page);
        draw(writer);
    }
    if (finish) finish(document);
    PoDoFo::PdfRefCountedBuffer buffer;
    PoDoFo::PdfOutputDevice device(&buffer);
    document.Write(&device);
    return std::string(buffer.GetBuffer(), device.GetLength());
}

}  // namespace pubforge::pdf::testing
