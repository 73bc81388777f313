// Figure references in running text: numbers, panels, ranges, lists, languages, sentences.
#include "pubforge/text/mentions.hpp"

#include <gtest/gtest.h>

namespace pubforge::text {
namespace {

using Panels = std::vector<std::string>;

TEST(MentionsTest, SingleFigureWithPanels) {
    const std::string text = "Tumours grew faster (Fig. 2B). Survival fell (Figure 2B–D).";
    const auto refs = find_figure_references(text);
    ASSERT_EQ(refs.size(), 2u);
    EXPECT_EQ(refs[0].text, "Fig. 2B");
    EXPECT_EQ(text.substr(refs[0].begin, refs[0].end - refs[0].begin), "Fig. 2B");
    EXPECT_EQ(refs[0].figures.at(0).number, "2");
    EXPECT_EQ(refs[0].figures[0].panels, (Panels{"B"}));
    EXPECT_EQ(refs[1].figures.at(0).panels, (Panels{"B", "C", "D"}));
}

TEST(MentionsTest, SeveralFiguresAndRanges) {
    const auto refs = find_figure_references("as reported (Figures 3 and 4; Figs. 5-7, Fig. 2A and C)");
    ASSERT_EQ(refs.size(), 3u);
    ASSERT_EQ(refs[0].figures.size(), 2u);
    EXPECT_EQ(refs[0].figures[1].number, "4");
    ASSERT_EQ(refs[1].figures.size(), 3u);
    EXPECT_EQ(refs[1].figures[1].number, "6");
    EXPECT_EQ(refs[2].figures[0].panels, (Panels{"A", "C"}));
}

TEST(MentionsTest, HugeNumbersAreNotExpandedAsRanges) {
    // A number past int used to reach std::stoi and escape as std::out_of_range.
    const auto refs = find_figure_references("see Figures 1-99999999999 and Figs. 99999999999999-2");
    ASSERT_EQ(refs.size(), 2u);
    ASSERT_EQ(refs[0].figures.size(), 2u);
    EXPECT_EQ(refs[0].figures[1].number, "99999999999");
    EXPECT_EQ(refs[1].figures[0].number, "99999999999999");
}

TEST(MentionsTest, SupplementaryAndPortuguese) {
    const auto refs = find_figure_references("ver Figura 1 e a Fig. S2b.");
    ASSERT_EQ(refs.size(), 2u);
    EXPECT_EQ(refs[0].figures[0].number, "1");
    EXPECT_EQ(refs[1].figures[0].number, "S2");
    EXPECT_EQ(refs[1].figures[0].panels, (Panels{"b"}));
}

TEST(MentionsTest, ELifeFigureSupplementsAreNotTheirFigure) {
    const std::string text =
        "Spines were counted (Figure 3—figure supplement 2B). Controls are in Figure 3—figure supplements 1 and 4, "
        "and the full series in Figure 5–figure supplements 1-3; Figure 3 shows the summary.";
    const auto refs = find_figure_references(text);
    ASSERT_EQ(refs.size(), 4u);
    ASSERT_EQ(refs[0].figures.size(), 1u);
    EXPECT_EQ(refs[0].figures[0].number, "3 figure supplement 2");
    EXPECT_EQ(refs[0].figures[0].panels, (Panels{"B"}));
    EXPECT_EQ(refs[0].text, "Figure 3—figure supplement 2B");
    ASSERT_EQ(refs[1].figures.size(), 2u);
    EXPECT_EQ(refs[1].figures[0].number, "3 figure supplement 1");
    EXPECT_EQ(refs[1].figures[1].number, "3 figure supplement 4");
    ASSERT_EQ(refs[2].figures.size(), 3u);
    EXPECT_EQ(refs[2].figures[1].number, "5 figure supplement 2");
    ASSERT_EQ(refs[3].figures.size(), 1u);
    EXPECT_EQ(refs[3].figures[0].number, "3");
    // The label of the supplement itself reads the same way, so mentions find it and not figure 3.
    EXPECT_EQ(figure_number("Figure 3—figure supplement 2."), "3 figure supplement 2");
    EXPECT_EQ(figure_number("Figure 3."), "3");
    EXPECT_EQ(panels_named("Figure 3—figure supplement 2B", "3 figure supplement 2"), (Panels{"B"}));
}

TEST(MentionsTest, NotFigures) {
    EXPECT_TRUE(find_figure_references("Table 2 and the configuration of figs are listed.").empty());
    EXPECT_TRUE(find_figure_references("A transfiguration 3 occurred.").empty());
}

TEST(MentionsTest, SentenceAroundSkipsAbbreviations) {
    const std::string text = "First sentence. Cells grew (see Fig. 3, et al. 2010) quickly. Last one.";
    const auto [b, e] = sentence_around(text, text.find("Fig."));
    EXPECT_EQ(text.substr(b, e - b), "Cells grew (see Fig. 3, et al. 2010) quickly.");
}

TEST(MentionsTest, PanelsNamedByXrefText) {
    EXPECT_EQ(panels_named("Figure 2B-D", "2"), (Panels{"B", "C", "D"}));
    EXPECT_EQ(panels_named("2A", "2"), (Panels{"A"}));
    EXPECT_TRUE(panels_named("Figure 2", "2").empty());
}

TEST(MentionsTest, FigureNumberFromLabel) {
    EXPECT_EQ(figure_number("Figure 3"), "3");
    EXPECT_EQ(figure_number("Fig. S2."), "S2");
    EXPECT_EQ(figure_number("Figura 12"), "12");
    EXPECT_EQ(figure_number("Scheme"), "");
}

TEST(MentionsTest, SentenceAroundARangeSkipsAbbreviationsInsideAndAround) {
    const std::string text = "Cells grew. As shown in Fig. 2 by Smith et al. the effect (e.g. in Figure 3B) is large. Next.";
    const size_t at = text.find("Figure 3B");
    const auto [start, end] = sentence_around(text, at, at + 9);
    EXPECT_EQ(text.substr(start, end - start),
              "As shown in Fig. 2 by Smith et al. the effect (e.g. in Figure 3B) is large.");
    const auto [s2, e2] = sentence_around(text, 0, 5);
    EXPECT_EQ(text.substr(s2, e2 - s2), "Cells grew.");
    const std::string open = "No full stop (Figure 1)";
    const auto [s3, e3] = sentence_around(open, 14, 22);
    EXPECT_EQ(open.substr(s3, e3 - s3), open);
}

}  // namespace
}  // namespace pubforge::text
