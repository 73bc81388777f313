// Caption splitting: every label style, every false-label trap, and bad input.
#include "pubforge/text/caption_split.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "pubforge/text/utf8.hpp"

namespace pubforge::text {
namespace {

std::vector<std::string> labels_of(const CaptionSplit& split) {
    std::vector<std::string> out;
    for (const Subcaption& s : split.subcaptions) out.push_back(s.label);
    return out;
}

const Subcaption* find(const CaptionSplit& split, const std::string& label) {
    for (const Subcaption& s : split.subcaptions)
        if (s.label == label) return &s;
    return nullptr;
}

using Labels = std::vector<std::string>;

TEST(CaptionSplitTest, ParenthesisedCapitalsWithTitleAndSharedTail) {
    const std::string caption =
        "Expression of Hsp-27 in prostate tissue. (A) Normal tissue with luminal staining. (B) Hyperplastic "
        "epithelium. (C) Carcinoma, Gleason 4+3. Scale bars, 50 um.";
    const CaptionSplit split = split_caption(caption);
    EXPECT_EQ(labels_of(split), (Labels{"A", "B", "C"}));
    EXPECT_EQ(split.shared, "Expression of Hsp-27 in prostate tissue. Scale bars, 50 um.");
    EXPECT_EQ(find(split, "B")->text, "Hyperplastic epithelium.");
    EXPECT_EQ(find(split, "C")->text, "Carcinoma, Gleason 4+3.");
}

TEST(CaptionSplitTest, SpansAreByteOffsetsOfTheText) {
    const std::string caption = "Título — imagens. (A) Próstata normal. (B) Carcinoma.";
    const CaptionSplit split = split_caption(caption);
    ASSERT_EQ(split.subcaptions.size(), 2u);
    for (const Subcaption& s : split.subcaptions) EXPECT_EQ(caption.substr(s.begin, s.end - s.begin), s.text);
}

TEST(CaptionSplitTest, EveryMarkerStyle) {
    EXPECT_EQ(labels_of(split_caption("Title. A) First panel. B) Second panel.")), (Labels{"A", "B"}));
    EXPECT_EQ(labels_of(split_caption("Title. A. First panel. B. Second panel.")), (Labels{"A", "B"}));
    EXPECT_EQ(labels_of(split_caption("Title. A: first panel. B: second panel.")), (Labels{"A", "B"}));
    EXPECT_EQ(labels_of(split_caption("Title. A - first panel. B - second panel.")), (Labels{"A", "B"}));
    EXPECT_EQ(labels_of(split_caption("Title. A, prostate tumor; B, thyroid tumor.")), (Labels{"A", "B"}));
    EXPECT_EQ(labels_of(split_caption("Title. [a] first panel. [b] second panel.")), (Labels{"a", "b"}));
    EXPECT_EQ(labels_of(split_caption("Cell lines. a Western blot of lysates. b Quantification of bands.")),
              (Labels{"a", "b"}));
}

TEST(CaptionSplitTest, RangesListsAndConjunctionsExpand) {
    const CaptionSplit split =
        split_caption("Title. (A-C) Sections of three tumours. (D, E) Blots. (F and G) Curves. (H–J) Maps.");
    EXPECT_EQ(labels_of(split), (Labels{"A", "B", "C", "D", "E", "F", "G", "H", "I", "J"}));
    EXPECT_EQ(find(split, "B")->text, "Sections of three tumours.");
    EXPECT_EQ(find(split, "E")->text, "Blots.");
    // Nature style with lists and en-dash ranges.
    const CaptionSplit nature =
        split_caption("Formation of stripes. a, b Schematic of synthesis. c–e SEM images of BM, PM and SMNp.");
    EXPECT_EQ(labels_of(nature), (Labels{"a", "b", "c", "d", "e"}));
    EXPECT_EQ(nature.shared, "Formation of stripes.");
    // "(C)-(E)": a range written with two bracketed labels.
    EXPECT_EQ(labels_of(split_caption("T. (A) One. (B) Two. (C)-(E) Three to five.")),
              (Labels{"A", "B", "C", "D", "E"}));
}

TEST(CaptionSplitTest, ALabelWithNothingOfItsOwnSharesTheNextText) {
    const CaptionSplit split = split_caption("(A) Carcinoid tumor, (B) and C) prostatic adenocarcinoma.");
    EXPECT_EQ(labels_of(split), (Labels{"A", "B", "C"}));
    EXPECT_EQ(find(split, "B")->text, "prostatic adenocarcinoma.");
    EXPECT_EQ(find(split, "C")->text, find(split, "B")->text);
}

TEST(CaptionSplitTest, SubPanelsRomanAndDigits) {
    EXPECT_EQ(labels_of(split_caption("(A) Score. (B1) Normal; (B2) BPH; (B3) PCa; (C) Lymphoma.")),
              (Labels{"A", "B1", "B2", "B3", "C"}));
    EXPECT_EQ(labels_of(split_caption("Stages. (i) early; (ii) middle; (iii) late; (iv) necrosis.")),
              (Labels{"i", "ii", "iii", "iv"}));
    EXPECT_EQ(labels_of(split_caption("Protocol. (1) Harvest cells. (2) Fix them. (3) Stain.")),
              (Labels{"1", "2", "3"}));
}

TEST(CaptionSplitTest, PositionWordsWhenThereAreNoLetters) {
    const CaptionSplit split = split_caption("Brain MRI. Left: T1-weighted image. Right: FLAIR image.");
    EXPECT_EQ(labels_of(split), (Labels{"Left", "Right"}));
    EXPECT_EQ(find(split, "Right")->text, "FLAIR image.");
    EXPECT_EQ(labels_of(split_caption("Knee. Upper left: sagittal view. Inset: detail of the meniscus.")),
              (Labels{"Upper left", "Inset"}));
}

TEST(CaptionSplitTest, LabelsAfterTheirText) {
    const CaptionSplit split = split_caption("Sections of the liver (A), kidney (B) and spleen (C).");
    EXPECT_EQ(labels_of(split), (Labels{"A", "B", "C"}));
    EXPECT_EQ(find(split, "A")->text, "Sections of the liver");
    EXPECT_EQ(find(split, "B")->text, "kidney");
    EXPECT_EQ(find(split, "C")->text, "spleen .");
}

TEST(CaptionSplitTest, ListsThatSkipLabelsAreFilledLater) {
    EXPECT_EQ(labels_of(split_caption("Tissue. A and C: 100X. B and D: 300X magnification of A and C.")),
              (Labels{"A", "C", "B", "D"}));
    EXPECT_EQ(labels_of(split_caption("Images of (a,b) particles and (d,e) cages. Sizes of (c) particles and (f) cages.")),
              (Labels{"a", "b", "d", "e", "c", "f"}));
}

TEST(CaptionSplitTest, ReferencesToPanelsAreNotLabels) {
    const CaptionSplit split = split_caption(
        "(A) Tumour stained for CD57. (B) Same case as (A) with PSA, as in Fig. 2A. (C) Boxed area in (B) at "
        "higher power, compare Figure 3(A).");
    EXPECT_EQ(labels_of(split), (Labels{"A", "B", "C"}));
    EXPECT_NE(find(split, "B")->text.find("as (A)"), std::string::npos);
    // A forward reference before the label itself appears.
    EXPECT_EQ(labels_of(split_caption("(A) Overview, detail in (C). (B) Blot. (C) Detail.")), (Labels{"A", "B", "C"}));
}

TEST(CaptionSplitTest, FalseLabelTrapsGiveNoSplit) {
    const std::vector<std::string> traps = {
        "Current of 5 A at 10 V across the membrane.",                       // units
        "Mice were treated (n = 3), p < 0.05 (Student's t test).",           // statistics
        "Expression of p53 (P53) and BRCA1 in tumours (Smith et al., 2010).",  // genes, references
        "A representative image of a tumour with a high grade.",             // "A"/"a" as articles
        "Crystal of Fe(III) and Ag2MnO4 (C) lattice.",                       // formulae, a lone letter
        "As shown in Fig. 2A and Figure 3B, the tumour grows.",              // references to other figures
        "Citation [1] and [2] of earlier work.",                             // numeric citations
        "Sections as in (B) and (C).",                                       // references without a first panel
    };
    for (const std::string& caption : traps) {
        const CaptionSplit split = split_caption(caption);
        EXPECT_TRUE(split.subcaptions.empty()) << caption << " -> " << split.subcaptions.size() << " labels";
        EXPECT_EQ(split.shared, caption);
    }
}

TEST(CaptionSplitTest, StrayLettersDoNotExtendTheSequence) {
    const CaptionSplit split =
        split_caption("(A) Mantle. (B) Kidney. (C) Heart. BC: bacterial colony; L: lumen; U: ureter; V: vacuole.");
    EXPECT_EQ(labels_of(split), (Labels{"A", "B", "C"}));
    EXPECT_EQ(split.shared, "BC: bacterial colony; L: lumen; U: ureter; V: vacuole.");
}

TEST(CaptionSplitTest, GapsAreKeptAndWarned) {
    const CaptionSplit split = split_caption("Array. (A) Brain. (B) Colon. (C) Liver. (E) Lung. (F) Skin.");
    EXPECT_EQ(labels_of(split), (Labels{"A", "B", "C", "E", "F"}));
    ASSERT_FALSE(split.warnings.empty());
    EXPECT_EQ(split.warnings[0].rfind("caption.label-gap", 0), 0u);
}

TEST(CaptionSplitTest, EmptyAndUnlabelledCaptions) {
    EXPECT_TRUE(split_caption("").subcaptions.empty());
    EXPECT_EQ(split_caption("").shared, "");
    const CaptionSplit plain = split_caption("  Kaplan-Meier survival   of 200 patients.  ");
    EXPECT_TRUE(plain.subcaptions.empty());
    EXPECT_EQ(plain.shared, "Kaplan-Meier survival of 200 patients.");
}

TEST(CaptionSplitTest, PortugueseCaption) {
    const CaptionSplit split =
        split_caption("Figura 2. Extratos vegetais. (A) Folhas secas; (B) extrato bruto; (C) fração hexânica.");
    EXPECT_EQ(labels_of(split), (Labels{"A", "B", "C"}));
    EXPECT_EQ(find(split, "C")->text, "fração hexânica.");
}

TEST(CaptionSplitTest, BrokenUtf8IsRepairedAndWarned) {
    std::string caption = "Title \xC3. (A) First \xFF\xFE panel. (B) Second \xE2\x80 panel.";
    const CaptionSplit split = split_caption(caption);
    EXPECT_EQ(labels_of(split), (Labels{"A", "B"}));
    for (const Subcaption& s : split.subcaptions) EXPECT_TRUE(is_valid_utf8(s.text)) << s.text;
    EXPECT_TRUE(is_valid_utf8(split.shared));
    ASSERT_FALSE(split.warnings.empty());
    EXPECT_EQ(split.warnings.back().rfind("caption.invalid-utf8", 0), 0u);
}

TEST(CaptionSplitTest, EnormousCaptionIsCappedWithAWarning) {
    std::string caption = "(A) First panel. (B) ";
    while (caption.size() < 1024 * 1024) caption += "Long description of the second panel, é. ";
    caption += "(C) Beyond the cap.";
    const CaptionSplit split = split_caption(caption);
    ASSERT_FALSE(split.warnings.empty());
    EXPECT_EQ(split.warnings[0].rfind("caption.truncated", 0), 0u);
    EXPECT_EQ(labels_of(split), (Labels{"A", "B"}));
    EXPECT_LE(split.subcaptions[1].end, SplitOptions{}.max_bytes);
    EXPECT_TRUE(is_valid_utf8(split.subcaptions[1].text));
}

TEST(CaptionSplitTest, HundredsOfLabels) {
    std::string caption = "Dose series.";
    for (int k = 1; k <= 300; ++k) caption += " (" + std::to_string(k) + ") dose " + std::to_string(k * 10) + " mg;";
    const CaptionSplit split = split_caption(caption);
    ASSERT_EQ(split.subcaptions.size(), 300u);
    EXPECT_EQ(split.subcaptions[299].label, "300");
    EXPECT_EQ(split.subcaptions[299].text, "dose 3000 mg");
    EXPECT_EQ(count_caption_labels(caption), 300u);
}

TEST(CaptionSplitTest, CountLabelsMatchesSplit) {
    EXPECT_EQ(count_caption_labels("Title. (A) one. (B) two. (C) three."), 3u);
    EXPECT_EQ(count_caption_labels("No panels here."), 0u);
}

TEST(CaptionSplitTest, LabelsClosingANoteInsideASentence) {
    const std::string caption =
        "Prostate specimens stained with H&E. (A-D) shows areas of BPH and PIN (open arrows). Immunostaining for "
        "CD34 (anti-CD34, E-H) at magnification 200 shows endothelial cells in PIN. Scale bars, 50 um.";
    const CaptionSplit split = split_caption(caption);
    EXPECT_EQ(labels_of(split), (Labels{"A", "B", "C", "D", "E", "F", "G", "H"}));
    EXPECT_EQ(find(split, "A")->text, "shows areas of BPH and PIN (open arrows).");
    // The whole sentence holding the note belongs to E-H, not only the words after it (the
    // marker, note included, is removed like any other).
    EXPECT_EQ(find(split, "E")->text, "Immunostaining for CD34 at magnification 200 shows endothelial cells in PIN.");
    EXPECT_EQ(split.shared, "Prostate specimens stained with H&E. Scale bars, 50 um.");
    // Notes whose last part is a letter list label panels after their text; notes naming a figure do not.
    EXPECT_EQ(labels_of(split_caption("Staining of wild type (WT, A), mutant (B) and knockout (C) mice.")),
              (Labels{"A", "B", "C"}));
    EXPECT_TRUE(labels_of(split_caption("Panels were as before (see Fig. 2, B) and (Fig. 3, C).")).empty());
}

TEST(CaptionSplitTest, DelimitedLabelAfterABracketWithoutPunctuation) {
    const CaptionSplit split =
        split_caption("Renal lesions. A: tubular necrosis (H&E) B: interstitial fibrosis (trichrome) C: normal cortex.");
    EXPECT_EQ(labels_of(split), (Labels{"A", "B", "C"}));
    EXPECT_EQ(find(split, "A")->text, "tubular necrosis (H&E)");
    EXPECT_EQ(find(split, "B")->text, "interstitial fibrosis (trichrome)");
    // A label's own bracket ends no clause: "B. subtilis" after "(A)" is a species, not panel B.
    const CaptionSplit species = split_caption("Colonies. (A) B. subtilis on agar. (B) E. coli on agar.");
    EXPECT_EQ(labels_of(species), (Labels{"A", "B"}));
    EXPECT_EQ(find(species, "A")->text, "B. subtilis on agar.");
}

}  // namespace
}  // namespace pubforge::text
