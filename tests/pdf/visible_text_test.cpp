// Tests that text no reader sees (clipped away, white on white paper) is not read, on generated PDFs.
#include <gtest/gtest.h>

#include "pdf_writer_support.hpp"
#include "pubforge/pdf/pdf_reader.hpp"
#include "test_support.hpp"

namespace pubforge::pdf {
namespace {

using testing::PageWriter;
using testing::write_pdf;

class VisibleTextTest : public ::testing::Test {
protected:
    Record parse(const std::string& bytes) {
        PdfOptions options;
        options.render.enabled = false;
        return parse_pdf(pubforge::testing::pdf_source(bytes, "visible.pdf"), store, options);
    }
    std::vector<std::string> captions(const Record& record) {
        std::vector<std::string> out;
        for (const auto& figure : record["figures"]) out.push_back(figure["label"].get<std::string>() + ": " +
                                                                     figure["caption"]["text"].get<std::string>());
        return out;
    }
    pubforge::testing::ScratchDir scratch;
    ImageStore store{scratch.file("store")};
};

// A figure with its caption, the way every test page starts.
void figure_with_caption(PageWriter& page) {
    page.text(72, 40, "A Page Of Text That Readers See And Some They Do Not", 16, true);
    page.image(150, 100, 300, 200, 30, 20, 40, 40, 200);
    page.text(72, 310, "Figure 1: The picture above, seen by every reader.", 9);
}

// A whole manuscript page placed as a figure and cropped to it (authors' PDFs of figures): the caption under
// the crop is drawn, but clipped away. Only the page's own caption is read.
TEST_F(VisibleTextTest, TextOutsideTheClippingPathIsNotRead) {
    const Record record = parse(write_pdf({[](PageWriter& page) {
        figure_with_caption(page);
        page.painter().Save();
        page.painter().SetClipRect(72, 792 - 600, 300, 200);  // top-left (72, 400) .. (372, 600)
        page.text(80, 420, "inside the crop", 9);
        page.text(80, 700, "Figure 2: A caption the crop cuts away, under the placed page.", 9);
        page.painter().Restore();
    }}));
    EXPECT_EQ(captions(record), std::vector<std::string>{"Figure 1: The picture above, seen by every reader."});
    std::string body;
    for (const auto& section : record["sections"])
        for (const auto& paragraph : section["paragraphs"]) body += paragraph["text"].get<std::string>() + "\n";
    EXPECT_EQ(body.find("cuts away"), std::string::npos);
}

// Text painted white on the white page is hidden (BMC printed each caption's title so, over its first line);
// white on a dark box is a banner or a label on a picture, and is read.
TEST_F(VisibleTextTest, WhiteTextCountsOnlyOverInk) {
    const Record record = parse(write_pdf({[](PageWriter& page) {
        figure_with_caption(page);
        page.painter().SetColor(1, 1, 1);
        page.text(72, 330, "Figure 2: Hidden white text on the white paper.", 9);
        page.painter().SetColor(0.1, 0.2, 0.5);
        page.painter().Rectangle(60, 792 - 520, 400, 40);  // a dark box, top-left (60, 480) .. (460, 520)
        page.painter().Fill();
        page.painter().SetColor(1, 1, 1);
        page.text(72, 490, "Figure 3: White text on a dark box.", 9);
        page.painter().SetColor(0, 0, 0);
    }}));
    const auto found = captions(record);
    ASSERT_EQ(found.size(), 2u) << record["figures"];
    EXPECT_EQ(found[0], "Figure 1: The picture above, seen by every reader.");
    EXPECT_EQ(found[1], "Figure 3: White text on a dark box.");
}

}  // namespace
}  // namespace pubforge::pdf
