// Imported responses: upsert by custom_id, kept when their article is reloaded, returned with the record.
#include "pubforge/archive/responses.hpp"

#include "archive/synthetic_records.hpp"
#include "test_support.hpp"

namespace pubforge::archive {
namespace {

TEST(ResponsesTest, UpsertsByCustomIdAndSurvivesAReload) {
    testing::ScratchDir dir;
    Archive archive = Archive::open(dir.file("a.sqlite"), Archive::Mode::ReadWrite);
    const auto records = testing::synthetic_records(0, 3);
    testing::load(archive, records);
    ASSERT_TRUE(has_article(archive, "PMC1000001"));
    EXPECT_FALSE(has_article(archive, "PMC9"));
    {
        Transaction batch(archive.db());
        put_response(archive, {"PMC1000001-fig1-mcq", "PMC1000001", "fig1", std::nullopt, "mcq", "model-a", {{"q", "first"}}, "ok"});
        put_response(archive, {"PMC1000001-fig1-p1-vqa", "PMC1000001", "fig1", "fig1-p1", "vqa", "model-a", {{"a", 1}}, "ok"});
        put_response(archive, {"PMC1000001-fig1-mcq", "PMC1000001", "fig1", std::nullopt, "mcq", "model-b", {{"q", "second"}}, "ok"});
        batch.commit();
    }
    auto all = list_responses(archive);
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0].model, "model-b");
    EXPECT_EQ(all[0].payload["q"], "second");
    EXPECT_EQ(all[1].subfigure_id.value_or(""), "fig1-p1");
    EXPECT_EQ(list_responses(archive, "vqa").size(), 1u);

    testing::load(archive, records);  // re-running the pipeline must not drop imported responses
    EXPECT_EQ(list_responses(archive).size(), 2u);
    const Record back = *get_record(archive, "PMC1000001");
    ASSERT_EQ(back["responses"].size(), 2u);
    EXPECT_EQ(back["responses"][0]["custom_id"], "PMC1000001-fig1-mcq");
    EXPECT_EQ(back["responses"][1]["subfigure_id"], "fig1-p1");
}

TEST(ResponsesTest, AResponseForAnUnknownArticleFailsTheCommit) {
    testing::ScratchDir dir;
    Archive archive = Archive::open(dir.file("a.sqlite"), Archive::Mode::ReadWrite);
    Transaction batch(archive.db());
    put_response(archive, {"x", "PMC404", "", std::nullopt, "qa", "m", nlohmann::json::object(), "ok"});
    EXPECT_THROW(batch.commit(), Error);
}

}  // namespace
}  // namespace pubforge::archive
