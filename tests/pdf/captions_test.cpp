// Tests of caption label recognition and of the cascade that keeps in-text mentions out.
#include "pubforge/pdf/captions.hpp"

#include <gtest/gtest.h>

#include "layout_support.hpp"

namespace pubforge::pdf {
namespace {

TEST(CaptionsTest, RecognisesLabelVariants) {
    const struct {
        const char* line;
        const char* kind;
        const char* label;
        const char* number;
        const char* text;
    } cases[] = {
        {"Figure 1: Overview of the tuples", "figure", "Figure 1", "1", "Overview of the tuples"},
        {"Fig. 2. Schematic model", "figure", "Fig. 2", "2", "Schematic model"},
        {"FIGURE 3 Weak electric fields", "figure", "FIGURE 3", "3", "Weak electric fields"},
        {"Table 1. Precision and recall", "table", "Table 1", "1", "Precision and recall"},
        {"Supplementary Figure S1. Controls", "figure", "Supplementary Figure S1", "S1", "Controls"},
        {"Extended Data Fig. 2 | Gating", "figure", "Extended Data Fig. 2", "2", "Gating"},
        {"Figura 1 - Comparação do idioma", "figure", "Figura 1", "1", "Comparação do idioma"},
        {"Tabela 2. Triagem fitoquímica", "table", "Tabela 2", "2", "Triagem fitoquímica"},
        {"Table 3.1: Nested numbering", "table", "Table 3.1", "3.1", "Nested numbering"},
        {"TABLE IV. Roman numbering", "table", "TABLE IV", "IV", "Roman numbering"},
        {"Figure. 1: (a) R xx and R xy", "figure", "Figure. 1", "1", "(a) R xx and R xy"},
        {"Figura. Índices-h e medianas", "figure", "Figura", "", "Índices-h e medianas"},
        {"Figure-1 Study flow chart", "figure", "Figure 1", "1", "Study flow chart"},
        {"Graph 1 Mean scores by group", "figure", "Graph 1", "1", "Mean scores by group"},
        {"Chart 2. Distribution of cases", "figure", "Chart 2", "2", "Distribution of cases"},
        {"Gráfico 3 - Evolução mensal", "figure", "Gráfico 3", "3", "Evolução mensal"},
        {"Fig. 1: Study area", "figure", "Fig. 1", "1", "Study area"},
        {"FIGURE 1 | Workflow", "figure", "FIGURE 1", "1", "Workflow"},
        {"Supplementary Figure S2 Controls", "figure", "Supplementary Figure S2", "S2", "Controls"},
    };
    for (const auto& c : cases) {
        const auto label = match_caption_label(c.line);
        ASSERT_TRUE(label) << c.line;
        EXPECT_EQ(label->kind, c.kind) << c.line;
        EXPECT_EQ(label->label, c.label) << c.line;
        EXPECT_EQ(label->number, c.number) << c.line;
        EXPECT_EQ(std::string(c.line).substr(label->text_start), c.text) << c.line;
    }
}

TEST(CaptionsTest, RejectsPluralsListsAndWordsThatOnlyStartLikeLabels) {
    for (const char* line : {"Figures 2 and 3 show the results", "Tables 1-4 list", "Figure 2, 3 and 4 together",
                             "Tablet computers were used", "Table Ideas for later", "Figure shows nothing", "Figurative",
                             "Graphs 1 and 2 compare", "Charted waters"})
        EXPECT_FALSE(match_caption_label(line)) << line;
}

Line line_of(const std::string& text, double top, double size = 9) { return test_lines::text_line(text, 72, top, size); }

PageLayout page_of(const std::vector<std::vector<std::string>>& blocks) {
    PageLayout page;
    page.number = 1;
    page.width = 612;
    page.height = 792;
    double top = 72;
    for (const auto& lines : blocks) {
        Block block;
        for (const std::string& text : lines) {
            block.lines.push_back(line_of(text, top));
            block.box = block.box.united(block.lines.back().box);
            top += 11;
        }
        block.font_size = 9;
        page.blocks.push_back(block);
        top += 20;
    }
    return page;
}

TEST(CaptionsTest, CascadeKeepsCaptionsAndDropsMentions) {
    const PageLayout page = page_of({
        {"We ran the study as shown in", "Figure 2 the trend is clear and strong."},
        {"Figure 2 shows the trend over the three years."},
        {"Figure 2: The trend over three years. Bars are", "standard errors."},
        {"Table 1 (continued)"},
        {"Fig. 3). Then we moved on."},
    });
    const auto captions = find_captions({page}, 9);
    ASSERT_EQ(captions.size(), 1u);
    EXPECT_EQ(captions[0].label.label, "Figure 2");
    EXPECT_EQ(captions[0].text, "The trend over three years. Bars are standard errors.");
    EXPECT_EQ(captions[0].block, 2u);
}

TEST(CaptionsTest, CaptionStopsAtSourceNotes) {
    const PageLayout page = page_of({{"Figure 1 – Author cocitation network.", "Source: Elaborated by the authors."}});
    const auto captions = find_captions({page}, 10);
    ASSERT_EQ(captions.size(), 1u);
    EXPECT_EQ(captions[0].text, "Author cocitation network.");
}

TEST(CaptionsTest, NotesAndAbbreviationsUnderACaptionBelongToIt) {
    const PageLayout page = page_of({{"Figure 1 Participant disposition.", "Abbreviations: LEEP, loop excision.",
                                      "Notes: two women withdrew."}});
    const auto captions = find_captions({page}, 10);
    ASSERT_EQ(captions.size(), 1u);
    EXPECT_EQ(captions[0].text, "Participant disposition. Abbreviations: LEEP, loop excision. Notes: two women withdrew.");
}

// A caption line that carries on an unfinished sentence is caption text even when short text stands beside it
// (a side caption next to a table's rows, or the last line of a paragraph in the next column).
TEST(CaptionsTest, UnfinishedSentenceBesideOtherTextIsNotCutAsATableRow) {
    PageLayout page = page_of({{"Table 3 Model output from all", "GAMMs analysing behavioural", "responses in trials"}});
    Block cells;
    cells.lines.push_back(line_of("Estimate", page.blocks[0].lines[1].box.y0, 9));
    cells.lines.back().box.x0 = 300;
    cells.lines.back().box.x1 = 340;
    cells.box = cells.lines.back().box;
    page.blocks.push_back(cells);
    const auto captions = find_captions({page}, 10);
    ASSERT_EQ(captions.size(), 1u);
    EXPECT_EQ(captions[0].text, "Model output from all GAMMs analysing behavioural responses in trials");
}

}  // namespace
}  // namespace pubforge::pdf
