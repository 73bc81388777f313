// Tests of the fetch selection: licence class, dates, PMCIDs, shards as run --shard, the limit, and bad values.
#include <gtest/gtest.h>

#include <sstream>

#include "pubforge/core/error.hpp"
#include "pubforge/fetch/fetch.hpp"

namespace pubforge::fetch {
namespace {

std::vector<ListEntry> read_text(const std::string& text, RejectLog& rejects) {
    std::istringstream in(text);
    return read_file_list(in, "list.csv", "", rejects);
}

TEST(SelectionTest, ByLicenceDateIdsShardAndLimit) {
    RejectLog rejects;
    std::string text;
    for (int i = 1; i <= 40; ++i)
        text += "oa_package/x/PMC" + std::to_string(i) + ".tar.gz,c,PMC" + std::to_string(i) + ",2020-0" +
                std::to_string(1 + i % 9) + "-15 10:00:00,1," + (i % 2 ? "CC BY" : "CC BY-NC-ND") + "\n";
    text += "oa_package/x/PMC1.tar.gz,c,PMC1,2020-02-15 10:00:00,1,CC BY\n";  // a repeated path: the first wins
    const auto entries = read_text(text, rejects);
    ASSERT_EQ(entries.size(), 41u);
    FetchOptions options;
    options.since = "2020-03-01";
    options.until = "2020-03-15";  // the whole day: 10:00 is kept
    auto selected = select_entries(entries, make_selection(options));
    for (const auto& e : selected) EXPECT_EQ(e.updated, parse_list_time("2020-03-15 10:00:00"));
    EXPECT_FALSE(selected.empty());
    options = {};
    options.pmcids = "PMC3,pmc4";
    EXPECT_EQ(select_entries(entries, make_selection(options)).size(), 2u);
    options = {};
    options.limit = 5;
    options.license = "noncommercial";
    selected = select_entries(entries, make_selection(options));
    ASSERT_EQ(selected.size(), 5u);
    EXPECT_EQ(selected[0].pmcid, "PMC2");
    // Shards partition by file name, as `run --shard` does on the mirror.
    size_t total = 0;
    for (int k = 1; k <= 3; ++k) {
        options = {};
        options.shard = std::to_string(k) + "/3";
        for (const auto& e : select_entries(entries, make_selection(options))) {
            ++total;
            EXPECT_TRUE(Shard::parse(options.shard).selects(e.pmcid + ".tar.gz"));
        }
    }
    EXPECT_EQ(total, 40u);
}

TEST(SelectionTest, BadValuesAreUsageErrors) {
    FetchOptions options;
    options.license = "commercial,free";
    EXPECT_THROW(make_selection(options), UsageError);
    options = {};
    options.since = "last week";
    EXPECT_THROW(make_selection(options), UsageError);
    options = {};
    options.pmcids = "PMC1,12345";
    EXPECT_THROW(make_selection(options), UsageError);
    options = {};
    options.pmcids = "@/nonexistent/ids.txt";
    EXPECT_THROW(make_selection(options), UsageError);
    options = {};
    options.rate = -1;
    EXPECT_THROW(make_selection(options), UsageError);
}

}  // namespace
}  // namespace pubforge::fetch
