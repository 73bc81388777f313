// Tests of record -> export items: keys, panel captions through links, unaligned policy, LLaVA-Med domains.
#include "pubforge/export/item.hpp"

#include <gtest/gtest.h>

#include <regex>

#include "export/export_fixture.hpp"
#include "test_support.hpp"

namespace pubforge::exporter {
namespace {

TEST(ItemTest, FiguresAndPanelsCarryKeysCaptionsAndMentions) {
    testing::ScratchDir dir;
    ImageStore store(dir.file("store"));
    testing::ArticleSpec spec;
    spec.panels = true;
    const Record record = testing::make_article(store, spec);
    const auto figures = build_items(record, Unit::Figure);
    ASSERT_EQ(figures.size(), 2u);
    EXPECT_EQ(figures[0].key, "PMC1000_fig1");
    EXPECT_EQ(figures[0].article->license_class, "commercial");
    EXPECT_EQ(figures[0].mentions.size(), 1u);
    ASSERT_TRUE(figures[0].image);

    size_t dropped = 0;
    const auto linked = build_items(record, Unit::Panel, Unaligned::Drop, &dropped);
    ASSERT_EQ(linked.size(), 2u);
    EXPECT_EQ(dropped, 2u);
    EXPECT_EQ(linked[0].key, "PMC1000_fig1_p1");
    EXPECT_EQ(linked[0].parent_key, "PMC1000_fig1");
    EXPECT_EQ(linked[0].panel_label, "A");
    EXPECT_EQ(linked[0].caption, "Axial MRI of the brain showing a lesion.");
    EXPECT_EQ(linked[0].caption_source, "subcaption");
    EXPECT_EQ(linked[0].mentions.size(), 1u);  // the mention names panel A

    const auto all = build_items(record, Unit::Panel, Unaligned::FullCaption);
    ASSERT_EQ(all.size(), 4u);
    EXPECT_EQ(all[1].caption_source, "full-caption");
    EXPECT_EQ(all[1].caption, all[1].figure_caption);
    EXPECT_TRUE(all[1].mentions.empty()) << "the only mention names panel A, not this unlabelled one";
}

TEST(ItemTest, AFigureRenderedFromItsPdfPageIsExportedWithTheRenderedImageNotItsFirstPanel) {
    testing::ScratchDir dir;
    ImageStore store(dir.file("store"));
    Record record = testing::make_article(store, testing::ArticleSpec{});
    nlohmann::json& figure = record["figures"][0];
    const StoredImage panel = StoredImage::from_json(figure["graphics"][0]["image"]);
    ASSERT_EQ(build_items(record, Unit::Figure)[0].image->sha256, panel.sha256);
    // What the PDF reader records: the page region as one image, the embedded images left as graphics.
    nlohmann::json rendered = store.put(testing::make_image(99, 228, 150)).to_json();
    rendered["dpi"] = 150;
    rendered["page"] = 2;
    rendered["box"] = {72, 100, 300, 250};
    figure["image"] = rendered;
    const auto items = build_items(record, Unit::Figure);
    ASSERT_TRUE(items[0].image);
    EXPECT_EQ(items[0].image->sha256, rendered["sha256"]);
    EXPECT_NE(items[0].image->sha256, panel.sha256);
}

TEST(ItemTest, KeysAlwaysMatchThePatternWhateverTheIds) {
    const std::regex pattern("^[A-Za-z0-9_-]{1,64}$");
    for (const auto& [article, figure] : std::vector<std::pair<std::string, std::string>>{
             {"PMC1", "F1.a"}, {"doi-10_1000_x", "fig 2/b"}, {std::string(64, 'A'), "fig1"}, {"PMC1", ""}}) {
        EXPECT_TRUE(std::regex_match(figure_key(article, figure), pattern)) << figure_key(article, figure);
        EXPECT_TRUE(std::regex_match(panel_key(article, figure, figure + "-p1"), pattern));
    }
    EXPECT_NE(figure_key(std::string(64, 'A'), "fig1"), figure_key(std::string(64, 'A'), "fig2"));
}

}  // namespace
}  // namespace pubforge::exporter
