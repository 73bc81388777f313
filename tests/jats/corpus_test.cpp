// Tests over the shared corpus (skipped visibly when absent): every JATS article parses into a valid record.
#include <gtest/gtest.h>

#include <filesystem>

#include "pubforge/core/error.hpp"
#include "pubforge/pipeline/parse_stage.hpp"
#include "test_support.hpp"

namespace pubforge {
namespace {

namespace fs = std::filesystem;

TEST(JatsCorpusTest, EveryArticleParsesWithItsFiguresAndMentions) {
    PUBFORGE_REQUIRE_CORPUS(root, "jats");
    testing::ScratchDir dir;
    ImageStore store(dir.file("store"));
    pipeline::ParseOptions options;
    options.jats.store_images = false;
    size_t articles = 0, figures = 0, mentions = 0;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
        const std::string path = entry.path().string();
        const std::string ext = entry.path().extension().string();
        if (!entry.is_regular_file() || (ext != ".xml" && ext != ".nxml")) continue;
        if (path.find("/groundtruth/") != std::string::npos || entry.path().filename() == "manifest.xml") continue;
        SCOPED_TRACE(path);
        Record record;
        ASSERT_NO_THROW(record = pipeline::parse_input(path, store, options));
        EXPECT_NO_THROW(validate_record(record));
        EXPECT_FALSE(record["title"].get<std::string>().empty());
        ++articles;
        figures += record["figures"].size();
        for (const auto& f : record["figures"]) mentions += f["mentions"].size();
    }
    EXPECT_GE(articles, 19u);
    EXPECT_GE(figures, 59u);  // what the corpus README counts, figure supplements included
    EXPECT_GE(mentions, 163u);
}

TEST(JatsCorpusTest, ExtensionlessHrefsResolveToTheirImages) {
    PUBFORGE_REQUIRE_CORPUS(xml, "jats/scielo-docstore/0034-8910-rsp-47-02-0231/0034-8910-rsp-47-02-0231.xml");
    testing::ScratchDir dir;
    ImageStore store(dir.file("store"));
    const Record record = pipeline::parse_input(xml, store);
    const auto& graphic = record["figures"][0]["graphics"][0];
    EXPECT_EQ(graphic["member"], "0034-8910-rsp-47-02-0231-gf01.jpg");
    EXPECT_EQ(graphic["image"]["format"], "jpeg");
    // The English translation's figure is a sub-article figure with its own image.
    EXPECT_EQ(record["sub_articles"][0]["figures"][0]["graphics"][0]["member"], "0034-8910-rsp-47-02-0231-gf01-en.jpg");
}

}  // namespace
}  // namespace pubforge
