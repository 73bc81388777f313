// Tests of the JATS reader on hand-written articles: metadata, sections, figures everywhere, mentions, images.
#include "pubforge/jats/jats_reader.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "pubforge/core/error.hpp"
#include "pubforge/core/files.hpp"
#include "pubforge/core/hash.hpp"
#include "test_support.hpp"

namespace pubforge::jats {
namespace {

using nlohmann::json;

SourceDocument fixture_document(const std::string& name, std::map<std::string, std::string> files = {}) {
    SourceDocument doc;
    doc.path = testing::fixture("jats/" + name);
    doc.kind = "jats";
    doc.format = Format::Xml;
    doc.bytes = read_file(doc.path);
    doc.sha256 = sha256_hex(doc.bytes);
    doc.input_bytes = doc.bytes.size();
    doc.resources = make_memory_resolver(std::move(files));
    return doc;
}

const json& figure(const Record& record, const std::string& id) {
    for (const json& f : record["figures"])
        if (f["id"] == id) return f;
    throw std::runtime_error("no figure " + id);
}

std::vector<std::string> warning_codes(const json& object) {
    std::vector<std::string> codes;
    for (const json& w : object.value("warnings", json::array())) codes.push_back(w["code"]);
    return codes;
}

TEST(JatsReaderTest, MetadataIsReadAndNormalised) {
    testing::ScratchDir dir;
    ImageStore store(dir.file("store"));
    const Record r = parse_jats(fixture_document("metadata.nxml"), store);
    EXPECT_EQ(r["id"], "PMC7000002");
    EXPECT_EQ(r["ids"], (json{{"pmid", "31000001"}, {"pmcid", "PMC7000002"}, {"doi", "10.5555/fixture.meta"},
                              {"publisher_id", "FM-2021-001"}}));
    EXPECT_EQ(r["journal"], (json{{"title", "Fixture Medicine"}, {"issn", {"1234-5678", "8765-4321"}},
                                  {"publisher", "Fixture Press"}}));
    EXPECT_EQ(r["dates"], (json{{"epub", "2021-03-05"}, {"ppub", "2021-04"}, {"collection", "2021"},
                                {"received", "2020-12-01"}}));
    EXPECT_EQ(r["year"], 2021);
    EXPECT_EQ(r["article_type"], "case-report");
    EXPECT_EQ(r["language"], "en");
    EXPECT_EQ(r["license"]["code"], "CC-BY-NC-ND-3.0");
    EXPECT_EQ(r["license"]["class"], "noncommercial");
    EXPECT_EQ(r["license"]["url"], "https://creativecommons.org/licenses/by-nc-nd/3.0/");

    ASSERT_EQ(r["authors"].size(), 3u);  // the editor is not an author; the consortium member is not either
    EXPECT_EQ(r["authors"][0]["name"], "Aiko Nakamura");
    EXPECT_EQ(r["authors"][0]["orcid"], "0000-0001-2345-678X");
    EXPECT_EQ(r["authors"][0]["corresponding"], true);
    EXPECT_EQ(r["authors"][0]["affiliations"], (json{"a1", "a2"}));
    EXPECT_EQ(r["authors"][1]["name"], "Li Wei");  // name-style="eastern": surname first
    EXPECT_EQ(r["authors"][2], (json{{"name", "The Fixture Consortium"}, {"collab", true}}));
    EXPECT_EQ(r["affiliations"][0]["text"], "Department of Radiology, Fixture University, Japan");
    EXPECT_EQ(r["affiliations"][1]["text"], "Imaging Institute China");

    EXPECT_EQ(r["keywords"], (json{"MRI", "case report"}));
    EXPECT_EQ(r["subjects"], (json{"Case Report", "Radiology", "Neuroradiology"}));
    EXPECT_EQ(r["abstract"], "Background\nFirst part.\n\nConclusion\nSecond part.");  // the teaser is not the abstract

    ASSERT_EQ(r["references"].size(), 2u);
    const json& ref = r["references"][0];
    EXPECT_EQ(ref["ids"], (json{{"doi", "10.5555/ref.one"}, {"pmid", "30000001"}}));
    EXPECT_EQ(ref["authors"], (json{"Smith J", "Doe R"}));
    EXPECT_EQ(ref["title"], "Imaging a fixture");
    EXPECT_EQ(ref["year"], "2019");
    EXPECT_EQ(ref["text"], "Smith J, Doe R. Imaging a fixture. Fixture Med. 2019; 3: 10. doi: 10.5555/ref.one PMID: 30000001");
    EXPECT_FALSE(r["references"][1].contains("authors"));  // editors only
    EXPECT_NO_THROW(validate_record(r));
}

TEST(JatsReaderTest, SectionsKeepTextSpacedAndXrefOffsetsExact) {
    testing::ScratchDir dir;
    ImageStore store(dir.file("store"));
    const Record r = parse_jats(fixture_document("text.nxml"), store);
    EXPECT_EQ(r["title"], "Growth of E. coli in H2O at 37\u00b0C");
    EXPECT_EQ(r["abstract"], "Bacteria1 grew in water.\n\nA second abstract paragraph.");
    const json& sections = r["sections"];
    ASSERT_EQ(sections.size(), 3u);  // untitled lead-in, "Mixed content", nested "Nested"; the loose figure adds none
    EXPECT_EQ(sections[0]["title"], "");
    EXPECT_EQ(sections[1]["title"], "Mixed content");
    EXPECT_EQ(sections[2]["level"], 2);
    const json& paragraphs = sections[1]["paragraphs"];
    EXPECT_EQ(paragraphs[0]["text"], "The lacZ gene was strongly expressed after induction, see Fig. 1.");
    EXPECT_EQ(paragraphs[1]["text"], "The rate was x^2+a/b per hour and \\alpha was fixed.");
    EXPECT_EQ(paragraphs[2]["text"], "Counts are in the table. Nothing of the table is running text.");
    EXPECT_EQ(paragraphs[3]["text"], "First item.");
    EXPECT_EQ(paragraphs[3]["id"], "p2.4");  // generated ids: section and position
    const json& xref = paragraphs[0]["xrefs"][0];
    const std::string text = paragraphs[0]["text"];
    EXPECT_EQ(text.substr(xref["start"], xref["end"].get<size_t>() - xref["start"].get<size_t>()), "Fig. 1");
    ASSERT_EQ(r["tables"].size(), 1u);
    EXPECT_EQ(r["tables"][0]["text"], "Strain\tCount\nE. coli K-12\t1a");
    EXPECT_EQ(r["tables"][0]["label"], "Table 1");
    EXPECT_EQ(figure(r, "f1")["caption"]["text"], "Growth Optical density over time.");
    EXPECT_EQ(figure(r, "f1")["caption"]["title"], "Growth");
    EXPECT_EQ(r["word_counts"]["abstract"], 8);
}

TEST(JatsReaderTest, FiguresAreFoundWhereverJatsPutsThem) {
    testing::ScratchDir dir;
    ImageStore store(dir.file("store"));
    const Record r = parse_jats(fixture_document("figures.nxml"), store);
    std::vector<std::string> ids;
    for (const json& f : r["figures"]) ids.push_back(f["id"]);
    // Document order: boxed-text (inside a paragraph), body, fig-group members, app, floats-group.
    EXPECT_EQ(ids, (std::vector<std::string>{"f5", "f1", "f2a", "f2b", "f4", "f3"}));
    EXPECT_EQ(figure(r, "f4")["kind"], "scheme");

    const json& f1 = figure(r, "f1");
    EXPECT_EQ(f1["label"], "Figure 1");
    EXPECT_EQ(f1["caption"]["text"],
              "Four panels. Scanner comparison: scanner one; scanner two; difference map; (D) histogram.");
    EXPECT_EQ(f1["caption"]["list_items"],
              (json{{{"label", "A"}, {"text", "scanner one;"}}, {{"label", "B"}, {"text", "scanner two;"}},
                    {{"label", "C"}, {"text", "difference map;"}}, {{"label", "D"}, {"text", "histogram."}}}));
    ASSERT_EQ(f1["graphics"].size(), 2u);  // both graphics of <alternatives>
    EXPECT_EQ(f1["graphics"][1]["href"], "f1-web");
    EXPECT_EQ(figure(r, "f3")["graphics"].size(), 2u);

    // The translation's figure is kept apart from the article's.
    ASSERT_EQ(r["sub_articles"].size(), 1u);
    const json& sub = r["sub_articles"][0];
    EXPECT_EQ(sub["language"], "pt");
    EXPECT_EQ(sub["title"], "Figuras em todos os lugares");
    ASSERT_EQ(sub["figures"].size(), 1u);
    EXPECT_EQ(sub["figures"][0]["id"], "f1-pt");
    EXPECT_EQ(sub["figures"][0]["mentions"][0]["sentence"], "Ver a Figura 1.");
}

TEST(JatsReaderTest, EveryFigureXrefBecomesAMentionWithPanelsAndSentence) {
    testing::ScratchDir dir;
    ImageStore store(dir.file("store"));
    const Record r = parse_jats(fixture_document("figures.nxml"), store);
    const json& f1 = figure(r, "f1");
    ASSERT_EQ(f1["mentions"].size(), 3u);  // "Figure 1B–D", "Figures 1 and 4", and the fig-group caption
    const json& m = f1["mentions"][0];
    EXPECT_EQ(m["text"], "Figure 1B–D");
    EXPECT_EQ(m["panels"], (json{"B", "C", "D"}));
    EXPECT_EQ(m["paragraph"], "p1");
    EXPECT_EQ(m["section"], "Results");
    EXPECT_EQ(m["sentence"], "Both scanners agree (Figure 1B–D), and the supplement shows the phantom (Figs. 2A and 2C).");
    EXPECT_EQ(f1["mentions"][2]["paragraph"], "g2-text");  // a caption's reference names the float it sits in
    EXPECT_EQ(figure(r, "f2a")["mentions"][0]["panels"], json{"A"});
    EXPECT_EQ(figure(r, "f2b")["mentions"][0]["panels"], json{"C"});
    EXPECT_EQ(figure(r, "f3")["mentions"][0]["panels"], json{"b"});  // "Figure 3</xref>(b)"
    EXPECT_EQ(figure(r, "f4")["mentions"].size(), 1u);  // one xref naming two figures mentions both
    EXPECT_EQ(figure(r, "f5")["mentions"][0]["paragraph"], "p3");  // boxed text inside a paragraph
    EXPECT_TRUE(warning_codes(r).empty());
}

TEST(JatsReaderTest, GraphicsAreResolvedSniffedAndStoredOnce) {
    testing::ScratchDir dir;
    ImageStore store(dir.file("store"));
    const std::string png = testing::encode_test_image(".png", 40, 30);
    const std::string tif = testing::encode_test_image(".tif", 12, 8);
    const Record r = parse_jats(fixture_document("figures.nxml", {{"f1-print.tif", tif},
                                                                  {"f1-web.jpg", png},  // PNG bytes, .jpg name
                                                                  {"f2a.png", png},
                                                                  {"f4.gif", "GIF89a"},  // a GIF header cut before its size
                                                                  {"f3-left.txt", "plain text"}}),
                                store);
    const json& web = figure(r, "f1")["graphics"][1];
    EXPECT_EQ(web["member"], "f1-web.jpg");
    EXPECT_EQ(web["image"]["format"], "png");
    EXPECT_EQ(web["image"]["width"], 40);
    EXPECT_EQ(web["image"]["sha256"], sha256_hex(png));
    EXPECT_TRUE(std::filesystem::exists(store.path_of(StoredImage::from_json(web["image"]))));
    EXPECT_EQ(figure(r, "f1")["graphics"][0]["image"]["format"], "tiff");
    EXPECT_EQ(figure(r, "f2a")["graphics"][0]["image"]["sha256"], sha256_hex(png));  // same bytes, one file

    EXPECT_EQ(warning_codes(figure(r, "f2b")), std::vector<std::string>{"image.missing"});
    EXPECT_TRUE(figure(r, "f2b")["graphics"][0]["image"].is_null());
    EXPECT_EQ(warning_codes(figure(r, "f4")), std::vector<std::string>{"image.unreadable"});
    EXPECT_EQ(warning_codes(figure(r, "f3")), (std::vector<std::string>{"image.not-an-image", "image.missing"}));
    EXPECT_NO_THROW(validate_record(r));
}

TEST(JatsReaderTest, WithoutStoringImagesNothingIsWritten) {
    testing::ScratchDir dir;
    ImageStore store(dir.file("store"));
    JatsOptions options;
    options.store_images = false;
    const std::string png = testing::encode_test_image(".png", 9, 9);
    const Record r = parse_jats(fixture_document("figures.nxml", {{"f2a.png", png}}), store, options);
    EXPECT_EQ(figure(r, "f2a")["graphics"][0]["image"]["width"], 9);
    EXPECT_EQ(std::distance(std::filesystem::recursive_directory_iterator(dir.file("store")), {}), 0);
}

TEST(JatsReaderTest, NonArticlesAndHostileDocumentsAreRejectedWithCodes) {
    testing::ScratchDir dir;
    ImageStore store(dir.file("store"));
    auto code_of = [&](const std::string& name) -> std::string {
        try {
            parse_jats(fixture_document(name), store);
        } catch (const Error& e) {
            return e.code();
        }
        return "none";
    };
    EXPECT_EQ(code_of("hostile/not-jats.xml"), "xml.not-jats");
    EXPECT_EQ(code_of("hostile/xxe.xml"), "xml.entity");
    EXPECT_EQ(code_of("hostile/billion-laughs.xml"), "xml.entity");
    EXPECT_EQ(code_of("hostile/deep-nesting.xml"), "xml.too-deep");
    EXPECT_EQ(code_of("hostile/malformed.xml"), "xml.malformed");
    const Record r = parse_jats(fixture_document("hostile/external-dtd.xml"), store);
    EXPECT_EQ(warning_codes(r), std::vector<std::string>{"xml.undefined-entity"});
    EXPECT_EQ(r.dump().find("LEAKED"), std::string::npos);
}

}  // namespace
}  // namespace pubforge::jats
