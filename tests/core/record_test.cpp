// Tests of the shared record helpers: ids, keys, validation, whitespace.
#include "pubforge/core/record.hpp"

#include <gtest/gtest.h>

#include <regex>

#include "pubforge/core/error.hpp"

namespace pubforge {
namespace {

TEST(RecordTest, ArticleIdPrefersPmcidThenPmidThenDoi) {
    const std::string sha(64, 'f');
    EXPECT_EQ(make_article_id({{"pmcid", "PMC123"}, {"pmid", "9"}}, sha), "PMC123");
    EXPECT_EQ(make_article_id({{"pmcid", "123"}}, sha), "PMC123");
    EXPECT_EQ(make_article_id({{"pmid", "9"}, {"doi", "10.1/x"}}, sha), "pmid-9");
    EXPECT_EQ(make_article_id({{"doi", "10.1371/journal.pone.0234687"}}, sha), "doi-10_1371_journal_pone_0234687");
    EXPECT_EQ(make_article_id(nlohmann::json::object(), sha), "sha-ffffffffffffffff");
}

TEST(RecordTest, KeysAlwaysMatchTheExportPattern) {
    const std::regex pattern("[A-Za-z0-9_-]{1,64}");
    for (const std::string& text : std::vector<std::string>{"", "a.b/c", std::string(200, 'x'), "Fig 1 (a)", "résumé", "doi:10.1000/182"}) {
        const std::string key = make_key(text);
        EXPECT_TRUE(std::regex_match(key, pattern)) << text << " -> " << key;
    }
    EXPECT_NE(make_key(std::string(100, 'x')), make_key(std::string(101, 'x')));
}

TEST(RecordTest, ValidationNamesTheFirstProblem) {
    Record good = {{"schema", 1}, {"id", "PMC1"}, {"source", {{"kind", "jats"}}}, {"figures", nlohmann::json::array()}};
    EXPECT_NO_THROW(validate_record(good));
    Record bad = good;
    bad["figures"] = {{{"id", "f1"}, {"subfigures", {{{"box", {1, 2}}}}}}};
    try {
        validate_record(bad);
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), "record.invalid");
        EXPECT_NE(std::string(e.what()).find("box"), std::string::npos);
    }
    Record wrong_version = good;
    wrong_version["schema"] = 99;
    EXPECT_THROW(validate_record(wrong_version), Error);
}

TEST(RecordTest, WhitespaceIsNormalisedIncludingNoBreakSpaces) {
    EXPECT_EQ(normalize_space("  a\n\tb \xC2\xA0 c  "), "a b c");
    EXPECT_EQ(count_words(" one two\nthree "), 3u);
    EXPECT_EQ(count_words(""), 0u);
}

}  // namespace
}  // namespace pubforge
