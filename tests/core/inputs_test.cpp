// Tests of input expansion: directories by content, @lists, stdin, sorting and sharding.
#include "pubforge/core/inputs.hpp"

#include <gtest/gtest.h>

#include <set>
#include <sstream>

#include "pubforge/core/error.hpp"
#include "test_support.hpp"

namespace pubforge {
namespace {

TEST(InputsTest, DirectoriesKeepDocumentsNotImagesWhateverTheirNames) {
    testing::ScratchDir dir;
    testing::write_text_file(dir.file("b/article.nxml"), "<article/>");
    testing::write_text_file(dir.file("b/fig1.jpg"), testing::encode_test_image(".jpg", 4, 4));
    testing::write_text_file(dir.file("a/paper.bin"), "%PDF-1.5\n");
    testing::write_text_file(dir.file("a/readme.md"), "# not an input");
    std::istringstream none;
    const auto inputs = collect_inputs({dir.path()}, none);
    ASSERT_EQ(inputs.size(), 2u);
    EXPECT_EQ(inputs[0].key, "paper.bin");  // sorted by path: a/ before b/
    EXPECT_EQ(inputs[1].key, "article.nxml");
}

TEST(InputsTest, HiddenFoldersBelowAnArgumentAreNotEntered) {
    // A fetch mirror: finished packages in place, a partial download (gzip bytes) under .partial/.
    testing::ScratchDir dir;
    const std::string gzip_head("\x1f\x8b\x08\x00\x00\x00\x00\x00", 8);
    testing::write_text_file(dir.file("mirror/oa_package/ac/6a/PMC1.tar.gz"), gzip_head);
    testing::write_text_file(dir.file("mirror/.partial/oa_package/25/f8/PMC2.tar.gz"), gzip_head);
    testing::write_text_file(dir.file("mirror/oa_package/.git/x.xml"), "<article/>");
    std::istringstream none;
    const auto inputs = collect_inputs({dir.file("mirror")}, none);
    ASSERT_EQ(inputs.size(), 1u);
    EXPECT_EQ(inputs[0].key, "PMC1.tar.gz");
    // Named on the command line, a hidden folder is an input folder like any other.
    EXPECT_EQ(collect_inputs({dir.file("mirror/.partial")}, none).size(), 1u);
}

TEST(InputsTest, ListsAndStdinAreExpandedAndDeduplicated) {
    testing::ScratchDir dir;
    testing::write_text_file(dir.file("x.xml"), "<article/>");
    testing::write_text_file(dir.file("list.txt"), "# comment\n" + dir.file("x.xml") + "\n\n");
    std::istringstream stdin_paths(dir.file("x.xml") + "\n" + dir.file("missing.xml") + "\n");
    const auto inputs = collect_inputs({"@" + dir.file("list.txt"), "-"}, stdin_paths);
    ASSERT_EQ(inputs.size(), 2u);  // x.xml once; the missing file is kept so the stage can reject it
    EXPECT_EQ(inputs[0].key, "missing.xml");
    EXPECT_THROW(collect_inputs({"@" + dir.file("nope.txt")}, stdin_paths), UsageError);
}

TEST(InputsTest, ShardsPartitionTheInputsWithoutOverlap) {
    testing::ScratchDir dir;
    for (int i = 0; i < 60; ++i) testing::write_text_file(dir.file("a" + std::to_string(i) + ".xml"), "<article/>");
    std::istringstream none;
    std::multiset<std::string> seen;
    for (int k = 1; k <= 4; ++k)
        for (const auto& input : collect_inputs({dir.path()}, none, Shard::parse(std::to_string(k) + "/4")))
            seen.insert(input.key);
    EXPECT_EQ(seen.size(), 60u);
    EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), 60u);
    // Membership depends on the file name only, so a moved corpus shards the same way.
    EXPECT_EQ(Shard::parse("2/4").selects("a7.xml"), Shard::parse("2/4").selects("a7.xml"));
}

TEST(InputsTest, BadShardSpecificationsAreUsageErrors) {
    for (const char* bad : {"0/4", "5/4", "x", "3", "1/0"}) EXPECT_THROW(Shard::parse(bad), UsageError) << bad;
}

}  // namespace
}  // namespace pubforge
