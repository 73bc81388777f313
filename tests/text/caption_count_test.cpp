// The cheap label count (count_caption_labels) agrees with the full splitter on every caption form.
#include "pubforge/text/caption_split.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace pubforge::text {
namespace {

// One panel's marker in a given style, for the k-th label (0-based).
std::string marker(int style, int k) {
    const std::string upper(1, static_cast<char>('A' + k));
    const std::string lower(1, static_cast<char>('a' + k));
    static const std::vector<std::string> roman = {"i", "ii", "iii", "iv", "v", "vi", "vii", "viii"};
    switch (style) {
        case 0: return "(" + upper + ")";
        case 1: return upper + ".";
        case 2: return lower;                                  // Nature: "a Text"
        case 3: return upper + ")";
        case 4: return "(" + roman[static_cast<size_t>(k)] + ")";
        case 5: return std::to_string(k + 1) + ".";
        case 6: return upper + ",";
        case 7: return "(" + lower + ".)";
        case 8: return upper;                                  // run-in, no delimiter
        default: return "(" + upper + "1 and " + upper + "2)";  // one panel in parts
    }
}

// Phrases a panel's text is made of, some holding traps: references, numbers, words that look like labels.
const std::vector<std::string> kPhrases = {
    "Normal prostatic tissue with luminal staining",
    "same case as in (A) at higher power",
    "Kaplan-Meier curves of both groups",
    "a representative section of vitamin B treated liver",
    "p < 0.05 (n = 3)",
    "Fig. 2B shows the boxed area",
    "Sagittal T2-weighted image",
    "hepatitis C positive samples (arrows)",
    "Western blot of p53 and H358 cells",
    "Scale bars, 50 um",
    "Left, control; right, treated",
    "incubated at 37 C for 2 h",
};

std::string generated_caption(std::mt19937& rng) {
    auto pick = [&](size_t n) { return static_cast<size_t>(rng() % n); };
    std::string caption = "Title of the figure " + std::to_string(pick(100)) + ".";
    const int style = static_cast<int>(pick(10));
    const int panels = static_cast<int>(pick(7));  // 0 to 6 panels
    for (int k = 0; k < panels; ++k) {
        caption += ' ';
        // Labels after their text ("liver (A), kidney (B)") in a share of captions.
        if (style == 0 && pick(3) == 0) {
            caption += kPhrases[pick(kPhrases.size())] + " " + marker(style, k) + ",";
            continue;
        }
        caption += marker(style, k) + " " + kPhrases[pick(kPhrases.size())];
        if (pick(2) == 0) caption += ". " + kPhrases[pick(kPhrases.size())];
        caption += pick(4) == 0 ? ";" : ".";
    }
    if (pick(2) == 0) caption += " " + kPhrases[pick(kPhrases.size())] + ".";
    return caption;
}

TEST(CaptionCountTest, EqualsTheSplittersSubcaptionCountOnGeneratedForms) {
    std::mt19937 rng(20261207);
    size_t split_some = 0;
    for (int n = 0; n < 4000; ++n) {
        const std::string caption = generated_caption(rng);
        const size_t split = split_caption(caption).subcaptions.size();
        ASSERT_EQ(count_caption_labels(caption), split) << caption;
        split_some += split > 0 ? 1 : 0;
    }
    // The forms must exercise both outcomes, or the equality says little.
    EXPECT_GT(split_some, 1000u);
    EXPECT_LT(split_some, 4000u);
}

TEST(CaptionCountTest, PanelsInPartsCountOnceAndLimitsApply) {
    EXPECT_EQ(count_caption_labels("Glia. (A1 and A2) Cells of the cortex. (B) Cells of the striatum."), 2u);
    std::string many = "Series.";
    for (int k = 1; k <= 600; ++k) many += " (" + std::to_string(k) + ") dose " + std::to_string(k) + ";";
    EXPECT_EQ(count_caption_labels(many), split_caption(many).subcaptions.size());
    EXPECT_EQ(count_caption_labels(many), SplitOptions{}.max_labels);
    EXPECT_EQ(count_caption_labels(""), 0u);
    EXPECT_EQ(count_caption_labels("One panel only (A)."), 0u);
}

}  // namespace
}  // namespace pubforge::text
