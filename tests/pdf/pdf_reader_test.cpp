// Tests of the PDF reader on PDFs written by the test itself: captions, figures, boxes, columns, and bad input.
#include "pubforge/pdf/pdf_reader.hpp"

#include <gtest/gtest.h>

#include "pdf_writer_support.hpp"
#include "pubforge/core/error.hpp"
#include "pubforge/core/hash.hpp"
#include "pubforge/core/child_process.hpp"
#include "test_support.hpp"

namespace pubforge::pdf {
namespace {

using testing::PageWriter;
using testing::write_pdf;

SourceDocument source(const std::string& bytes, const std::string& name = "test.pdf") {
    return pubforge::testing::pdf_source(bytes, name);
}

const std::vector<std::string> kWideBody = {
    "This page is a single column: its lines run across the whole width of the page, as in a",
    "one-column journal layout, so that figures and captions are read in one column order."};

const std::vector<std::string> kBody = {
    "The experiments were run on three sites and the results",
    "are reported below with the usual statistics. We compare",
    "the new method against two baselines on every site."};

// Page 1: two columns. Left: body, a red image with "Figure 1:" below it, and a line
// that starts with an in-text mention. Right: body and a table caption above rows.
void two_column_page(PageWriter& page) {
    page.text(72, 40, "A Test Article About Known Figures", 18, true);
    page.text(72, 64, "doi: 10.1234/pubforge.test.5678", 9);
    page.paragraph(72, 100, kBody, 9, 11);
    page.image(80, 150, 200, 150, 40, 30, 220, 20, 20);
    page.text(72, 310, "Figure 1: A red square drawn as a raster image.", 9);
    page.text(72, 321, "The square is forty by thirty pixels.", 9);
    page.paragraph(72, 350, {"We describe the data in detail here and then refer",
                             "to the figure in passing.",
                             "Figure 1 shows the red square that the method found.",
                             "The rest of this paragraph continues the discussion",
                             "of the method and its results on each site."},
                   9, 11);
    page.paragraph(320, 100, kBody, 9, 11);
    page.text(320, 150, "Table 1. Known values of the test.", 9);
    page.text(320, 170, "Site", 8);
    page.text(420, 170, "Value", 8);
    page.text(320, 181, "North", 8);
    page.text(420, 181, "12", 8);
    page.text(320, 192, "South", 8);
    page.text(420, 192, "7", 8);
    page.paragraph(320, 230, kBody, 9, 11);
}

// Page 2: two images side by side under one caption, and a vector-only drawing.
void second_page(PageWriter& page) {
    page.paragraph(72, 60, kWideBody, 9, 11);
    page.image(100, 110, 150, 100, 30, 20, 20, 200, 20);
    page.image(300, 110, 150, 100, 30, 20, 20, 20, 200);
    page.text(72, 220, "Fig. 2. Two panels placed side by side: green and blue.", 9);
    page.paragraph(72, 260, kWideBody, 9, 11);
    page.drawing(150, 320, 300, 150);
    page.text(72, 480, "Figure 3. A line drawing without any raster image.", 9);
    page.paragraph(72, 520, kWideBody, 9, 11);
}

class PdfReaderTest : public ::testing::Test {
protected:
    pubforge::testing::ScratchDir scratch;
    ImageStore store{scratch.file("store")};
};

TEST_F(PdfReaderTest, FindsCaptionsFiguresAndBoxesOnGeneratedPages) {
    const Record record = parse_pdf(source(write_pdf({two_column_page, second_page})), store);
    EXPECT_NO_THROW(validate_record(record));
    EXPECT_EQ(record["source"]["kind"], "pdf");
    EXPECT_EQ(record["pages"], 2);
    EXPECT_EQ(record["title"], "A Test Article About Known Figures");
    EXPECT_EQ(record["ids"]["doi"], "10.1234/pubforge.test.5678");

    const auto& figures = record["figures"];
    ASSERT_EQ(figures.size(), 3u) << figures.dump(1);
    EXPECT_EQ(figures[0]["label"], "Figure 1");
    EXPECT_EQ(figures[0]["caption"]["text"],
              "A red square drawn as a raster image. The square is forty by thirty pixels.");
    EXPECT_EQ(figures[0]["page"], 1);
    const auto box = figures[0]["bbox"].get<std::vector<double>>();
    EXPECT_NEAR(box[0], 80, 1.5);
    EXPECT_NEAR(box[1], 150, 1.5);
    EXPECT_NEAR(box[2], 280, 1.5);
    EXPECT_NEAR(box[3], 300, 1.5);
    ASSERT_EQ(figures[0]["graphics"].size(), 1u);
    EXPECT_EQ(figures[0]["graphics"][0]["href"], "page1-img1");
    EXPECT_EQ(figures[0]["graphics"][0]["image"]["format"], "png");
    EXPECT_EQ(figures[0]["graphics"][0]["image"]["width"], 40);
    EXPECT_EQ(figures[0]["graphics"][0]["image"]["height"], 30);

    EXPECT_EQ(figures[1]["label"], "Fig. 2");
    EXPECT_EQ(figures[1]["page"], 2);
    ASSERT_EQ(figures[1]["subfigures"].size(), 2u);
    EXPECT_EQ(figures[1]["subfigures"][0]["method"], "pdf-layout");
    EXPECT_EQ(figures[1]["subfigures"][1]["page_bbox"].get<std::vector<double>>(),
              (std::vector<double>{300, 110, 450, 210}));

    EXPECT_EQ(figures[2]["label"], "Figure 3");
    EXPECT_TRUE(figures[2]["graphics"].empty());
    if (find_program("pdftoppm").empty()) {  // not rendered: the vector-only figure has no image at all
        ASSERT_FALSE(figures[2]["warnings"].empty());
        EXPECT_EQ(figures[2]["warnings"].back()["code"], "pdf.no-raster-image");
    } else {
        EXPECT_TRUE(figures[2]["image"].is_object()) << "a vector-only figure is rendered from the page";
        EXPECT_TRUE(figures[2]["warnings"].empty()) << figures[2]["warnings"];
    }
    const auto drawing = figures[2]["bbox"].get<std::vector<double>>();
    EXPECT_NEAR(drawing[0], 150, 2);
    EXPECT_NEAR(drawing[1], 320, 2);
    EXPECT_NEAR(drawing[2], 450, 2);
    EXPECT_NEAR(drawing[3], 470, 2);

    ASSERT_EQ(record["tables"].size(), 1u);
    EXPECT_EQ(record["tables"][0]["label"], "Table 1");
    EXPECT_EQ(record["tables"][0]["caption"]["text"], "Known values of the test.");
    EXPECT_EQ(record["tables"][0]["text"], "Site\tValue\nNorth\t12\nSouth\t7");
}

TEST_F(PdfReaderTest, InTextMentionIsAMentionNotACaption) {
    const Record record = parse_pdf(source(write_pdf({two_column_page})), store);
    ASSERT_EQ(record["figures"].size(), 1u);
    const auto& mentions = record["figures"][0]["mentions"];
    ASSERT_FALSE(mentions.empty());
    EXPECT_EQ(mentions[0]["text"], "Figure 1");
    EXPECT_NE(mentions[0]["sentence"].get<std::string>().find("red square that the method found"), std::string::npos);
}

// The parse owns a PDF's mentions (align keeps them): each names its paragraph, section, sentence, byte range
// and panels.
TEST_F(PdfReaderTest, MentionsNameParagraphSentenceAndPanels) {
    const std::string bytes = write_pdf({[](PageWriter& page) {
        page.text(72, 40, "An Article With One Mentioned Figure", 16, true);
        page.text(72, 80, "Results", 12, true);
        page.paragraph(72, 100, {"The tumour was large in every case we saw. Necrosis was seen in", "the centre (Figure 1B). Table 2 lists the sizes of all of them."});
        page.image(150, 160, 300, 200, 30, 20, 40, 40, 200);
        page.text(72, 370, "Figure 1: Histology of the tumour. (A) Low power. (B) High power.", 9);
    }});
    PdfOptions options;
    options.render.enabled = false;
    const Record record = parse_pdf(source(bytes), store, options);
    ASSERT_EQ(record["figures"].size(), 1u);
    const auto& mentions = record["figures"][0]["mentions"];
    ASSERT_EQ(mentions.size(), 1u) << mentions;
    const std::string paragraph = record["sections"][0]["paragraphs"][0]["text"];
    EXPECT_EQ(mentions[0]["paragraph"], record["sections"][0]["paragraphs"][0]["id"]);
    EXPECT_EQ(mentions[0]["section"], "Results");
    EXPECT_EQ(mentions[0]["sentence"], "Necrosis was seen in the centre (Figure 1B).");
    EXPECT_EQ(mentions[0]["text"], "Figure 1B");
    EXPECT_EQ(mentions[0]["panels"], nlohmann::json({"B"}));
    EXPECT_EQ(paragraph.substr(mentions[0]["start"].get<size_t>(), 9), "Figure 1B");
}

TEST_F(PdfReaderTest, ImagesOverThePixelLimitAreWarnedAndTheDocumentGoesOn) {
    PdfOptions options;
    options.max_image_pixels = 100;
    const Record record = parse_pdf(source(write_pdf({two_column_page})), store, options);
    ASSERT_EQ(record["figures"].size(), 1u);
    EXPECT_TRUE(record["figures"][0]["graphics"][0]["image"].is_null());
    EXPECT_EQ(record["figures"][0]["warnings"][0]["code"], "pdf.image-too-large");
}

// Every standard security method, RC4 ones included (they need OpenSSL's legacy provider, which
// the reader loads): an empty user password opens the file, a real one gets pdf.encrypted.
TEST_F(PdfReaderTest, EmptyUserPasswordOpensEveryMethodPasswordProtectedOnesAreRejected) {
    using E = PoDoFo::PdfEncrypt;
    // The first read loads the providers; without the legacy one PoDoFo cannot even write RC4.
    ASSERT_EQ(parse_pdf(source(write_pdf({two_column_page})), store)["figures"].size(), 1u);
    const std::vector<std::pair<E::EPdfEncryptAlgorithm, E::EPdfKeyLength>> methods = {
        {E::ePdfEncryptAlgorithm_RC4V1, E::ePdfKeyLength_40},
        {E::ePdfEncryptAlgorithm_RC4V2, E::ePdfKeyLength_128},
        {E::ePdfEncryptAlgorithm_AESV2, E::ePdfKeyLength_128},
        {E::ePdfEncryptAlgorithm_AESV3, E::ePdfKeyLength_256}};
    for (const auto& [algorithm, length] : methods) {
        SCOPED_TRACE("algorithm " + std::to_string(algorithm));
        auto encrypt = [algorithm = algorithm, length = length](const std::string& user) {
            return [=](PoDoFo::PdfMemDocument& d) { d.SetEncrypted(user, "owner", E::ePdfPermissions_Print, algorithm, length); };
        };
        const std::string open_one = write_pdf({two_column_page}, encrypt(""));
        ASSERT_NE(open_one.find("/Encrypt"), std::string::npos);
        const Record record = parse_pdf(source(open_one), store);
        ASSERT_EQ(record["figures"].size(), 1u);
        EXPECT_EQ(record["figures"][0]["caption"]["text"],
                  "A red square drawn as a raster image. The square is forty by thirty pixels.");
        const std::string locked = write_pdf({two_column_page}, encrypt("secret"));
        try {
            parse_pdf(source(locked), store);
            ADD_FAILURE() << "a password-protected PDF was read";
        } catch (const Error& error) {
            EXPECT_EQ(error.code(), "pdf.encrypted");
            EXPECT_NE(std::string(error.what()).find("password"), std::string::npos) << error.what();
        }
    }
}

// A caption whose Greek letter comes from a symbolic font without /Encoding or /ToUnicode (as TeX's
// symbol fonts are often embedded): read from the program's built-in encoding when it is embedded,
// else kept as coded and flagged, never silently turned into other letters.
TEST_F(PdfReaderTest, GreekFromAFontWithOnlyABuiltInEncodingIsReadOrFlagged) {
    for (const bool embed : {true, false}) {
        const std::string bytes = write_pdf({[embed](PageWriter& page) {
            page.text(72, 60, "An Article With Greek In A Caption", 16, true);
            page.image(150, 120, 300, 200, 30, 20, 40, 200, 40);
            page.text(72, 330, "Figure 1: Spectra for three values of the optical depth", 9);
            page.coded_text(72, 341, "t", testing::simple_font(page.document(), {{'t', "tau"}}, embed), 9);
            page.text(80, 341, "= 0.05 to 0.19.", 9);
        }});
        const Record record = parse_pdf(source(bytes), store);
        ASSERT_EQ(record["figures"].size(), 1u);
        bool flagged = false;
        for (const auto& w : record["warnings"]) flagged |= w["code"] == "pdf.font-low-confidence";
        EXPECT_EQ(record["figures"][0]["caption"]["text"],
                  std::string("Spectra for three values of the optical depth ") + (embed ? "\u03C4" : "t") + " = 0.05 to 0.19.");
        EXPECT_EQ(flagged, !embed) << record["warnings"].dump();
    }
}

// Features and essays print pictures with a caption but no "Figure N": the small-print block right
// under a large picture is its caption. A logo with small text under it is not a figure.
TEST_F(PdfReaderTest, LargePictureWithASmallPrintBlockUnderItIsAnUnlabelledFigure) {
    const std::string bytes = write_pdf({[](PageWriter& page) {
        page.image(72, 30, 40, 40, 20, 20, 10, 120, 10);  // a logo
        page.text(72, 74, "Published by the society of testers.", 7);
        page.text(140, 40, "An Essay With A Picture", 18, true);
        page.paragraph(72, 100, kWideBody, 10, 12);
        page.image(300, 140, 240, 220, 48, 44, 200, 120, 40);
        page.paragraph(300, 366, {"This drawing of the laboratory at night was", "made by a visitor in 2012."}, 7, 8.5);
        page.paragraph(72, 140, {"The essay runs in the left column", "beside the picture and goes on", "for several lines of text here."}, 10, 12);
        page.paragraph(72, 420, kWideBody, 10, 12);
    }});
    const Record record = parse_pdf(source(bytes), store);
    EXPECT_NO_THROW(validate_record(record));
    ASSERT_EQ(record["figures"].size(), 1u) << record["figures"].dump(1);
    const auto& figure = record["figures"][0];
    EXPECT_EQ(figure["label"], "");
    EXPECT_EQ(figure["caption"]["text"], "This drawing of the laboratory at night was made by a visitor in 2012.");
    EXPECT_EQ(figure["bbox"].get<std::vector<double>>(), (std::vector<double>{300, 140, 540, 360}));
    ASSERT_EQ(figure["graphics"].size(), 1u);
    EXPECT_EQ(figure["graphics"][0]["image"]["width"], 48);
    // The caption is not body text.
    for (const auto& section : record["sections"])
        for (const auto& paragraph : section["paragraphs"])
            EXPECT_EQ(paragraph["text"].get<std::string>().find("drawing of the laboratory"), std::string::npos);
}

// Two table captions side by side in two columns: the right one's short last line shares a baseline
// with a line of the left one, which must not end the left caption as if it were a table row.
TEST_F(PdfReaderTest, CaptionBesideAnotherCaptionIsNotCutAsATableRow) {
    const std::string bytes = write_pdf({[](PageWriter& page) {
        page.paragraph(72, 60, kBody, 9, 11);
        page.paragraph(320, 60, kBody, 9, 11);
        page.paragraph(72, 110, {"Table 2. Median of the indices of the researchers in the", "three areas, estimated from different sources and",
                                 "with the p-values of comparing the sources for", "each area and of comparing the areas."}, 8, 10);
        page.paragraph(320, 110, {"Table 3. Results of the multiple comparison tests", "between sources in every area and between areas",
                                  "in each source."}, 8, 10);
        for (int row = 0; row < 4; ++row) {
            const double top = 160 + row * 11;
            page.text(72, top, row ? "Source " + std::to_string(row) : "Source", 8);
            page.text(200, top, row ? std::to_string(10 + row) : "Median", 8);
            page.text(320, top, row ? "Area " + std::to_string(row) : "Area", 8);
            page.text(460, top, row ? "0.0" + std::to_string(row) : "p", 8);
        }
        page.paragraph(72, 240, kBody, 9, 11);
        page.paragraph(320, 240, kBody, 9, 11);
    }});
    const Record record = parse_pdf(source(bytes), store);
    ASSERT_EQ(record["tables"].size(), 2u) << record["tables"].dump(1);
    EXPECT_EQ(record["tables"][0]["caption"]["text"],
              "Median of the indices of the researchers in the three areas, estimated from different sources and with "
              "the p-values of comparing the sources for each area and of comparing the areas.");
    EXPECT_EQ(record["tables"][1]["caption"]["text"],
              "Results of the multiple comparison tests between sources in every area and between areas in each source.");
}

TEST_F(PdfReaderTest, TruncatedAndGarbageFilesGiveSpecificCodes) {
    const std::string whole = write_pdf({two_column_page});
    for (size_t keep : {whole.size() / 2, size_t{40}}) {
        try {
            const Record record = parse_pdf(source(whole.substr(0, keep)), store);
            // PoDoFo rebuilt the xref: the record must say the file was cut.
            ASSERT_FALSE(record["warnings"].empty());
            EXPECT_EQ(record["warnings"][0]["code"], "pdf.truncated-recovered");
        } catch (const Error& error) {
            EXPECT_TRUE(error.code() == "pdf.truncated" || error.code() == "pdf.malformed") << error.code();
        }
    }
    try {
        parse_pdf(source("%PDF-1.4\nthis is not a pdf at all\n%%EOF\n"), store);
        FAIL() << "garbage was read";
    } catch (const Error& error) {
        EXPECT_EQ(error.code(), "pdf.malformed");
    }
}

TEST_F(PdfReaderTest, FormXObjectThatDrawsItselfIsCutWithAWarning) {
    const std::string bytes = write_pdf({[](PageWriter& page) {
        page.text(72, 72, "A page whose form draws itself.", 10);
        PoDoFo::PdfXObject form(PoDoFo::PdfRect(0, 0, 100, 100), &page.document());
        PoDoFo::PdfPainter inner;
        inner.SetPage(&form);
        inner.DrawXObject(0, 0, &form);  // the cycle
        inner.FinishPage();
        page.painter().DrawXObject(100, 100, &form);
    }});
    const Record record = parse_pdf(source(bytes), store);
    bool warned = false;
    for (const auto& w : record["warnings"]) warned |= w["code"] == "pdf.form-cycle";
    EXPECT_TRUE(warned) << record["warnings"].dump();
}

TEST_F(PdfReaderTest, TimeLimitTurnsIntoATimeoutError) {
    PdfOptions options;
    options.time_limit_seconds = 0;
    try {
        parse_pdf(source(write_pdf({two_column_page})), store, options);
        FAIL() << "no timeout";
    } catch (const Error& error) {
        EXPECT_EQ(error.code(), "pdf.timeout");
    }
}

}  // namespace
}  // namespace pubforge::pdf
