// Merging shard archives: equal to a single load whatever the input order; the duplicate policy picks the same copy.
#include "pubforge/archive/merge.hpp"

#include "archive/synthetic_records.hpp"
#include "pubforge/archive/stats.hpp"
#include "pubforge/core/error.hpp"
#include "pubforge/core/jsonl.hpp"
#include "test_support.hpp"

namespace pubforge::archive {
namespace {

std::string build(const testing::ScratchDir& dir, const std::string& name, const std::vector<Record>& records) {
    Archive archive = Archive::open(dir.file(name), Archive::Mode::ReadWrite);
    testing::load(archive, records, 4);
    return dir.file(name);
}

TEST(MergeTest, ShardsMergedInAnyOrderEqualASingleLoad) {
    testing::ScratchDir dir;
    const auto records = testing::synthetic_records(0, 30);
    const std::string single = build(dir, "single.sqlite", records);
    const std::string a = build(dir, "a.sqlite", {records.begin(), records.begin() + 10});
    const std::string b = build(dir, "b.sqlite", {records.begin() + 10, records.begin() + 22});
    const std::string c = build(dir, "c.sqlite", {records.begin() + 22, records.end()});
    merge_archives(dir.file("m1.sqlite"), {a, b, c});
    const MergeCounts counts = merge_archives(dir.file("m2.sqlite"), {c, a, b}, 3);
    EXPECT_EQ(counts.articles, 30u);
    EXPECT_EQ(counts.duplicates, 0u);

    Archive one = Archive::open(single, Archive::Mode::ReadOnly);
    Archive m1 = Archive::open(dir.file("m1.sqlite"), Archive::Mode::ReadOnly);
    Archive m2 = Archive::open(dir.file("m2.sqlite"), Archive::Mode::ReadOnly);
    EXPECT_EQ(stats(one), stats(m1));
    EXPECT_EQ(stats(one), stats(m2));
    for (const auto& record : records) EXPECT_EQ(dump_json_line(*get_record(m2, record["id"])), dump_json_line(record));
}

TEST(MergeTest, TheSameArticleKeepsTheCopyWithNewerStagesWhateverTheOrder) {
    testing::ScratchDir dir;
    Record old_copy = testing::synthetic_record(5);
    Record new_copy = old_copy;
    new_copy["stages"]["parse"] = "0.10.0";  // numerically newer than 0.9.0
    old_copy["stages"]["parse"] = "0.9.0";
    new_copy["title"] = "newer";
    const std::string a = build(dir, "a.sqlite", {old_copy, testing::synthetic_record(6)});
    const std::string b = build(dir, "b.sqlite", {new_copy});
    const MergeCounts counts = merge_archives(dir.file("ab.sqlite"), {a, b});
    merge_archives(dir.file("ba.sqlite"), {b, a});
    EXPECT_EQ(counts.duplicates, 1u);
    EXPECT_EQ(counts.articles, 2u);
    for (const char* name : {"ab.sqlite", "ba.sqlite"}) {
        Archive merged = Archive::open(dir.file(name), Archive::Mode::ReadOnly);
        EXPECT_EQ((*get_record(merged, new_copy["id"]))["title"], "newer") << name;
    }
}

TEST(MergeTest, RefusesToOverwriteAnExistingArchive) {
    testing::ScratchDir dir;
    const std::string a = build(dir, "a.sqlite", testing::synthetic_records(0, 2));
    EXPECT_THROW(merge_archives(a, {a}), UsageError);
}

}  // namespace
}  // namespace pubforge::archive
