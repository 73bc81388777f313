// Tests of font decoding on fonts written by the test: built-in encodings read from the embedded program, and fonts with none.
#include "pubforge/pdf/font_decoder.hpp"

#include <gtest/gtest.h>

#include "pubforge/pdf/font_program.hpp"
#include "pdf_writer_support.hpp"

namespace pubforge::pdf {
namespace {

const std::map<unsigned char, std::string> kGreek = {{'W', "Omega"}, {'t', "tau"}, {'a', "alpha"}};

std::string decoded_text(const FontDecoder& font, const std::string& codes) {
    std::string text;
    for (const DecodedChar& c : font.decode(codes)) text += c.text;
    return text;
}

TEST(FontDecoderTest, SymbolicFontWithoutEncodingUsesItsProgramsBuiltInEncoding) {
    PoDoFo::PdfMemDocument document;
    const FontDecoder font(testing::simple_font(document, kGreek, true), document);
    // W, t and a are Omega, tau and alpha in the program's own /Encoding, as a viewer shows them.
    EXPECT_EQ(decoded_text(font, "Wta"), "\u03A9\u03C4\u03B1");
    EXPECT_FALSE(font.low_confidence());
}

TEST(FontDecoderTest, FontWithNoEncodingAnywhereKeepsItsCodesAndIsLowConfidence) {
    PoDoFo::PdfMemDocument document;
    const FontDecoder font(testing::simple_font(document, kGreek, false), document);
    EXPECT_EQ(decoded_text(font, "Wta"), "Wta");  // kept as coded, never guessed into other letters
    EXPECT_TRUE(font.low_confidence());
}

TEST(FontProgramTest, ReadsTheBuiltInEncodingAndNothingFromGarbage) {
    const auto names = builtin_glyph_names(testing::type1_program("PubforgeGreek", kGreek).bytes);
    EXPECT_EQ(names['W'], "Omega");
    EXPECT_EQ(names['t'], "tau");
    EXPECT_EQ(names['b'], "");  // .notdef
    const std::string program = testing::type1_program("PubforgeGreek", kGreek).bytes;
    for (const std::string& bad : {std::string(), std::string("%!PS-AdobeFont-1.0 but nothing else"), program.substr(0, 200)})
        for (const std::string& name : builtin_glyph_names(bad)) EXPECT_EQ(name, "");
}

}  // namespace
}  // namespace pubforge::pdf
