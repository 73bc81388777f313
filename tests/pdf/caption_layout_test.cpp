// Tests of caption extent across layout: two-column captions, labels set apart from their text, stretched lines.
#include "pubforge/pdf/captions.hpp"

#include <gtest/gtest.h>

#include "layout_support.hpp"

namespace pubforge::pdf {
namespace {

// A line of `size`-point text with its top-left corner at (x, top), 4.5 points a character.
Line line_at(const std::string& text, double x, double top, double size = 8.5) {
    Line line = test_lines::text_line(text, x, top, size);
    line.baseline = top + 0.8 * size;
    return line;
}

// A block of lines 10 points apart; `width` widens every line's box to it (justified text).
Block block_at(const std::vector<std::string>& lines, double x, double top, int column, double width = 0,
               double size = 8.5) {
    Block block;
    for (size_t i = 0; i < lines.size(); ++i) {
        block.lines.push_back(line_at(lines[i], x, top + 10 * static_cast<double>(i), size));
        if (width > 0) block.lines.back().box.x1 = x + width;
        block.box = block.box.united(block.lines.back().box);
    }
    block.font_size = size;
    block.column = column;
    return block;
}

PageLayout page_with(std::vector<Block> blocks, bool two_columns) {
    PageLayout page;
    page.number = 1;
    page.width = 595;
    page.height = 790;
    page.two_columns = two_columns;
    page.blocks = std::move(blocks);
    return page;
}

// Springer sets a caption under a full-width figure in both columns: the left half runs to its bottom line,
// the right half starts level with it.
TEST(CaptionLayoutTest, CaptionCarriesOnInTheRightColumnLevelWithIt) {
    const PageLayout page = page_with(
        {block_at({"Fig. 1 Venn diagram of the eligible participants.", "The colours are coded as follows: blue",
                   "circle: the study population; red circle: the first"},
                  51, 600, 1, 238),
         block_at({"analysis; dotted circle: the second analysis"}, 306, 600, 2, 238),
         block_at({"Body text of the right column goes on below the caption here."}, 306, 640, 2, 238, 10)},
        true);
    const auto captions = find_captions({page}, 10);
    ASSERT_EQ(captions.size(), 1u);
    EXPECT_EQ(captions[0].text,
              "Venn diagram of the eligible participants. The colours are coded as follows: blue circle: the study "
              "population; red circle: the first analysis; dotted circle: the second analysis");
    EXPECT_EQ(captions[0].more_blocks, std::vector<size_t>{1});
}

// Where the caption stops short of its block's width, or the right column's block is body text (another
// size), nothing is taken from the right column.
TEST(CaptionLayoutTest, FinishedCaptionOrBodyTextBesideItStaysOut) {
    const PageLayout short_end = page_with(
        {block_at({"Fig. 1 Venn diagram of the eligible participants.", "The colours are coded."}, 51, 600, 1),
         block_at({"analysis; dotted circle: the second analysis"}, 306, 600, 2, 238)},
        true);
    ASSERT_EQ(find_captions({short_end}, 10).size(), 1u);
    EXPECT_EQ(find_captions({short_end}, 10)[0].text, "Venn diagram of the eligible participants. The colours are coded.");

    const PageLayout body_beside = page_with(
        {block_at({"Fig. 1 Venn diagram of the eligible participants.", "The colours are coded as follows: blue"}, 51,
                  600, 1, 238),
         block_at({"and the results of the trial are shown in the next section"}, 306, 600, 2, 238, 10)},
        true);
    EXPECT_EQ(find_captions({body_beside}, 10)[0].text,
              "Venn diagram of the eligible participants. The colours are coded as follows: blue");
}

// "Table 2<tab>Mean values..." with the text's second line under the label: the text block beside the label is
// its caption, not the running header that comes next in reading order.
TEST(CaptionLayoutTest, LabelAloneTakesTheTextBesideIt) {
    const PageLayout page = page_with({block_at({"Table 2"}, 51, 636, 1),
                                       block_at({"Behav Ecol Sociobiol (2015) 69:1383-1394"}, 398, 33, 2),
                                       block_at({"Mean values (with standard errors) for the frequencies", "of the response animal"},
                                                87, 636, 0)},
                                      true);
    const auto captions = find_captions({page}, 10);
    ASSERT_EQ(captions.size(), 1u);
    EXPECT_EQ(captions[0].text, "Mean values (with standard errors) for the frequencies of the response animal");
}

TEST(CaptionLayoutTest, LabelAloneAboveATitleTakesTheBlockUnderIt) {
    const PageLayout page = page_with({block_at({"Table 1"}, 280, 100, 0, 0, 9),
                                       block_at({"Running header of the next column"}, 300, 30, 0, 0, 9),
                                       block_at({"Characteristics of the participants"}, 220, 112, 0, 0, 9)},
                                      false);
    const auto captions = find_captions({page}, 10);
    ASSERT_EQ(captions.size(), 1u);
    EXPECT_EQ(captions[0].text, "Characteristics of the participants");
}

// Justified captions stretch their spaces until the first line falls apart into blocks on one baseline.
TEST(CaptionLayoutTest, StretchedFirstLineIsJoinedBackInOrder) {
    Block label = block_at({"Table 2.", "in milliseconds."}, 78, 647, 0, 0, 12);
    const double after_label = label.lines[0].box.x1;
    const PageLayout page = page_with({label, block_at({"Average processing times."}, after_label + 19, 647, 0, 0, 12),
                                       block_at({"All results are"}, after_label + 19 + 4.5 * 25 + 19, 647, 0, 0, 12)},
                                      false);
    const auto captions = find_captions({page}, 10);
    ASSERT_EQ(captions.size(), 1u);
    EXPECT_EQ(captions[0].text, "Average processing times. All results are in milliseconds.");
}

// A label line after a short line of another thing (a legend entry of the figure, in its block) starts a caption;
// after a full line of running text that does not end a sentence it stays a mention.
TEST(CaptionLayoutTest, LabelAfterAShortLineStartsACaption) {
    Block block = block_at({"Sinapis alba", "Fig. 1 Germination index values for soil with diesel oil", "and waste engine oil"},
                           63, 690, 0, 0, 8);
    block.lines[0].box.x1 = 120;
    const PageLayout figure_text = page_with({block}, false);
    ASSERT_EQ(find_captions({figure_text}, 10).size(), 1u);
    EXPECT_EQ(find_captions({figure_text}, 10)[0].text, "Germination index values for soil with diesel oil and waste engine oil");

    const PageLayout running = page_with({block_at({"the soil was treated with oil as shown in the", "Fig. 1 Germination index values"},
                                                   63, 690, 0, 250, 8)},
                                         false);
    EXPECT_TRUE(find_captions({running}, 10).empty());
}

TEST(CaptionLayoutTest, CaptionMayOpenOnALowerCasePanelLetter) {
    const PageLayout page = page_with({block_at({"Fig. 1 a ISSR profile of 17 genotypes and b RAPD profile"}, 51, 58, 0)}, false);
    ASSERT_EQ(find_captions({page}, 10).size(), 1u);
    EXPECT_EQ(find_captions({page}, 10)[0].text, "a ISSR profile of 17 genotypes and b RAPD profile");
    // Running text after a label goes on in lower case: a mention.
    const PageLayout mention = page_with({block_at({"Fig. 1 a shows the profile of the genotypes"}, 51, 58, 0)}, false);
    EXPECT_TRUE(find_captions({mention}, 10).empty());
}

}  // namespace
}  // namespace pubforge::pdf
