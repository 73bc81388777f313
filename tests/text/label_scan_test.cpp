// Label scanning rules learned on Zou's PMC captions: run-in letters, numbered panels, hierarchies, grouped references.
#include "pubforge/text/caption_split.hpp"

#include <gtest/gtest.h>

#include "split_support.hpp"

#include <string>
#include <vector>

namespace pubforge::text {
namespace {

using Labels = std::vector<std::string>;

Labels labels_of(std::string_view caption) {
    Labels out;
    for (const Subcaption& s : split_caption(caption).subcaptions) out.push_back(s.label);
    return out;
}

Labels labels_of_split(const CaptionSplit& split) {
    Labels out;
    for (const Subcaption& s : split.subcaptions) out.push_back(s.label);
    return out;
}

using testing::text_of;

TEST(LabelScanTest, PeriodInsideTheBracket) {
    const CaptionSplit split = split_caption(
        "Vesicles at the cell surface. (a.) Immunofluorescence with an anti-PLAP antibody shows two vesicles. "
        "(b.) Scanning electron microscopy of the same cells. Bar: 1 um.");
    EXPECT_EQ((Labels{"a", "b"}), labels_of("T. (a.) One view. (b.) Other view."));
    EXPECT_EQ(text_of(split, "b"), "Scanning electron microscopy of the same cells.");
}

TEST(LabelScanTest, RangesAndListsBeforeACommaOrSemicolon) {
    EXPECT_EQ((Labels{"A", "B", "C", "D", "E", "F"}),
              labels_of("Sacral vertebrae of a sauropod. A–B, dorsal view. C–D, ventral view. E–F, lateral view. "
                        "Scale bar represents 10 mm."));
    EXPECT_EQ((Labels{"A", "B", "C", "D"}),
              labels_of("Forelimb bones. A–B, humerus in medial and frontal views; C–D; radius in lateral view."));
}

TEST(LabelScanTest, AndAfterAClauseMarkKeepsTheClauseStart) {
    const CaptionSplit split = split_caption("Dorsal vertebra, MNHN 112. A, anterior; B, posterior; C, dorsal; and D, ventral views.");
    EXPECT_EQ((Labels{"A", "B", "C", "D"}), labels_of("Dorsal vertebra, MNHN 112. A, anterior; B, posterior; C, dorsal; and D, ventral views."));
    EXPECT_EQ(text_of(split, "D"), "ventral views.");
    EXPECT_EQ((Labels{"A", "B"}), labels_of("Endocast of the holotype. A, latex endocast and B, interpretation in dorsal view."));
}

TEST(LabelScanTest, NoteThenLabelsAfterAColon) {
    // Subcaptions come in the order printed.
    EXPECT_EQ((Labels{"A", "B", "F", "E", "C", "D"}),
              labels_of("Vertebrae and rib (PIN 15/2: A, B, F), a rib close-up (E), and long bones (PIN 15/3a, b: C, D) in "
                        "lateral view."));
}

TEST(LabelScanTest, PanelOpeningASentenceIntroducesIt) {
    EXPECT_EQ((Labels{"A", "B"}),
              labels_of("Antigen detection in cord blood. Dissociation restored detection of the antigen (A). Panel (B) "
                        "shows the antigen before and after dissociation."));
    // Mid-sentence it still points back.
    EXPECT_EQ((Labels{"A", "B"}), labels_of("T. (A) Control. (B) Treated, as in panel (A) but with drug."));
}

TEST(LabelScanTest, ListsOfNumeralsOrResiduesAreNotNotesOnAPanel) {
    EXPECT_EQ((Labels{"A", "B", "C", "D", "E", "F", "G"}),
              labels_of("Rab3D in tumours. (A) Blots. (B) Blots. (C) Blots. (D) Staining. (E) Scores. (F) Staining. "
                        "(G) Association with tumour stage (I, II, III-IV) and grade (1, 2 and 3)."));
    EXPECT_EQ((Labels{"A", "B", "C", "D"}),
              labels_of("Docking. (A) Dimer interface. (B) Motif. (C) Celecoxib and (D) DMC in the pocket lined by "
                        "(F7, L24, S26, Y37 and W4)."));
}

TEST(LabelScanTest, RunInLettersWhenMostOfTheChainIsRunIn) {
    const CaptionSplit split = split_caption(
        "Leucotrichia sp. (USNM 1045). Male genitalia: A segments IX–X, lateral B segments VII–VIII, lateral "
        "C phallus, dorsal D phallus, ventral.");
    Labels got;
    for (const Subcaption& s : split.subcaptions) got.push_back(s.label);
    EXPECT_EQ((Labels{"A", "B", "C", "D"}), got);
    EXPECT_EQ(text_of(split, "B"), "segments VII–VIII, lateral");
    // One stray capital in running text is a word: "hepatitis C", "vitamin B".
    EXPECT_EQ((Labels{"A", "B"}), labels_of("Liver biopsies. (A) Steatosis. (B) Fibrosis in hepatitis C infection."));
    EXPECT_EQ((Labels{"A", "B"}), labels_of("Diet study. (A) Weight gain. (B) Serum levels after vitamin B supplement."));
}

TEST(LabelScanTest, NumberedPanelsRunIn) {
    const CaptionSplit split = split_caption(
        "Oophorectomy with loop ligation in four steps. 1. Placing the first loop 2. Resection after three loops "
        "3. Coagulation of the stump 4. Morcellation through a 15 mm trocar");
    EXPECT_EQ(split.shared, "Oophorectomy with loop ligation in four steps.");
    ASSERT_EQ(split.subcaptions.size(), 4u);
    EXPECT_EQ(text_of(split, "2"), "Resection after three loops");
    // A number closing a sentence is no panel: "at day 3. After ...".
    EXPECT_TRUE(labels_of("Mice were infected and followed until day 3. After that, all were treated.").empty());
}

TEST(LabelScanTest, NumberedPanelsWithoutPeriodsInAPlate) {
    const CaptionSplit split = split_caption(
        "1-2 Panesthia nova sp. n., male: 1 holotype, dorsal view 2 same, ventral view 3-4 Panesthia nova sp. n., "
        "nymph: 3 paratype, dorsal view 4 same, ventral view. Scale bars = 1 cm.");
    EXPECT_EQ(labels_of_split(split), (Labels{"1", "2", "3", "4"}));
    EXPECT_EQ(text_of(split, "3"), "paratype, dorsal view");
    // Counts in running text are no panels: three of them, or a caption not opening with "1".
    EXPECT_TRUE(labels_of("1 day after injury the cells divide, 2 days later they migrate and 3 weeks later they die.").empty());
    EXPECT_TRUE(labels_of("Mice were sampled at 1 week, 2 weeks, 3 weeks and 4 weeks after infection.").empty());
    // Numbers with periods still win over a stray count ("3 loops") among them.
    EXPECT_EQ(labels_of("Ligation in four steps. 1. Placing the first loop 2. Resection after 3 loops 3. Coagulation "
                        "of the stump 4. Morcellation through a trocar"),
              (Labels{"1", "2", "3", "4"}));
}

TEST(LabelScanTest, PrimedViewsArePartOfTheirPanel) {
    EXPECT_EQ(labels_of("IL-17RC in tissues. Open arrows: muscle cells (A and A'), smooth muscle (B and B'), "
                        "adipocytes (C, C\u2032) and chondrocytes (D and D'). Original magnification x400."),
              (Labels{"A", "B", "C", "D"}));
}

TEST(LabelScanTest, SubLabelsOfAGivenPanelAreItsText) {
    const CaptionSplit split = split_caption(
        "Hindlimb bones. A, left innominate in lateral view; B, left femur in dorsal (B1), medial (B2) and distal "
        "(B3) views; C, right tibia in proximal (C1) and dorsal (C2) views; D, fibula in dorsal (D1) and "
        "proximal (E4) views.");
    EXPECT_EQ((Labels{"A", "B", "C", "D"}), [&] {
        Labels l;
        for (const Subcaption& s : split.subcaptions) l.push_back(s.label);
        return l;
    }());
    EXPECT_EQ(text_of(split, "B"), "left femur in dorsal (B1), medial (B2) and distal (B3) views");
}

TEST(LabelScanTest, NumberRangesDoNotOutvoteLetters) {
    EXPECT_EQ((Labels{"A", "B", "C"}),
              labels_of("Profiles of sera and effusions. (A) Bars are sera and dots effusions. (1-8) on the x axis are "
                        "sera while (9-16) are effusions. (B) and (C): peaks as in Figure 2."));
    EXPECT_EQ((Labels{"A", "B", "C"}),
              labels_of("Ang IV acts more than Ang-(1–7). (A) Dose response. (B) Ang II, Ang-(1–7) or Ang IV at 10 nM. "
                        "(C) Antagonists of AT1, AT2 and MAS (n = 5)."));
}

TEST(LabelScanTest, LettersThatAreWordsOrAbbreviations) {
    // "H&E" is a stain, "S.D." and "i.e." are abbreviations.
    EXPECT_EQ((Labels{"A", "B", "C"}),
              labels_of("Metastasis model. A, Cells injected through the tail vein. B, H&E staining of lung. C, "
                        "Immunostaining of lung."));
    EXPECT_EQ((Labels{"a", "b"}),
              labels_of("Channel structure. (a) Top view of the pore. (b) Side view, i.e. from the membrane plane."));
    EXPECT_EQ((Labels{"A", "B"}),
              labels_of("PGD2 release. (A) Release after 7 h. (B) Blots of lysates. Results are mean ± S.D. of three "
                        "experiments."));
}

TEST(LabelScanTest, PanelsNamedBeforeTheFirstLabel) {
    EXPECT_EQ((Labels{"B", "C", "A", "D", "E"}),
              labels_of("Placental measures. Areas of necrosis (B) and intervillous space (C) were counted on a grid (A). "
                        "Space per necrosis (D) and per barrier thickness (E) were computed. Graphs (B, C, D and E) "
                        "show transformed data."));
}

TEST(LabelScanTest, LabelsOpeningABracketWithAColon) {
    EXPECT_EQ((Labels{"a", "b"}),
              labels_of("Funnel plot of study biases (a: patients vs. benign controls; b: patients vs. healthy controls)"));
}

TEST(LabelScanTest, TwoRunInLabelsOpeningCapitalisedText) {
    EXPECT_EQ((Labels{"A", "B"}),
              labels_of("Leaf mines of a moth on avocado. A General view, note the mine (arrow) B Damage caused by "
                        "larval feeding."));
    // Lower-case text after a lone capital reads as a sentence: no split.
    EXPECT_TRUE(labels_of("Leaf mines. A general view of the mine (arrow) B lower side.").empty());
}

TEST(LabelScanTest, PartsOfOnePanelListedTogetherAreThatPanel) {
    EXPECT_EQ((Labels{"A", "B", "C"}),
              labels_of("Invasion assays. (A) Invasion scores. (B1 and B2) Glial cells stained for CXCR4. (C) Invasion "
                        "after DKK2."));
    // Given one by one they stay parts.
    EXPECT_EQ((Labels{"A", "B1", "B2", "C"}),
              labels_of("Aptamer staining. (A) Scores. (B1) Normal tissue; (B2) BPH; (C) Lymphoma."));
}

TEST(LabelScanTest, OneLabelInTheOtherCaseFillsAGap) {
    EXPECT_EQ((Labels{"a", "b", "c", "D", "e"}),
              labels_of("Antioxidant profiles. (a) Effect on MDA. (b) Effect on total capacity. (c) Effect on SOD. "
                        "D. Effect on GPx. (e) Effect on catalase."));
}

TEST(LabelScanTest, NumberedPanelsGluedToThePreviousWord) {
    EXPECT_EQ((Labels{"1", "2", "3", "4"}),
              labels_of("Enucleation of an ovarian cyst. 1. Capsular incision2. Cyst resection3. Ovarian suture4. "
                        "Final aspect"));
    EXPECT_TRUE(labels_of("Staining for p53. Nuclei were counted.").empty());
}

TEST(LabelScanTest, AmpersandListsStayListsAndNumberedNotesStayNotes) {
    // "A&C" is a list of panels even though "H&E" is a stain.
    EXPECT_EQ((Labels{"A", "C", "B", "D"}), labels_of("Budding tumour cells. Arrows: basal cells. A&C: 100X. B&D: 300X."));
    // Two numbered notes are not panels; a run of three numbered items is.
    EXPECT_TRUE(labels_of("Mortality by county, 2006-2010. Note: 1. Counties marked missing lack data. 2. Quintiles use "
                          "non-zero counties only.")
                    .empty());
    // "(A; 1- urinary bladder; 2- prostate)": a label, then a numbered key of that panel.
    EXPECT_EQ((Labels{"A", "B"}),
              labels_of("Bladder morphology. Position of the bladder in the pelvis (A; 1- urinary bladder; 2- prostate). "
                        "Staining of the bladder wall (B; 3- blood vessel)."));
}

}  // namespace
}  // namespace pubforge::text
