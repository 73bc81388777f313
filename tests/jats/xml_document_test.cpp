// Tests of safe XML parsing: entity declarations, external DTDs, depth and malformed input each get their code.
#include "pubforge/jats/xml_document.hpp"

#include <gtest/gtest.h>

#include "pubforge/core/error.hpp"
#include "pubforge/core/files.hpp"
#include "jats/text.hpp"
#include "test_support.hpp"

namespace pubforge::jats {
namespace {

std::string code_of(const std::string& bytes) {
    try {
        XmlDocument::parse(bytes, "input.xml");
    } catch (const Error& e) {
        return e.code();
    }
    return "none";
}

std::string hostile(const std::string& name) { return read_file(testing::fixture("jats/hostile/" + name)); }

TEST(XmlDocumentTest, EntityDeclarationsAreRefusedBeforeAnyExpansion) {
    EXPECT_EQ(code_of(hostile("xxe.xml")), "xml.entity");
    EXPECT_EQ(code_of(hostile("billion-laughs.xml")), "xml.entity");
    EXPECT_EQ(code_of(hostile("parameter-entity.xml")), "xml.entity");
    EXPECT_EQ(code_of("<!DOCTYPE a [<!ENTITY logo SYSTEM \"logo.gif\" NDATA gif>]><a/>"), "xml.entity");
}

TEST(XmlDocumentTest, ExternalDtdIsNeverReadAndItsEntitiesStayUnexpanded) {
    // secret.dtd sits next to the fixture and defines &secret;: loading it would leak its text.
    const std::string path = testing::fixture("jats/hostile/external-dtd.xml");
    const XmlDocument doc = XmlDocument::parse(read_file(path), path);
    const std::string text = inline_text(doc.root());
    EXPECT_EQ(text.find("LEAKED"), std::string::npos);
    EXPECT_NE(text.find("Entity stays unexpanded"), std::string::npos);
    EXPECT_EQ(doc.undefined_entities(), (std::set<std::string>{"nbsp", "secret"}));
    EXPECT_NE(text.find("Body text."), std::string::npos);  // &nbsp; read as the space it stands for
}

TEST(XmlDocumentTest, DeepNestingMalformedAndEmptyInputsHaveTheirOwnCodes) {
    EXPECT_EQ(code_of(hostile("deep-nesting.xml")), "xml.too-deep");
    EXPECT_EQ(code_of(hostile("malformed.xml")), "xml.malformed");
    EXPECT_EQ(code_of(hostile("undeclared-entity.xml")), "xml.malformed");
    EXPECT_EQ(code_of("<article><p>unclosed</article>"), "xml.malformed");
    EXPECT_EQ(code_of("  \n "), "xml.empty");
    // 200 levels is deep but legal: libxml2's limit is 256 and the reader's recursion stays bounded by it.
    std::string nested = "<article>";
    for (int i = 0; i < 200; ++i) nested += "<italic>";
    nested += "ok";
    for (int i = 0; i < 200; ++i) nested += "</italic>";
    EXPECT_EQ(code_of(nested + "</article>"), "none");
}

TEST(XmlDocumentTest, NodeHelpersIgnorePrefixesAndFollowPaths) {
    const XmlDocument doc = XmlDocument::parse(
        "<article xmlns:xlink='http://www.w3.org/1999/xlink' xmlns:mml='http://www.w3.org/1998/Math/MathML'>"
        "<front><article-meta><title-group><article-title>T</article-title></title-group></article-meta></front>"
        "<body><graphic xlink:href='g1'/><mml:math><mml:mi>x</mml:mi></mml:math><sub-article><fig/></sub-article><fig/></body>"
        "</article>",
        "x.xml");
    const xmlNode* root = doc.root();
    EXPECT_EQ(inline_text(find(root, {"front", "article-meta", "title-group", "article-title"})), "T");
    const xmlNode* body = child(root, "body");
    EXPECT_EQ(attribute(child(body, "graphic"), "href"), "g1");
    EXPECT_TRUE(is_element(child(body, "math"), "math"));
    EXPECT_EQ(descendants(body, "fig").size(), 2u);
    EXPECT_EQ(descendants(body, "fig", {"sub-article"}).size(), 1u);
    EXPECT_TRUE(has_ancestor(child(child(body, "sub-article"), "fig"), "sub-article"));
    EXPECT_EQ(find(root, {"front", "missing"}), nullptr);
}

}  // namespace
}  // namespace pubforge::jats
