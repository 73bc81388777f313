// Tests of PMC file lists: both real shapes, plain lists, malformed and escaping lines.
#include "pubforge/fetch/file_list.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "pubforge/core/error.hpp"
#include "pubforge/fetch/fetch.hpp"
#include "test_support.hpp"

namespace pubforge::fetch {
namespace {

std::vector<ListEntry> read_text(const std::string& text, RejectLog& rejects, const std::string& id_path = "") {
    std::istringstream in(text);
    return read_file_list(in, "list.csv", id_path, rejects);
}

TEST(FileListTest, TheListWithHeaderAsASpreadsheetSavedIt) {
    PUBFORGE_REQUIRE_CORPUS(path, "real/pmc-oa/lists/oa_file_list.with-header.csv");
    std::ifstream in(path);
    RejectLog rejects;
    const auto entries = read_file_list(in, path, "", rejects);
    EXPECT_EQ(rejects.total(), 0u);
    ASSERT_EQ(entries.size(), 4u);  // the header line is not an entry; CRLF line ends are fine
    EXPECT_EQ(entries[0].path, "oa_package/ac/6a/PMC7112410.tar.gz");
    EXPECT_EQ(entries[0].pmcid, "PMC7112410");
    EXPECT_EQ(entries[0].line, 2u);
    EXPECT_EQ(entries[0].license, "NO-CC CODE");
    EXPECT_EQ(entries[0].license_class, "other");
    // "06-04-20 14:56" is DD-MM-YY: 6 April 2020.
    EXPECT_EQ(entries[0].updated, parse_list_time("2020-04-06 14:56:00"));
    EXPECT_EQ(entries[3].path, "oa_package/72/a6/PMC7159299.tar.gz");
}

TEST(FileListTest, TheListWithoutHeaderAsPmcWritesIt) {
    PUBFORGE_REQUIRE_CORPUS(path, "real/pmc-oa/lists/oa_file_list.no-header.csv");
    std::ifstream in(path);
    RejectLog rejects;
    const auto entries = read_file_list(in, path, "", rejects);
    EXPECT_EQ(rejects.total(), 0u);
    ASSERT_EQ(entries.size(), 10000u);
    EXPECT_EQ(entries[0].path, "oa_package/08/e0/PMC13900.tar.gz");
    EXPECT_EQ(entries[0].updated, parse_list_time("2019-11-05 11:56:12"));
    std::map<std::string, size_t> classes;
    for (const auto& e : entries) ++classes[e.license_class];
    // 7,500 NO-CC CODE, 2,485 CC BY and 15 CC0 (the corpus README).
    EXPECT_EQ(classes["other"], 7500u);
    EXPECT_EQ(classes["commercial"], 2500u);
    Selection commercial;
    commercial.license_classes = {"commercial"};
    EXPECT_EQ(select_entries(entries, commercial).size(), 2500u);
}

TEST(FileListTest, CitationsWithCommasAndPlainLines) {
    RejectLog rejects;
    const auto entries = read_text(
        "oa_package/00/01/PMC5.tar.gz,\"J. Foo, Bar. 2001; 3(1):5\",PMC5,2021-01-02 03:04:05,123,CC BY-NC\r\n"
        "# a comment\n\n"
        "oa_package/00/02/PMC6.tar.gz\n"
        "PMC7\n",
        rejects, "{pmcid}/fullTextXML");
    EXPECT_EQ(rejects.total(), 0u);
    ASSERT_EQ(entries.size(), 3u);
    EXPECT_EQ(entries[0].pmcid, "PMC5");
    EXPECT_EQ(entries[0].license_class, "noncommercial");
    EXPECT_EQ(entries[1].pmcid, "PMC6");
    EXPECT_FALSE(entries[1].updated);
    EXPECT_EQ(entries[2].path, "PMC7/fullTextXML");
}

TEST(FileListTest, MalformedAndEscapingLinesAreRejectsAndTheListGoesOn) {
    testing::ScratchDir dir;
    RejectLog rejects(dir.file("rejects.jsonl"));
    const auto entries = read_text(
        "oa_package/a/PMC1.tar.gz,cit,PMC1,2020-01-01 00:00:00,1,CC BY\n"
        "oa_package/a/PMC2.tar.gz,cit,PMC2\n"                                   // 3 fields
        "oa_package/a/PMC3.tar.gz,cit,NOTANID,2020-01-01 00:00:00,1,CC BY\n"     // bad accession
        "oa_package/a/PMC4.tar.gz,cit,PMC4,yesterday,1,CC BY\n"                  // bad date
        "../../etc/passwd\n"
        "/etc/passwd,cit,PMC5,2020-01-01 00:00:00,1,CC BY\n"
        "oa_package/../../x.tar.gz\n"
        "oa_package/.partial/PMC6.tar.gz\n"
        "oa_package//PMC7.tar.gz\n"
        "PMC8\n"                                                                 // no --id-path
        "oa_package/b/PMC9.tar.gz\n",
        rejects);
    rejects.close();
    ASSERT_EQ(entries.size(), 2u);
    EXPECT_EQ(entries[1].path, "oa_package/b/PMC9.tar.gz");
    const auto lines = testing::read_jsonl_file(dir.file("rejects.jsonl"));
    ASSERT_EQ(lines.size(), 9u);
    EXPECT_EQ(lines[0]["input"], "list.csv:2");
    EXPECT_EQ(lines[0]["stage"], "fetch");
    EXPECT_EQ(lines[0]["code"], "fetch.list-malformed");
    EXPECT_EQ(lines[2]["code"], "fetch.list-malformed");
    for (int i : {3, 4, 5, 6, 7}) EXPECT_EQ(lines[i]["code"], "fetch.unsafe-path") << lines[i];
    EXPECT_EQ(lines[8]["code"], "fetch.no-id-path");
}

}  // namespace
}  // namespace pubforge::fetch
