// Full-text search: hits match the text and every filter, article vs figure targets, bad syntax is a usage error.
#include "pubforge/archive/query.hpp"

#include <set>

#include "archive/synthetic_records.hpp"
#include "pubforge/core/error.hpp"
#include "test_support.hpp"

namespace pubforge::archive {
namespace {

class QueryTest : public ::testing::Test {
protected:
    void SetUp() override {
        records_ = testing::synthetic_records(0, 40);
        records_[7]["figures"][0]["caption"]["text"] = "Glioblastoma in the left temporal lobe on axial MRI.";
        records_[12]["title"] = "Glioblastoma outcomes in a national cohort";
        records_[20]["title"] = "Zebrafish development";
        records_[20]["abstract"] = "Optogenetic stimulation of the spinal cord.";
        records_[21]["figures"][0]["caption"]["text"] = "Ependymoma of the fourth ventricle.";
        records_[21]["figures"][0]["subcaptions"][1]["text"] = "Calcification in panel B.";
        testing::load(archive_, records_);
    }
    testing::ScratchDir dir_;
    Archive archive_ = Archive::open(dir_.file("a.sqlite"), Archive::Mode::ReadWrite);
    std::vector<Record> records_;
};

TEST_F(QueryTest, FigureSearchFindsCaptionsOnly) {
    QueryOptions options;
    options.match = "glioblastoma";
    const auto hits = query(archive_, options);
    ASSERT_EQ(hits.size(), 1u);
    EXPECT_EQ(hits[0].article_id, records_[7]["id"]);
    EXPECT_EQ(hits[0].figure_id, "fig1");
    EXPECT_NE(hits[0].caption.find("temporal lobe"), std::string::npos);
}

TEST_F(QueryTest, ArticleSearchAlsoFindsTitles) {
    QueryOptions options;
    options.match = "glioblastoma";
    options.target = QueryOptions::Target::Articles;
    const auto hits = query(archive_, options);
    ASSERT_EQ(hits.size(), 2u);
    std::set<std::string> ids{hits[0].article_id, hits[1].article_id};
    EXPECT_EQ(ids, (std::set<std::string>{records_[7]["id"], records_[12]["id"]}));
}

TEST_F(QueryTest, EveryHitSatisfiesTheFilters) {
    QueryOptions options;
    options.match = "brain OR cerebral";
    options.license_classes = {"noncommercial"};
    options.year_min = 2005;
    options.year_max = 2020;
    options.domains = {"mri", "ct"};
    options.limit = 0;
    const auto hits = query(archive_, options);
    ASSERT_FALSE(hits.empty());
    for (const auto& hit : hits) {
        const Record& record = records_[std::stoi(hit.article_id.substr(3)) - 1000000];
        EXPECT_EQ(record["license"]["class"], "noncommercial");
        EXPECT_GE(record["year"].get<int>(), 2005);
        EXPECT_LE(record["year"].get<int>(), 2020);
        bool domain = false;
        for (const auto& figure : record["figures"])
            if (figure["id"] == hit.figure_id)
                for (const auto& tag : figure["domains"]) domain |= tag["tag"] == "mri" || tag["tag"] == "ct";
        EXPECT_TRUE(domain) << hit.article_id << " " << hit.figure_id;
    }
    // Without the text query the filters alone still select, and never fewer.
    options.match.clear();
    EXPECT_GE(query(archive_, options).size(), hits.size());
}

TEST_F(QueryTest, ArticleSearchMatchesAcrossFields) {
    QueryOptions options;
    options.match = "zebrafish AND optogenetic";  // one in the title, the other in the abstract
    options.target = QueryOptions::Target::Articles;
    const auto hits = query(archive_, options);
    ASSERT_EQ(hits.size(), 1u);
    EXPECT_EQ(hits[0].article_id, records_[20]["id"]);
    options.target = QueryOptions::Target::Figures;  // neither word is in a caption
    EXPECT_TRUE(query(archive_, options).empty());
    // A figure's caption and subcaptions are one document, and the figure's article matches too.
    options.match = "ependymoma AND calcification";
    const auto figures = query(archive_, options);
    ASSERT_EQ(figures.size(), 1u);
    EXPECT_EQ(figures[0].figure_id, "fig1");
    options.target = QueryOptions::Target::Articles;
    ASSERT_EQ(query(archive_, options).size(), 1u);
    EXPECT_EQ(query(archive_, options)[0].article_id, records_[21]["id"]);
}

TEST_F(QueryTest, HitsAreOrderedAndLimited) {
    QueryOptions options;
    options.match = "imaging";
    options.limit = 5;
    const auto hits = query(archive_, options);
    ASSERT_EQ(hits.size(), 5u);
    for (size_t i = 1; i < hits.size(); ++i) EXPECT_LE(hits[i - 1].rank, hits[i].rank);
}

TEST_F(QueryTest, BadSyntaxIsAUsageError) {
    QueryOptions options;
    options.match = "\"unbalanced";
    EXPECT_THROW(query(archive_, options), UsageError);
}

}  // namespace
}  // namespace pubforge::archive
