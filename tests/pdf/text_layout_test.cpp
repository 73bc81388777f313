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

// Glyphs of `size` points on one baseline at 100, each `advance` points wide, from x; `raise` lifts a glyph (in
// points) and `small` sets its size, for scripts. A space glyph is 2 points wide and moves on by `space_gap`.
struct GlyphRun {
    PageContent page;
    double x = 72;
    GlyphRun() {
        page.number = 1;
        page.width = 612;
        page.height = 792;
    }
    void add(const std::string& text, double size = 10, double raise = 0, double advance = 5) {
        Glyph glyph;
        glyph.text = text;
        glyph.font_size = size;
        glyph.baseline = 100 - raise;
        glyph.origin_x = x;
        glyph.box = {x, glyph.baseline - 0.78 * size, x + advance, glyph.baseline + 0.22 * size};
        page.glyphs.push_back(glyph);
        x += advance;
    }
    void word(const std::string& letters, double size = 10, double raise = 0) {
        for (char c : letters) add(std::string(1, c), size, raise, 0.5 * size);
    }
    void space(double gap) {
        add(" ", 10, 0, 2);
        x += gap - 2;
    }
};

// "m³/m²" and "H₂O": a smaller glyph off the baseline, set against its word, is part of it (the article's XML
// writes "m3/m2", "H2O"); the same size that far off the baseline is another line.
TEST(TextLayoutTest, ScriptsSetAgainstTheirWordJoinIt) {
    GlyphRun run;
    run.word("m");
    run.word("3", 7, 3);
    run.word("/m");
    run.word("2", 7, 3);
    run.space(3);
    run.word("H");
    run.word("2", 7, -2);
    run.word("O");
    const PageLayout layout = build_layout(run.page);
    ASSERT_EQ(layout.blocks.size(), 1u);
    EXPECT_EQ(layout.blocks[0].lines[0].text, "m3/m2 H2O");

    GlyphRun same_size;
    same_size.word("m");
    same_size.word("3", 10, 5);
    const PageLayout apart = build_layout(same_size.page);
    ASSERT_EQ(apart.blocks.size(), 1u);
    EXPECT_NE(apart.blocks[0].lines[0].text, "m3");
}

// Justified text stretches a space to more than the width of a letter: drawn as a space glyph, the gap stays
// within the line; the same gap with no space glyph (table cells, a gutter) splits it.
TEST(TextLayoutTest, StretchedSpaceGlyphKeepsTheLineWhole) {
    GlyphRun spaced;
    spaced.word("Table");
    spaced.space(12);  // 1.2 times the font size
    spaced.word("Emulsifying");
    spaced.space(12);
    spaced.word("activity");
    const PageLayout justified = build_layout(spaced.page);
    ASSERT_EQ(justified.blocks.size(), 1u);
    EXPECT_EQ(justified.blocks[0].lines.size(), 1u);
    EXPECT_EQ(justified.blocks[0].lines[0].text, "Table Emulsifying activity");

    GlyphRun bare;
    bare.word("Site");
    bare.x += 12;
    bare.word("Value");
    const PageLayout cells = build_layout(bare.page);
    size_t lines = 0;
    for (const Block& block : cells.blocks) lines += block.lines.size();
    EXPECT_EQ(lines, 2u);
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
