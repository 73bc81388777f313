// Tests for gallery entries: the drawn figure, subcaptions in their panel's colour, mentions, source, escaping.
#include "pubforge/report/gallery.hpp"

#include <gtest/gtest.h>

#include <opencv2/imgcodecs.hpp>

#include "export/export_fixture.hpp"
#include "pubforge/core/error.hpp"
#include "pubforge/core/files.hpp"
#include "test_support.hpp"

namespace pubforge::report {
namespace {

using testing::ScratchDir;

class GalleryTest : public ::testing::Test {
protected:
    Record article(bool panels) {
        testing::ArticleSpec spec;
        spec.id = "PMC4242";
        spec.figures = 1;
        spec.panels = panels;
        return testing::make_article(store, spec);
    }
    ScratchDir dir;
    ImageStore store{dir.file("store")};
};

TEST_F(GalleryTest, DrawsTheFigureAndColoursEachSubcaptionLikeItsPanel) {
    const Record record = article(true);
    const GalleryEntry entry = gallery_entry(record, "fig1", store, dir.path(), "fig.jpg");
    ASSERT_TRUE(entry.image_drawn);
    const cv::Mat drawn = cv::imread(dir.file("fig.jpg"));
    ASSERT_FALSE(drawn.empty());
    EXPECT_EQ(drawn.cols, 120);  // smaller than max_side: drawn at its own size
    EXPECT_EQ(drawn.rows, 90);
    // Panel 1 is drawn in render_panels' first colour (BGR 0,0,230), and subcaption A, linked
    // to it, is underlined in the same colour.
    EXPECT_NE(entry.html.find("style=\"border-color:#e60000\" title=\"subcaption A\">Axial MRI of the brain showing a lesion."),
              std::string::npos)
        << entry.html;
    EXPECT_NE(entry.html.find("<img class=\"figure\" src=\"fig.jpg\" width=\"120\" height=\"90\""), std::string::npos);
    EXPECT_NE(entry.html.find("<span class=\"tag\">mri</span>"), std::string::npos);
    EXPECT_NE(entry.html.find("<li>MRI showed a lesion (Figure 1A).</li>"), std::string::npos);
    EXPECT_NE(entry.html.find("pmcid PMC4242"), std::string::npos);
    EXPECT_NE(entry.html.find("licence: CC-BY-4.0 (commercial)"), std::string::npos);
    EXPECT_NE(entry.html.find("2 panel(s), 1 subcaption(s)"), std::string::npos);
}

TEST_F(GalleryTest, ScalesLargeFiguresDownAndMarksUnpairedParts) {
    Record record = article(true);
    auto& figure = record["figures"][0];
    figure["subcaptions"].push_back({{"label", "B"}, {"text", "Follow-up scan after \"treatment\"."}, {"span", {49, 82}}});
    figure["unlinked"] = {{"subfigures", {"fig1-p2"}}, {"labels", {"B"}}};
    GalleryOptions options;
    options.max_side = 64;
    const GalleryEntry entry = gallery_entry(record, "fig1", store, dir.path(), "small.jpg", options);
    const cv::Mat drawn = cv::imread(dir.file("small.jpg"));
    EXPECT_EQ(drawn.cols, 64);
    EXPECT_EQ(drawn.rows, 48);
    EXPECT_NE(entry.html.find("<span class=\"sub unpaired\" title=\"subcaption B: no panel\">"), std::string::npos) << entry.html;
    EXPECT_NE(entry.html.find("<b>unpaired:</b> panel fig1-p2 subcaption B"), std::string::npos);
}

TEST_F(GalleryTest, EscapesCaptionTextAndSaysWhenTheImageCannotBeShown) {
    Record record = article(false);
    record["figures"][0]["caption"]["text"] = "Lesion <script>alert(1)</script> & \"edema\"";
    const GalleryEntry entry = gallery_entry(record, "fig1", store, dir.path(), "x.jpg");
    EXPECT_EQ(entry.html.find("<script>"), std::string::npos);
    EXPECT_NE(entry.html.find("Lesion &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;edema&quot;"), std::string::npos);

    ImageStore empty(dir.file("empty"));
    const GalleryEntry missing = gallery_entry(record, "fig1", empty, dir.path(), "y.jpg");
    EXPECT_FALSE(missing.image_drawn);
    EXPECT_NE(missing.html.find("image not shown: store.missing"), std::string::npos);
    EXPECT_EQ(missing.html.find("<img"), std::string::npos);
}

TEST_F(GalleryTest, AnUnknownFigureIsAnError) {
    try {
        gallery_entry(article(false), "fig9", store, dir.path(), "z.jpg");
        FAIL() << "no error for a missing figure";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), "report.no-figure");
    }
}

}  // namespace
}  // namespace pubforge::report
