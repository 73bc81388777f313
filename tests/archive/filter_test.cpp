// The filter builder: `archive query` and the exporters' article selection keep the same articles, one case rule, one reason order.
#include "pubforge/archive/filter.hpp"

#include <set>

#include "archive/synthetic_records.hpp"
#include "pubforge/archive/query.hpp"
#include "pubforge/core/error.hpp"
#include "test_support.hpp"

namespace pubforge::archive {
namespace {

class FilterTest : public ::testing::Test {
protected:
    void SetUp() override {
        records_ = testing::synthetic_records(0, 60);
        testing::load(archive_, records_);
    }

    const Record& record_of(const std::string& id) const { return records_[std::stoi(id.substr(3)) - 1000000]; }

    // What `archive query --articles` keeps, and what the exporters keep (kept verdicts with a wanted figure).
    std::set<std::string> queried(QueryOptions options) {
        options.target = QueryOptions::Target::Articles;
        options.limit = 0;
        std::set<std::string> ids;
        for (const auto& hit : query(archive_, options)) ids.insert(hit.article_id);
        return ids;
    }
    std::set<std::string> selected(const Filter& filter) {
        std::set<std::string> ids;
        for (const auto& verdict : select_articles(archive_, filter))
            if (!verdict.reject && (filter.domains.empty() || !verdict.domain_figures.empty())) ids.insert(verdict.id);
        return ids;
    }

    testing::ScratchDir dir_;
    Archive archive_ = Archive::open(dir_.file("a.sqlite"), Archive::Mode::ReadWrite);
    std::vector<Record> records_;
};

TEST_F(FilterTest, QueryAndExportSelectionKeepTheSameArticles) {
    std::vector<QueryOptions> filters(5);
    filters[0].journals = {"plos one", "ELIFE"};
    filters[1].license_classes = {"Commercial"};
    filters[1].year_min = 2010;
    filters[2].year_max = 2005;
    filters[2].article_types = {"review-article"};
    filters[3].match = "brain AND cortex";
    filters[3].license_codes = {"cc-by-4.0"};
    filters[4].domains = {"MRI", "histology"};
    filters[4].match = "lesion OR tumour";
    for (const QueryOptions& filter : filters) {
        const std::set<std::string> kept = selected(filter);
        EXPECT_FALSE(kept.empty());
        EXPECT_LT(kept.size(), records_.size());
        EXPECT_EQ(queried(filter), kept);
    }
}

TEST_F(FilterTest, TextValuesCompareIgnoringAsciiCase) {
    Filter filter;
    filter.journals = {"plos one"};
    size_t expected = 0;
    for (const auto& record : records_) expected += record["journal"]["title"] == "PLoS ONE";
    const std::set<std::string> kept = selected(filter);
    EXPECT_EQ(kept.size(), expected);
    for (const auto& id : kept) EXPECT_EQ(record_of(id)["journal"]["title"], "PLoS ONE");
}

TEST_F(FilterTest, RejectReasonIsTheFirstFilterAnArticleFails) {
    Filter filter;
    filter.license_classes = {"commercial"};
    filter.year_min = 2012;
    filter.languages = {"pt"};
    const auto verdicts = select_articles(archive_, filter);
    ASSERT_EQ(verdicts.size(), records_.size());
    for (const auto& verdict : verdicts) {
        const Record& record = record_of(verdict.id);
        const char* expected = record["license"]["class"] != "commercial" ? "license-class"
                               : record["year"].get<int>() < 2012         ? "year"
                                                                          : "language";
        EXPECT_EQ(verdict.reject.value_or("kept"), expected) << verdict.id;
    }
}

TEST_F(FilterTest, DomainFiguresAreTheFiguresFigureSearchFinds) {
    QueryOptions options;
    options.domains = {"Histology"};
    options.limit = 0;
    std::set<std::pair<std::string, std::string>> searched;
    for (const auto& hit : query(archive_, options)) searched.emplace(hit.article_id, hit.figure_id);
    std::set<std::pair<std::string, std::string>> selected_figures;
    for (const auto& verdict : select_articles(archive_, options))
        for (const auto& figure : verdict.domain_figures) selected_figures.emplace(verdict.id, figure);
    EXPECT_FALSE(searched.empty());
    EXPECT_EQ(selected_figures, searched);
    for (const auto& [article, figure] : searched) {
        bool tagged = false;
        for (const auto& f : record_of(article)["figures"])
            if (f["id"] == figure) tagged |= f["domains"][0]["tag"] == "histology";
        EXPECT_TRUE(tagged) << article << " " << figure;
    }
}

TEST_F(FilterTest, ABadTextQueryIsAUsageError) {
    Filter filter;
    filter.match = "\"unbalanced";
    EXPECT_THROW(select_articles(archive_, filter), UsageError);
}

}  // namespace
}  // namespace pubforge::archive
