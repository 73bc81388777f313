// Tests of line joining in laid-out text: which line-end hyphens split a word and which belong to it.
#include "pubforge/pdf/text_layout.hpp"

#include <gtest/gtest.h>

#include "pdf_writer_support.hpp"
#include "pubforge/core/hash.hpp"
#include "pubforge/pdf/pdf_reader.hpp"
#include "test_support.hpp"

namespace pubforge::pdf {
namespace {

std::string joined(std::string first, const std::string& second) {
    append_line_text(first, second);
    return first;
}

TEST(TextLayoutTest, HyphenThatSplitsAWordIsRemoved) {
    EXPECT_EQ(joined("a good ex-", "ample of it"), "a good example of it");
    EXPECT_EQ(joined("hyphen-", "ation."), "hyphenation.");
    EXPECT_EQ(joined("Índices-", "mento"), "Índicesmento");  // letters before the hyphen may be any script
}

TEST(TextLayoutTest, HyphenOfACompoundIsKept) {
    // Typesetters break a hyphenated compound only at its own hyphens.
    EXPECT_EQ(joined("the mass-", "to-charge ratio"), "the mass-to-charge ratio");
    EXPECT_EQ(joined("the state-of-", "the-art method"), "the state-of-the-art method");
    EXPECT_EQ(joined("a mass-to-", "temperature ratio"), "a mass-to-temperature ratio");
    // Hyphenation leaves two letters before and three after the break: these are compounds.
    EXPECT_EQ(joined("an X-", "ray image"), "an X-ray image");
    EXPECT_EQ(joined("read end-", "to end"), "read end-to end");
    // Not a lower-case continuation: not the rest of a word.
    EXPECT_EQ(joined("COVID-", "19 cases"), "COVID-19 cases");
    EXPECT_EQ(joined("Anti-", "Inflammatory"), "Anti-Inflammatory");
}

TEST(TextLayoutTest, SuspendedHyphenKeepsItsSpace) {
    EXPECT_EQ(joined("pre-", "and post-treatment"), "pre- and post-treatment");
    EXPECT_EQ(joined("two-", "or three-fold"), "two- or three-fold");
}

TEST(TextLayoutTest, LinesWithoutHyphenJoinWithASpace) {
    EXPECT_EQ(joined("ends here", "and goes on"), "ends here and goes on");
    EXPECT_EQ(joined("a dash -", "then more"), "a dash - then more");
    EXPECT_EQ(joined("", "first"), "first");
}

// The same rules on a caption printed over three lines of a generated PDF.
// F1000 typesets "Figure", an em space glyph, "1.": the space glyph fills the gap, so only its being
// a space can separate the words. The same for the other Unicode spaces.
TEST(TextLayoutTest, UnicodeSpaceGlyphsSeparateWords) {
    for (const std::string space : {"\u2003", "\u2002", "\u2009", "\u200A", "\u202F", "\u3000"}) {
        PageContent page;
        page.number = 1;
        page.width = 612;
        page.height = 792;
        double x = 72;
        for (const std::string& text : {std::string("F"), std::string("i"), std::string("g"), space, std::string("1"),
                                        std::string(".")}) {
            Glyph glyph;
            glyph.text = text;
            glyph.font_size = 10;
            glyph.baseline = 100;
            glyph.origin_x = x;
            const double width = text == space ? 3 : 5;
            glyph.box = {x, 92.2, x + width, 102.2};
            page.glyphs.push_back(glyph);
            x += width;
        }
        const PageLayout layout = build_layout(page);
        ASSERT_EQ(layout.blocks.size(), 1u);
        EXPECT_EQ(layout.blocks[0].lines[0].text, "Fig 1.") << space.size();
    }
}

TEST(TextLayoutTest, CaptionLinesOfAGeneratedPdfJoinByTheHyphenRules) {
    const std::string bytes = testing::write_pdf({[](testing::PageWriter& page) {
        page.text(72, 60, "A Page With One Figure And Its Caption", 16, true);
        page.image(150, 120, 300, 200, 30, 20, 40, 40, 200);
        page.paragraph(72, 330,
                       {"Figure 1: The response of the spectrum to the mass-", "to-charge ratio, shown for an ex-",
                        "ample with and without the pre-", "and post-treatment X-", "ray dose."},
                       9, 11);
    }});
    SourceDocument doc;
    doc.path = "hyphens.pdf";
    doc.kind = "pdf";
    doc.format = Format::Pdf;
    doc.bytes = bytes;
    doc.sha256 = sha256_hex(bytes);
    pubforge::testing::ScratchDir scratch;
    ImageStore store(scratch.file("store"));
    const Record record = parse_pdf(doc, store);
    ASSERT_EQ(record["figures"].size(), 1u);
    EXPECT_EQ(record["figures"][0]["caption"]["text"],
              "The response of the spectrum to the mass-to-charge ratio, shown for an example with and without the "
              "pre- and post-treatment X-ray dose.");
}

}  // namespace
}  // namespace pubforge::pdf
