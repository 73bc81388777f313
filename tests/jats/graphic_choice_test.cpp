// Tests of the choice among a package's files for one href: thumbnails, TIFF originals, lone GIFs, files cut short.
#include "jats/graphic_choice.hpp"

#include <gtest/gtest.h>

#include "pubforge/core/hash.hpp"
#include "pubforge/pipeline/parse_stage.hpp"
#include "test_support.hpp"

namespace pubforge::jats::detail {
namespace {

using nlohmann::json;

std::vector<Resource> found(const std::map<std::string, std::string>& files, const std::string& href) {
    return make_memory_resolver(files)->find_all(href);
}

TEST(GraphicChoiceTest, TheFullImageWinsOverItsThumbnail) {
    // Elsevier's packages: gr1_lrg.gif (~100 px) beside gr1_lrg.jpg, href "gr1_lrg" without extension.
    const std::string thumbnail = testing::encode_test_gif(100, 80);
    const std::string full = testing::encode_test_image(".jpg", 743, 597);
    const GraphicChoice choice = choose_graphic(found({{"P/gr1_lrg.gif", thumbnail}, {"P/gr1_lrg.jpg", full}}, "gr1_lrg"));
    ASSERT_TRUE(choice.chosen);
    EXPECT_EQ(choice.chosen->name, "P/gr1_lrg.jpg");
    ASSERT_EQ(choice.alternates.size(), 1u);
    EXPECT_EQ(choice.alternates[0].resource.name, "P/gr1_lrg.gif");
    EXPECT_EQ(choice.alternates[0].image.format, Format::Gif);
    EXPECT_EQ(choice.alternates[0].image.width, 100);
    EXPECT_EQ(choice.alternates[0].image.sha256, sha256_hex(thumbnail));
}

TEST(GraphicChoiceTest, ALargerTiffOriginalWinsAndAnEqualOneLosesToTheJpeg) {
    const std::string web = testing::encode_test_image(".jpg", 600, 400);
    const std::string original = testing::encode_test_image(".tif", 1800, 1200);
    auto choice = choose_graphic(found({{"fig1.jpg", web}, {"fig1.tif", original}}, "fig1"));
    ASSERT_TRUE(choice.chosen);
    EXPECT_EQ(choice.chosen->name, "fig1.tif");
    // Same pixels: the format consumers read as it is wins the tie, whatever the name order.
    const std::string same = testing::encode_test_image(".tif", 600, 400);
    choice = choose_graphic(found({{"fig1.jpg", web}, {"fig1.tif", same}}, "fig1"));
    EXPECT_EQ(choice.chosen->name, "fig1.jpg");
    choice = choose_graphic(found({{"a/fig1.tif", same}, {"b/fig1.gif", testing::encode_test_gif(600, 400)}}, "fig1"));
    EXPECT_EQ(choice.chosen->name, "a/fig1.tif");
}

TEST(GraphicChoiceTest, ALoneGifIsTakenWithoutAlternates) {
    const GraphicChoice choice = choose_graphic(found({{"f1.gif", testing::encode_test_gif(120, 90)}}, "f1"));
    ASSERT_TRUE(choice.chosen);
    EXPECT_EQ(choice.chosen->name, "f1.gif");
    EXPECT_TRUE(choice.alternates.empty());
}

TEST(GraphicChoiceTest, AFileCutShortLosesToASmallerOneThatDecodes) {
    const std::string full = testing::encode_test_image(".png", 700, 500);
    const std::string cut = full.substr(0, full.size() / 3);  // header intact, data missing
    const GraphicChoice choice = choose_graphic(found({{"g.png", cut}, {"g.gif", testing::encode_test_gif(100, 70)}}, "g"));
    ASSERT_TRUE(choice.chosen);
    EXPECT_EQ(choice.chosen->name, "g.gif");
    ASSERT_EQ(choice.alternates.size(), 1u);
    EXPECT_EQ(choice.alternates[0].resource.name, "g.png");
}

TEST(GraphicChoiceTest, WithoutAnImageTheBestNameMatchIsReturnedForTheWarning) {
    const GraphicChoice choice = choose_graphic(found({{"s1.pdf", "%PDF-1.4 supplement"}}, "s1"));
    ASSERT_TRUE(choice.chosen);
    EXPECT_EQ(choice.chosen->name, "s1.pdf");
    EXPECT_FALSE(choose_graphic({}).chosen);
}

TEST(GraphicChoiceTest, APackageStoresTheFullImageAndRecordsTheThumbnail) {
    testing::ScratchDir dir;
    const char* article = R"(<article xmlns:xlink="http://www.w3.org/1999/xlink"><front><article-meta>
<article-id pub-id-type="pmc">7000010</article-id><title-group><article-title>T</article-title></title-group>
</article-meta></front><body><fig id="fig1"><label>Figure 1</label><caption><p>C.</p></caption>
<graphic xlink:href="gr1_lrg"/></fig></body></article>)";
    const std::string thumbnail = testing::encode_test_gif(100, 80);
    const std::string full = testing::encode_test_image(".jpg", 743, 597);
    testing::write_tar_gz(dir.file("PMC7000010.tar.gz"), {{"PMC7000010/main.nxml", article},
                                                          {"PMC7000010/gr1_lrg.gif", thumbnail},
                                                          {"PMC7000010/gr1_lrg.jpg", full}});
    ImageStore store(dir.file("store"));
    const Record r = pipeline::parse_input(dir.file("PMC7000010.tar.gz"), store);
    const json& graphic = r["figures"][0]["graphics"][0];
    EXPECT_EQ(graphic["member"], "PMC7000010/gr1_lrg.jpg");
    EXPECT_EQ(graphic["image"]["width"], 743);
    EXPECT_EQ(store.read(StoredImage::from_json(graphic["image"])), full);
    ASSERT_EQ(graphic["alternates"].size(), 1u);
    EXPECT_EQ(graphic["alternates"][0]["member"], "PMC7000010/gr1_lrg.gif");
    EXPECT_EQ(graphic["alternates"][0]["format"], "gif");
    EXPECT_EQ(graphic["alternates"][0]["width"], 100);
    EXPECT_FALSE(store.contains(StoredImage::from_json(graphic["alternates"][0])));  // recorded, not stored
}

}  // namespace
}  // namespace pubforge::jats::detail
