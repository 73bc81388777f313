// Tests of mixed-content flattening: spacing around inline and block markup, xref offsets, math and tables.
#include "jats/text.hpp"

#include <gtest/gtest.h>

#include "pubforge/jats/xml_document.hpp"

namespace pubforge::jats {
namespace {

// Flattens the content of the root element of `xml`.
FlatText flat(const std::string& xml, FlattenContext context = FlattenContext::Caption) {
    const XmlDocument doc = XmlDocument::parse(
        "<root xmlns:mml='http://www.w3.org/1998/Math/MathML' xmlns:xlink='http://www.w3.org/1999/xlink'>" + xml +
            "</root>",
        "t.xml");
    return flatten(doc.root(), context);
}

TEST(TextTest, InlineMarkupAddsNoSpaceAndBlocksAreNeverGlued) {
    EXPECT_EQ(flat("H<sub>2</sub>O and <italic>lac</italic>Z").text, "H2O and lacZ");
    EXPECT_EQ(flat("<title>Results</title><p>We found</p><p>more.</p>").text, "Results We found more.");
    EXPECT_EQ(flat("<p>line one<break/>line two</p>").text, "line one line two");
    EXPECT_EQ(flat("<bold>nested <italic>deep <sc>text</sc></italic></bold> kept").text, "nested deep text kept");
    EXPECT_EQ(flat("  spaced \n\t out\u00a0here ").text, "spaced out here");
    EXPECT_EQ(flat("<list><list-item><label>A</label><p>first</p></list-item><list-item><p>second</p></list-item></list>").text,
              "A first second");
}

TEST(TextTest, FieldsGetSpacesButNotBeforePunctuation) {
    EXPECT_EQ(flat("<institution>Dept</institution><institution>Univ</institution>, <country>Peru</country>").text,
              "Dept Univ, Peru");
    EXPECT_EQ(flat("<name><surname>Smith</surname><given-names>J</given-names></name>. <source>Nature</source>.").text,
              "Smith J. Nature.");
}

TEST(TextTest, XrefSpansAreByteOffsetsIntoTheFlattenedText) {
    const FlatText t = flat("<p>As shown in  <xref ref-type='fig' rid='f1 f2'>Figs. <bold>1</bold>–2</xref>, the µ-scale"
                            "<xref ref-type='bibr' rid='r1'/> holds.</p>");
    ASSERT_EQ(t.xrefs.size(), 2u);
    EXPECT_EQ(t.xrefs[0].type, "fig");
    EXPECT_EQ(t.xrefs[0].rid, "f1 f2");
    EXPECT_EQ(t.xrefs[0].text, "Figs. 1–2");
    EXPECT_EQ(t.text.substr(t.xrefs[0].start, t.xrefs[0].end - t.xrefs[0].start), "Figs. 1–2");
    EXPECT_EQ(t.xrefs[0].start, std::string("As shown in ").size());
    EXPECT_EQ(t.xrefs[1].start, t.xrefs[1].end);  // an empty xref is a point
    EXPECT_EQ(t.text.substr(t.xrefs[1].start), " holds.");
}

TEST(TextTest, ParagraphsSetFloatsAsideButCaptionsKeepEverything) {
    const std::string xml = "<p>Before<fig id='f'><caption><p>Cap</p></caption></fig> after "
                            "<supplementary-material><label>S1</label></supplementary-material>end.</p>";
    const FlatText paragraph = flat(xml, FlattenContext::Paragraph);
    EXPECT_EQ(paragraph.text, "Before after end.");
    EXPECT_EQ(paragraph.floats.size(), 2u);
    EXPECT_EQ(flat(xml).text, "Before Cap after S1 end.");
    EXPECT_EQ(flat("<fig><label>F</label><alt-text>screen reader</alt-text><object-id>10.1/x</object-id></fig>").text, "F");
}

TEST(TextTest, MathIsLinearisedNotDumped) {
    EXPECT_EQ(flat("<mml:math><mml:msup><mml:mi>x</mml:mi><mml:mn>2</mml:mn></mml:msup><mml:mo>+</mml:mo>"
                   "<mml:mfrac><mml:mrow><mml:mi>a</mml:mi><mml:mo>+</mml:mo><mml:mn>1</mml:mn></mml:mrow><mml:mi>b</mml:mi>"
                   "</mml:mfrac></mml:math>")
                  .text,
              "x^2+(a+1)/b");
    EXPECT_EQ(flat("<mml:math><mml:semantics><mml:msqrt><mml:mi>n</mml:mi></mml:msqrt>"
                   "<mml:annotation encoding='latex'>\\sqrt{n}</mml:annotation></mml:semantics></mml:math>")
                  .text,
              "\u221a(n)");
    // With both MathML and TeX on offer, the MathML is read once and the TeX not at all.
    EXPECT_EQ(flat("p <alternatives><mml:math><mml:mo>&lt;</mml:mo><mml:mn>0.05</mml:mn></mml:math>"
                   "<tex-math>$&lt;0.05$</tex-math></alternatives> here")
                  .text,
              "p <0.05 here");
    EXPECT_EQ(clean_tex("\\documentclass[12pt]{minimal}\\usepackage{amsmath}\\begin{document}$$\\alpha + \\beta$$\\end{document}"),
              "\\alpha + \\beta");
    EXPECT_EQ(clean_tex("  \\[ E = mc^2 \\] "), "E = mc^2");
}

TEST(TextTest, TablesBecomeRowsOfTabSeparatedCells) {
    const XmlDocument doc = XmlDocument::parse(
        "<table><thead><tr><th>Group</th><th>n</th></tr></thead><tbody><tr><td><italic>wild</italic> type</td>"
        "<td>1<sup>a</sup></td></tr><tr><td>mutant</td><td>2</td></tr></tbody></table>",
        "t.xml");
    EXPECT_EQ(table_text(doc.root()), "Group\tn\nwild type\t1a\nmutant\t2");
}

TEST(TextTest, BuilderTracksWhereASpanStartsAfterAPendingSeparator) {
    TextBuilder builder;
    builder.append("one");
    builder.separate();
    const size_t mark = builder.mark();
    builder.append("two");
    EXPECT_EQ(builder.text(), "one two");
    EXPECT_EQ(builder.span_start(mark), 4u);
}

}  // namespace
}  // namespace pubforge::jats
