// Which part of a caption a panel label owns: labels written inside a sentence own the whole sentence.
#include "pubforge/text/caption_split.hpp"

#include <gtest/gtest.h>

#include "split_support.hpp"

#include <string>

namespace pubforge::text {
namespace {

using testing::text_of;

TEST(CaptionPiecesTest, LabelsInsideASentenceTakeItsHeadAndTheSentencesAfterIt) {
    const CaptionSplit split = split_caption(
        "Viral load in co-infected animals. (A) Survival curves of both groups. Plasma RNA levels are shown for "
        "(B) co-infected and (C) virus-only groups. Set points were 2.6 and 9.9 million copies/ml, respectively.");
    EXPECT_EQ(text_of(split, "A"), "Survival curves of both groups.");
    // Each label: the sentence's opening words, its own words, then the sentences that go on about both.
    EXPECT_EQ(text_of(split, "B"),
              "Plasma RNA levels are shown for co-infected Set points were 2.6 and 9.9 million copies/ml, respectively.");
    EXPECT_EQ(text_of(split, "C"),
              "Plasma RNA levels are shown for virus-only groups. Set points were 2.6 and 9.9 million copies/ml, "
              "respectively.");
    EXPECT_EQ(split.shared, "Viral load in co-infected animals.");
}

TEST(CaptionPiecesTest, SentencesAfterAJoinedListOfLabelsGoToEachOfThem) {
    const CaptionSplit split = split_caption(
        "Dermoid cyst in a woman with cervical cancer. (a) Coronal and (b) axial T2-weighted images show the tumour. "
        "A fat-containing mass lies behind the uterus. (c) CT of the pelvis.");
    const std::string after = "A fat-containing mass lies behind the uterus.";
    EXPECT_EQ(text_of(split, "a"), "Coronal " + after);
    EXPECT_EQ(text_of(split, "b"), "axial T2-weighted images show the tumour. " + after);
    EXPECT_EQ(text_of(split, "c"), "CT of the pelvis.");
    // Items without sentence marks between them are separate panels: nothing is shared.
    const CaptionSplit items = split_caption(
        "Cyclops nanus, female: A caudal ramus, ventral view B mandible, posterior view C maxilla, anterior view. "
        "Arrows point to the setae.");
    EXPECT_EQ(text_of(items, "A"), "caudal ramus, ventral view");
}

TEST(CaptionPiecesTest, LabelsOpeningTheirTextKeepTheirOwnPiece) {
    // "(A) Bone marrow (B) Liver": each label comes before its text, nothing is shared.
    const CaptionSplit list = split_caption("Erg in adult tissues: (A) Bone marrow (B) Liver (C) Lung.");
    EXPECT_EQ(text_of(list, "A"), "Bone marrow");
    EXPECT_EQ(text_of(list, "C"), "Lung.");
    // "(b) weak, (c) moderate": after a comma a label opens a clause.
    const CaptionSplit graded = split_caption("SOX9 staining. (a) negative, (b) weak, (c) moderate, (d) strong.");
    EXPECT_EQ(text_of(graded, "b"), "weak");
}

TEST(CaptionPiecesTest, SharedClosingNotesLeaveEverySharingLabel) {
    const CaptionSplit split = split_caption(
        "Cytokines after blast. (A) Timeline. Levels of IL-1 (B) and IL-10 (C) were measured by arrays. "
        "Scale bars, 20 um.");
    EXPECT_EQ(text_of(split, "B"), "Levels of IL-1 and IL-10 were measured by arrays.");
    EXPECT_EQ(text_of(split, "C"), text_of(split, "B"));
    EXPECT_EQ(split.shared, "Cytokines after blast. Scale bars, 20 um.");
}

TEST(CaptionPiecesTest, ASentenceOpeningBeforeItsLabelsHeadsEachOfThem) {
    const CaptionSplit split = split_caption(
        "Vertebrae of a new kangaroo. Cervical vertebrae in (A) posterior and (B) lateral views. Scale bar, 10 mm.");
    EXPECT_EQ(split.shared, "Vertebrae of a new kangaroo. Scale bar, 10 mm.");
    const std::string caption = "Vertebrae of a new kangaroo. Cervical vertebrae in (A) posterior and (B) lateral views.";
    const CaptionSplit heads = split_caption(caption);
    EXPECT_EQ(text_of(heads, "A"), "Cervical vertebrae in posterior");
    EXPECT_EQ(text_of(heads, "B"), "Cervical vertebrae in lateral views.");
    // The span stays the label's own words.
    for (const Subcaption& s : heads.subcaptions)
        EXPECT_NE(s.text.find(caption.substr(s.begin, s.end - s.begin)), std::string::npos);
}

TEST(CaptionPiecesTest, LabelsAfterTheirTextShareTheSentencesPredicate) {
    const CaptionSplit split = split_caption(
        "Estrogen receptor represses HYAL1. Transfection was checked by immunoblotting (A) and Q-PCR (B). "
        "Transcripts of HYAL1 (C), GREB1 (D) and TFF1 (E) were measured by Q-PCR in the same cells. "
        "(-) marks empty-vector controls.");
    const std::string predicate = "were measured by Q-PCR in the same cells. (-) marks empty-vector controls.";
    EXPECT_EQ(text_of(split, "C"), "Transcripts of HYAL1 " + predicate);
    EXPECT_EQ(text_of(split, "D"), "GREB1 " + predicate);
    EXPECT_EQ(text_of(split, "E"), "TFF1 " + predicate);
    // A sentence that groups the panels anew is not theirs to share.
    const CaptionSplit grouped = split_caption(
        "Ki-67 in mouse organs. Staining in the liver (A, B), kidney (C, D) and spleen (E, F) of control (A, C, E) "
        "or treated mice (B, D, F).");
    EXPECT_EQ(text_of(grouped, "C"), "kidney");
}

TEST(CaptionPiecesTest, ClosingSentencesNamingEarlierPanelsGoToThem) {
    const CaptionSplit split = split_caption(
        "In situ hybridisation of a gene in breast tissue. A, D: antisense probe. B, E: sense probe. "
        "C, F: haematoxylin-eosin. The transcript is abundant in carcinoma (D), less so in normal ducts (A). "
        "In B, the background is shown at higher power.");
    EXPECT_EQ(text_of(split, "A"),
              "antisense probe. The transcript is abundant in carcinoma (D), less so in normal ducts (A).");
    EXPECT_EQ(text_of(split, "B"), "sense probe. In B, the background is shown at higher power.");
    EXPECT_EQ(text_of(split, "C"), "haematoxylin-eosin.");
    // A closing sentence that names the last panel too stays with it.
    const CaptionSplit own = split_caption(
        "Tumour growth. (A) Volumes over time. (B) Weights at day 21. Weights in (B) match volumes in (A).");
    EXPECT_EQ(text_of(own, "B"), "Weights at day 21. Weights in (B) match volumes in (A).");
}

}  // namespace
}  // namespace pubforge::text
