// align_record on small article records: subcaptions, links, unlinked panels, mentions (JATS and PDF), domains.
#include <gtest/gtest.h>

#include "pubforge/align/align.hpp"
#include "pubforge/align/domains.hpp"
#include "pubforge/core/error.hpp"
#include "pubforge/core/jsonl.hpp"

namespace pubforge::align {

// The align stage is built on the text utilities (caption splitting, mentions, UTF-8).
using namespace text;
namespace {

using nlohmann::json;

json panel(const std::string& id, const json& label) {
    return {{"id", id}, {"box", {0, 0, 10, 10}}, {"method", "gutter"}, {"label", label}};
}

Record article(const std::string& kind, const json& figure) {
    return {{"schema", 1},
            {"id", "PMC1"},
            {"source", {{"kind", kind}, {"path", "a.xml"}, {"sha256", std::string(64, 'a')}}},
            {"title", "T"},
            {"figures", json::array({figure})},
            {"tables", json::array()},
            {"warnings", json::array()}};
}

json figure_with(const std::string& caption) {
    return {{"id", "F1"}, {"label", "Figure 1"}, {"caption", {{"text", caption}}}, {"graphics", json::array()}};
}

TEST(AlignRecordTest, PrintedLabelsLinkFirstThenReadingOrderNeverForced) {
    json figure = figure_with("Prostate MRI. (A) T2-weighted image. (B) Biopsy, H&E stain. (C) PSA curve.");
    figure["subfigures"] = {panel("F1-p1", "B"), panel("F1-p2", nullptr), panel("F1-p3", nullptr),
                            panel("F1-p4", nullptr)};
    Record record = article("jats", figure);
    align_record(record, {});
    const json& f = record["figures"][0];
    EXPECT_EQ(f["shared_caption"], "Prostate MRI.");
    ASSERT_EQ(f["subcaptions"].size(), 3u);
    // One printed label; three free panels against two free labels: no reading-order guess.
    ASSERT_EQ(f["links"].size(), 1u);
    EXPECT_EQ(f["links"][0]["subfigure"], "F1-p1");
    EXPECT_EQ(f["links"][0]["label"], "B");
    EXPECT_EQ(f["links"][0]["method"], "printed-label");
    EXPECT_EQ(f["unlinked"]["subfigures"], json({"F1-p2", "F1-p3", "F1-p4"}));
    EXPECT_EQ(f["unlinked"]["labels"], json({"A", "C"}));
}

TEST(AlignRecordTest, ReadingOrderWhenCountsAgree) {
    json figure = figure_with("(a) Chest X-ray. (b) Axial CT.");
    figure["subfigures"] = {panel("F1-p1", nullptr), panel("F1-p2", nullptr)};
    Record record = article("jats", figure);
    align_record(record, {});
    const json& f = record["figures"][0];
    ASSERT_EQ(f["links"].size(), 2u);
    EXPECT_EQ(f["links"][1]["label"], "b");
    EXPECT_EQ(f["links"][1]["method"], "reading-order");
    EXPECT_LT(f["links"][1]["score"].get<double>(), 1.0);
    // Panel domains follow the subcaption they are linked to.
    EXPECT_EQ(f["subfigures"][1]["domains"][0]["tag"], "ct");
    const json llava = llava_med_domains(f);
    EXPECT_TRUE(llava["chest_xray"].get<bool>());
    EXPECT_TRUE(llava["ct_scan"].get<bool>());
}

TEST(AlignRecordTest, ListItemsWinOverTheSplitter) {
    json figure = figure_with("Overview. Liver section. Kidney section.");
    figure["caption"]["list_items"] = {{{"label", "(A)"}, {"text", "Liver section."}},
                                       {{"label", "(B)"}, {"text", "Kidney section."}}};
    Record record = article("jats", figure);
    align_record(record, {});
    const json& subs = record["figures"][0]["subcaptions"];
    ASSERT_EQ(subs.size(), 2u);
    EXPECT_EQ(subs[1]["label"], "B");
    EXPECT_EQ(subs[1]["span"], json({25, 40}));
    EXPECT_EQ(record["figures"][0]["shared_caption"], "Overview.");
}

TEST(AlignRecordTest, JatsMentionsKeptAndPanelsNamed) {
    json figure = figure_with("(A) One. (B) Two.");
    figure["mentions"] = {{{"sentence", "As shown (Fig. 1B)."}, {"text", "Fig. 1B"}},
                          {{"sentence", "See 1A."}, {"text", "1A"}, {"panels", {"A"}}}};
    Record record = article("jats", figure);
    align_record(record, {});
    const json& mentions = record["figures"][0]["mentions"];
    ASSERT_EQ(mentions.size(), 2u);
    EXPECT_EQ(mentions[0]["panels"], json({"B"}));
    EXPECT_EQ(mentions[1]["panels"], json({"A"}));
}

// A PDF's mentions have one owner, the parse (pdf::add_mentions): align keeps them as they are and does not
// search the paragraphs again, so a mention the parser did not find stays unfound.
TEST(AlignRecordTest, PdfMentionsAreKeptFromTheParse) {
    json figure = figure_with("Histology of the tumour. (A) Low power. (B) High power.");
    figure["mentions"] = {{{"paragraph", "p1.1"}, {"section", "Results"}, {"sentence", "Necrosis was seen (Figure 1B)."},
                           {"start", 41}, {"end", 50}, {"text", "Figure 1B"}, {"panels", {"B"}}}};
    Record record = article("pdf", figure);
    json paragraphs = json::array();
    paragraphs.push_back({{"text", "The tumour was large. Necrosis was seen (Figure 1B). Table 2 lists sizes."}});
    paragraphs.push_back({{"text", "Figure 1A is the low power view."}});
    record["sections"] = json::array();
    record["sections"].push_back({{"title", "Results"}, {"paragraphs", paragraphs}});
    const json parsed = record["figures"][0]["mentions"];
    align_record(record, {});
    EXPECT_EQ(record["figures"][0]["mentions"], parsed);
}

TEST(AlignRecordTest, IdempotentAndValid) {
    json figure = figure_with(std::string("(A) Broken \xFF text. (B) Fine."));
    figure["subfigures"] = {panel("F1-p1", "A"), panel("F1-p2", "B")};
    Record record = article("jats", figure);
    align_record(record, {});
    const std::string once = dump_json_line(record);
    align_record(record, {});
    EXPECT_EQ(dump_json_line(record), once);
    validate_record(record);
    EXPECT_EQ(record["figures"][0]["warnings"].size(), 1u);
}

TEST(AlignRecordTest, NotAnObjectIsRejected) {
    Record record = json::array();
    EXPECT_THROW(align_record(record, {}), Error);
}

}  // namespace
}  // namespace pubforge::align
