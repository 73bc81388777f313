// Archive stats: totals and breakdowns counted independently from the loaded records.
#include "pubforge/archive/stats.hpp"

#include <map>

#include "archive/synthetic_records.hpp"
#include "test_support.hpp"

namespace pubforge::archive {
namespace {

TEST(StatsTest, CountsMatchTheRecords) {
    testing::ScratchDir dir;
    Archive archive = Archive::open(dir.file("a.sqlite"), Archive::Mode::ReadWrite);
    const auto records = testing::synthetic_records(0, 25);
    testing::load(archive, records);
    size_t figures = 0, panels = 0, mentions = 0, missing = 0, compound = 0, words = 0;
    std::map<std::string, int> by_class, by_domain;
    for (const auto& record : records) {
        ++by_class[record["license"]["class"].get<std::string>()];
        for (const auto& [key, value] : record["word_counts"].items()) words += value.get<size_t>();
        for (const auto& figure : record["figures"]) {
            ++figures;
            panels += figure["subfigures"].size();
            mentions += figure["mentions"].size();
            compound += figure["compound"].get<bool>() ? 1 : 0;
            for (const auto& graphic : figure["graphics"]) missing += graphic["image"].is_null() ? 1 : 0;
            ++by_domain[figure["domains"][0]["tag"].get<std::string>()];
        }
    }
    const nlohmann::json numbers = stats(archive);
    EXPECT_EQ(numbers["totals"]["articles"], records.size());
    EXPECT_EQ(numbers["totals"]["figures"], figures);
    EXPECT_EQ(numbers["totals"]["panels"], panels);
    EXPECT_EQ(numbers["totals"]["mentions"], mentions);
    EXPECT_EQ(numbers["totals"]["missing_images"], missing);
    EXPECT_EQ(numbers["totals"]["compound_figures"], compound);
    EXPECT_EQ(numbers["totals"]["words"], words);
    for (const auto& [name, n] : by_class) EXPECT_EQ(numbers["by_license_class"][name], n);
    for (const auto& [name, n] : by_domain) EXPECT_EQ(numbers["by_domain"][name], n);
    int sized = 0;
    for (const auto& bucket : numbers["image_sizes"]) sized += bucket["count"].get<int>();
    EXPECT_EQ(sized, numbers["totals"]["images"].get<int>());
    const std::string table = format_stats(numbers);
    EXPECT_NE(table.find("compound_figures"), std::string::npos);
    EXPECT_NE(table.find("by_domain"), std::string::npos);
}

}  // namespace
}  // namespace pubforge::archive
