// Loader behaviour: replace-by-id, rejects that do not stop the load, whole batches only, provenance, a second writer.
#include "pubforge/archive/loader.hpp"

#include "archive/synthetic_records.hpp"
#include "pubforge/core/error.hpp"
#include "test_support.hpp"

namespace pubforge::archive {
namespace {

using testing::ScratchDir;

std::int64_t count(Archive& archive, const std::string& table) {
    return archive.db().scalar("SELECT count(*) FROM " + table).get<std::int64_t>();
}

TEST(LoaderTest, ReloadingReplacesArticlesWithoutDuplicates) {
    ScratchDir dir;
    Archive archive = Archive::open(dir.file("a.sqlite"), Archive::Mode::ReadWrite);
    const auto records = testing::synthetic_records(0, 20);
    const LoadCounts first = testing::load(archive, records, 7);
    const std::int64_t figures = count(archive, "figures"), panels = count(archive, "subfigures"),
                       search_rows = count(archive, "search");
    auto changed = records;
    changed[4]["title"] = "A retitled article about hippocampus";
    changed[4]["figures"].erase(0);
    const LoadCounts second = testing::load(archive, changed, 7);
    EXPECT_EQ(first.inserted, 20u);
    EXPECT_EQ(second.inserted, 0u);
    EXPECT_EQ(second.updated, 20u);
    EXPECT_EQ(count(archive, "articles"), 20);
    EXPECT_EQ(count(archive, "figures"), figures - 1);
    EXPECT_LE(count(archive, "subfigures"), panels);
    EXPECT_EQ(count(archive, "search"), search_rows - 1);  // the removed figure's document
    EXPECT_EQ((*get_record(archive, records[4]["id"]))["title"], "A retitled article about hippocampus");
    EXPECT_EQ(archive.db().scalar("SELECT count(*) FROM search WHERE search MATCH 'hippocampus'").get<int>(), 1);
    EXPECT_EQ(archive.db().scalar("SELECT count(*) FROM provenance WHERE finished_at IS NOT NULL").get<int>(), 2);
}

// The full-text rows of a batch are written at its commit; an article replaced within
// the batch, or replaced by a copy that is then rejected, must still be found exactly once.
TEST(LoaderTest, FullTextFollowsReplacementsWithinOneBatch) {
    ScratchDir dir;
    Archive archive = Archive::open(dir.file("a.sqlite"), Archive::Mode::ReadWrite);
    auto records = testing::synthetic_records(0, 3);
    const auto matches = [&](const std::string& word) {
        return archive.db().scalar("SELECT count(*) FROM search WHERE search MATCH '" + word + "'").get<int>();
    };
    RejectLog rejects;
    Loader loader(archive, {}, rejects);
    records[1]["title"] = "First title about amygdala";
    loader.add(records[1]);
    loader.add(records[0]);
    auto replaced = records[1];
    replaced["title"] = "Second title about cerebellum";
    loader.add(replaced);
    auto broken = records[0];
    broken["title"] = "Broken copy about thalamus";
    broken["figures"].push_back(broken["figures"][0]);  // duplicate figure id: rejected by a constraint
    loader.add(broken);
    const LoadCounts counts = loader.finish();
    EXPECT_EQ(counts.inserted, 2u);
    EXPECT_EQ(counts.updated, 1u);
    EXPECT_EQ(counts.rejected, 1u);
    EXPECT_EQ(matches("amygdala"), 0);
    EXPECT_EQ(matches("cerebellum"), 1);
    EXPECT_EQ(matches("thalamus"), 0);
    // The rejected copy left the earlier version of its article and all of its rows.
    const std::string title = records[0]["title"];
    EXPECT_EQ((*get_record(archive, records[0]["id"]))["title"], title);
    EXPECT_EQ(archive.db().scalar("SELECT count(*) FROM search WHERE article_id = 'PMC1000000' AND kind = 'article'").get<int>(), 1);
    // Every article's rowid range holds exactly its own rows.
    EXPECT_EQ(archive.db()
                  .scalar("SELECT count(*) FROM articles a JOIN search s ON s.rowid BETWEEN a.search_first AND "
                          "a.search_last WHERE s.article_id <> a.id")
                  .get<int>(),
              0);
    EXPECT_EQ(archive.db().scalar("SELECT count(*) FROM search").get<int>(),
              archive.db().scalar("SELECT sum(search_last - search_first + 1) FROM articles").get<int>());
}

TEST(LoaderTest, RejectsInvalidRecordsAndKeepsLoading) {
    ScratchDir dir;
    Archive archive = Archive::open(dir.file("a.sqlite"), Archive::Mode::ReadWrite);
    auto records = testing::synthetic_records(0, 6);
    records[1].erase("figures");                                   // fails validate_record
    records[3]["figures"].push_back(records[3]["figures"][0]);     // duplicate figure id: a constraint
    RejectLog rejects(dir.file("rejects.jsonl"));
    Loader loader(archive, {}, rejects);
    for (const auto& record : records) loader.add(record);
    const LoadCounts counts = loader.finish();
    rejects.close();
    EXPECT_EQ(counts.inserted, 4u);
    EXPECT_EQ(counts.rejected, 2u);
    EXPECT_EQ(count(archive, "articles"), 4);
    EXPECT_FALSE(get_record(archive, records[3]["id"]).has_value());  // nothing of it is left behind
    EXPECT_EQ(archive.db().scalar("SELECT count(*) FROM figures WHERE article_id = 'PMC1000003'").get<int>(), 0);
    const auto lines = testing::read_jsonl_file(dir.file("rejects.jsonl"));
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[0]["code"], "record.invalid");
    EXPECT_EQ(lines[1]["code"], "archive.constraint");
    EXPECT_EQ(lines[1]["input"], "PMC1000003");
    EXPECT_EQ(archive.db().scalar("SELECT rejected FROM provenance").get<int>(), 2);
}

TEST(LoaderTest, AnUnfinishedLoadKeepsOnlyCommittedBatches) {
    ScratchDir dir;
    Archive archive = Archive::open(dir.file("a.sqlite"), Archive::Mode::ReadWrite);
    const auto records = testing::synthetic_records(0, 23);
    {
        RejectLog rejects;
        LoadOptions options;
        options.batch_size = 10;
        Loader loader(archive, options, rejects);
        for (const auto& record : records) loader.add(record);
        // Destroyed without finish(), as when the caller throws: the open batch of 3 is rolled back.
    }
    EXPECT_EQ(count(archive, "articles"), 20);
    EXPECT_EQ(archive.db().scalar("SELECT inserted FROM provenance").get<int>(), 20);
    EXPECT_TRUE(archive.db().scalar("SELECT finished_at FROM provenance").is_null());
}

TEST(LoaderTest, ASecondWriterFailsClearlyAfterTheBusyTimeout) {
    ScratchDir dir;
    Archive first = Archive::open(dir.file("a.sqlite"), Archive::Mode::ReadWrite);
    Archive second = Archive::open(dir.file("a.sqlite"), Archive::Mode::ReadWrite, 100);
    RejectLog rejects;
    Loader holding(first, {}, rejects);
    holding.add(testing::synthetic_record(1));  // its batch transaction holds the write lock
    try {
        Loader waiting(second, {}, rejects);
        FAIL() << "two writers at once";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), "archive.busy");
        EXPECT_TRUE(e.fatal());
        EXPECT_NE(std::string(e.what()).find("locked by another process"), std::string::npos);
    }
    holding.finish();
    EXPECT_EQ(count(second, "articles"), 1);
}

}  // namespace
}  // namespace pubforge::archive
