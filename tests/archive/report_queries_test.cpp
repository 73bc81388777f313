// Tests for the report's archive queries: distributions, and seeded samples spread over journals and years.
#include "pubforge/archive/report_queries.hpp"

#include <gtest/gtest.h>

#include <set>

#include "report/report_fixture.hpp"
#include "test_support.hpp"

namespace pubforge::archive {
namespace {

using testing::ScratchDir;

class ReportQueriesTest : public ::testing::Test {
protected:
    void SetUp() override { testing::make_report_archive(db_path(), store); }
    std::string db_path() const { return dir.file("archive.sqlite"); }
    ScratchDir dir;
    ImageStore store{dir.file("store")};
};

TEST_F(ReportQueriesTest, DistributionsCountFiguresPanelsAndImageSizes) {
    auto archive = Archive::open(db_path(), Archive::Mode::ReadOnly);
    const auto d = report_distributions(archive);
    ASSERT_EQ(d["figures_per_article"].size(), 1u);  // every article has two figures
    EXPECT_EQ(d["figures_per_article"][0]["bucket"], 2);
    EXPECT_EQ(d["figures_per_article"][0]["count"], 6);
    ASSERT_EQ(d["panels_per_compound"].size(), 1u);  // three articles x two compound figures of two panels
    EXPECT_EQ(d["panels_per_compound"][0]["bucket"], 2);
    EXPECT_EQ(d["panels_per_compound"][0]["count"], 6);
    // The fixture's figure images are 120 x 90: one bin, holding the 12 distinct originals.
    ASSERT_EQ(d["image_sizes"].size(), 1u);
    EXPECT_EQ(d["image_sizes"][0]["width"], 100);
    EXPECT_EQ(d["image_sizes"][0]["height"], 50);
    EXPECT_EQ(d["image_sizes"][0]["count"], 12);
}

TEST_F(ReportQueriesTest, SampleVisitsEveryJournalYearBeforeASecondFigureOfAny) {
    auto archive = Archive::open(db_path(), Archive::Mode::ReadOnly);
    const auto first = sample_figures(archive, 6, 7);
    ASSERT_EQ(first.size(), 6u);
    std::set<std::string> articles;
    for (const auto& figure : first) articles.insert(figure.article_id);
    EXPECT_EQ(articles.size(), 6u);  // six journal-year pairs, one article each: one figure from each
    EXPECT_EQ(sample_figures(archive, 100, 7).size(), 12u);
}

TEST_F(ReportQueriesTest, SameSeedSameFiguresOtherSeedOtherOrder) {
    auto archive = Archive::open(db_path(), Archive::Mode::ReadOnly);
    const auto ids = [](const std::vector<FigureRef>& refs) {
        std::vector<std::string> out;
        for (const auto& r : refs) out.push_back(r.article_id + "/" + r.figure_id);
        return out;
    };
    EXPECT_EQ(ids(sample_figures(archive, 12, 1)), ids(sample_figures(archive, 12, 1)));
    bool differs = false;
    for (std::uint64_t seed = 2; seed < 6 && !differs; ++seed)
        differs = ids(sample_figures(archive, 12, 1)) != ids(sample_figures(archive, 12, seed));
    EXPECT_TRUE(differs);
}

TEST_F(ReportQueriesTest, UnalignedSampleHoldsOnlyCompoundFiguresWithUnpairedParts) {
    auto archive = Archive::open(db_path(), Archive::Mode::ReadOnly);
    const auto weak = sample_unaligned_figures(archive, 100, 3);
    ASSERT_EQ(weak.size(), 6u);
    for (const auto& figure : weak)
        EXPECT_TRUE(figure.article_id == "PMC100" || figure.article_id == "PMC102" || figure.article_id == "PMC104")
            << figure.article_id;
}

}  // namespace
}  // namespace pubforge::archive
