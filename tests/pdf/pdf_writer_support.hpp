// Writes small PDFs with PoDoFo for the PDF tests: text, images and drawings at known places, so every expected value is certain.
#pragma once

#include <podofo/podofo.h>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace pubforge::pdf::testing {

// A page being written. Coordinates are given top-left (as the reader reports them) and
// converted to PDF user space here, so tests state positions the way they check them.
class PageWriter {
public:
    PageWriter(PoDoFo::PdfMemDocument& document, PoDoFo::PdfPage* page)
        : document_(document), page_(page), height_(page->GetPageSize().GetHeight()) {
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
        image_samples(x0, top, w, h, pixels_w, pixels_h, samples);
    }

    // An RGB image from its samples (3 bytes a pixel, rows top down), drawn in the box [x0, top, x0 + w, top + h].
    void image_samples(double x0, double top, double w, double h, int pixels_w, int pixels_h, const std::string& samples) {
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

    // Raw character codes (one byte each) shown in a font given by its dictionary, e.g. one from
    // simple_font() whose encoding only its program knows.
    void coded_text(double x, double top, const std::string& codes, PoDoFo::PdfObject* font, double size = 10) {
        const std::string resource = "FX" + std::to_string(++coded_fonts_);
        page_->AddResource(PoDoFo::PdfName(resource), font->Reference(), PoDoFo::PdfName("Font"));
        std::string hex;
        static const char* digits = "0123456789ABCDEF";
        for (unsigned char c : codes) hex += {digits[c >> 4], digits[c & 15]};
        const std::string operators = "q BT /" + resource + " " + std::to_string(size) + " Tf " + std::to_string(x) + " " +
                                      std::to_string(height_ - top - size * 0.8) + " Td <" + hex + "> Tj ET Q\n";
        painter_.GetCanvas()->Append(operators);
    }

    PoDoFo::PdfPainter& painter() { return painter_; }
    PoDoFo::PdfMemDocument& document() { return document_; }

private:
    PoDoFo::PdfMemDocument& document_;
    PoDoFo::PdfPage* page_;
    double height_;
    int coded_fonts_ = 0;
    PoDoFo::PdfPainter painter_;
    std::vector<std::unique_ptr<PoDoFo::PdfImage>> images_;
};

// A minimal Type 1 font program whose built-in /Encoding puts glyph `names[code]` at each code
// (every glyph empty, 500 units wide): cleartext part, eexec-encrypted private part, zeros trailer.
// Returns the program and its three part lengths (/Length1, /Length2, /Length3).
struct FontProgram {
    std::string bytes;
    size_t clear = 0, encrypted = 0, trailer = 0;
};

inline std::string type1_encrypt(const std::string& plain, unsigned short key) {
    std::string out;
    for (unsigned char p : plain) {
        const auto c = static_cast<unsigned char>(p ^ (key >> 8));
        key = static_cast<unsigned short>((c + key) * 52845u + 22719u);
        out += static_cast<char>(c);
    }
    return out;
}

inline FontProgram type1_program(const std::string& font_name, const std::map<unsigned char, std::string>& names) {
    std::string clear = "%!PS-AdobeFont-1.0: " + font_name + " 001.000\n11 dict begin\n/FontName /" + font_name +
                        " def\n/PaintType 0 def\n/FontType 1 def\n/FontMatrix [0.001 0 0 0.001 0 0] readonly def\n"
                        "/FontBBox {0 -200 500 700} readonly def\n/Encoding 256 array\n"
                        "0 1 255 {1 index exch /.notdef put} for\n";
    for (const auto& [code, name] : names) clear += "dup " + std::to_string(code) + " /" + name + " put\n";
    clear += "readonly def\ncurrentdict end\ncurrentfile eexec\n";
    // "0 500 hsbw endchar": 500 is two bytes (v - 108 = 392 -> 248, 136); charstrings start with lenIV = 4 bytes.
    const std::string glyph = type1_encrypt(std::string(4, '\0') + std::string{'\x8B', '\xF8', '\x88', '\x0D', '\x0E'}, 4330);
    std::string priv = "dup /Private 8 dict dup begin\n/RD{string currentfile exch readstring pop}executeonly def\n"
                       "/ND{noaccess def}executeonly def\n/NP{noaccess put}executeonly def\n/BlueValues [] def\n"
                       "/MinFeature{16 16}def\n/password 5839 def\n/Subrs 0 array\nND\n2 index /CharStrings " +
                       std::to_string(names.size() + 1) + " dict dup begin\n";
    priv += "/.notdef " + std::to_string(glyph.size()) + " RD " + glyph + " ND\n";
    for (const auto& entry : names) priv += "/" + entry.second + " " + std::to_string(glyph.size()) + " RD " + glyph + " ND\n";
    priv += "end\nend\nreadonly put\nnoaccess put\ndup/FontName get exch definefont pop\nmark currentfile closefile\n";
    const std::string encrypted = type1_encrypt(std::string(4, '\0') + priv, 55665);
    std::string trailer;
    for (int i = 0; i < 8; ++i) trailer += std::string(64, '0') + "\n";
    trailer += "cleartomark\n";
    return {clear + encrypted + trailer, clear.size(), encrypted.size(), trailer.size()};
}

// A simple symbolic Type 1 font without /Encoding and /ToUnicode: its codes mean what the
// embedded program's built-in encoding says (`names`), or, with `embed` false, nothing at all.
inline PoDoFo::PdfObject* simple_font(PoDoFo::PdfMemDocument& document, const std::map<unsigned char, std::string>& names,
                                      bool embed) {
    using namespace PoDoFo;
    const std::string name = "PFTEST+PubforgeGreek";
    PdfObject* descriptor = document.GetObjects().CreateObject("FontDescriptor");
    PdfDictionary& d = descriptor->GetDictionary();
    d.AddKey("FontName", PdfName(name));
    d.AddKey("Flags", PdfObject(static_cast<pdf_int64>(4)));  // symbolic
    PdfArray bbox;
    for (int v : {0, -200, 500, 700}) bbox.push_back(PdfObject(static_cast<pdf_int64>(v)));
    d.AddKey("FontBBox", bbox);
    for (const char* key : {"ItalicAngle", "StemV"}) d.AddKey(key, PdfObject(static_cast<pdf_int64>(0)));
    d.AddKey("Ascent", PdfObject(static_cast<pdf_int64>(700)));
    d.AddKey("Descent", PdfObject(static_cast<pdf_int64>(-200)));
    d.AddKey("CapHeight", PdfObject(static_cast<pdf_int64>(700)));
    if (embed) {
        const FontProgram program = type1_program("PubforgeGreek", names);
        PdfObject* file = document.GetObjects().CreateObject();
        file->GetStream()->Set(program.bytes.data(), static_cast<pdf_long>(program.bytes.size()));
        file->GetDictionary().AddKey("Length1", PdfObject(static_cast<pdf_int64>(program.clear)));
        file->GetDictionary().AddKey("Length2", PdfObject(static_cast<pdf_int64>(program.encrypted)));
        file->GetDictionary().AddKey("Length3", PdfObject(static_cast<pdf_int64>(program.trailer)));
        d.AddKey("FontFile", file->Reference());
    }
    PdfObject* font = document.GetObjects().CreateObject("Font");
    font->GetDictionary().AddKey("Subtype", PdfName("Type1"));
    font->GetDictionary().AddKey("BaseFont", PdfName(name));
    font->GetDictionary().AddKey("FirstChar", PdfObject(static_cast<pdf_int64>(0)));
    font->GetDictionary().AddKey("LastChar", PdfObject(static_cast<pdf_int64>(255)));
    PdfArray widths;
    for (int i = 0; i < 256; ++i) widths.push_back(PdfObject(static_cast<pdf_int64>(500)));
    font->GetDictionary().AddKey("Widths", widths);
    font->GetDictionary().AddKey("FontDescriptor", descriptor->Reference());
    return font;
}

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
