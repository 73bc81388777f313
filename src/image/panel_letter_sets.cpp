// Panel letter sets: which of the read marks form one labelling a, b, c, ... (case, size, runners-up, placement).
#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstring>
#include <map>

#include "panel_parts.hpp"

namespace pubforge::panels {
namespace {

// Below this correlation a glyph is not read as any letter.
constexpr double kMinConfidence = 0.45;
// A runner-up this close to the best reading may stand for a letter the sequence lacks.
constexpr double kRunnerUpMargin = 0.12;
// What sitting at a panel's corner is worth against a better reading elsewhere.
constexpr double kPlacedBonus = 0.15;

// Letters whose capital is the small letter drawn larger: only the other labels' case
// tells them apart.
bool case_free(char c) { return std::strchr("cosuvwxzCOSUVWXZ", c) != nullptr; }

// A capital I and a small l are one upright bar in sans type, and a bar read as "i" (its
// dot lost or merged) is one as well: the set's case decides.
bool same_bar(char c, char wanted) {
    return (wanted == 'I' && (c == 'l' || c == 'i')) || (wanted == 'l' && c == 'I');
}

// How well `mark` reads as letter `index` of the alphabet in the given case: its own
// reading, or a runner-up close to it; 0 when neither.
double letter_score(const LabelMark& m, int index, bool capitals) {
    const char wanted = static_cast<char>((capitals ? 'A' : 'a') + index);
    const auto fits = [&](char c) {
        return c == wanted || same_bar(c, wanted) ||
               (case_free(wanted) && std::tolower(static_cast<unsigned char>(c)) ==
                                         std::tolower(static_cast<unsigned char>(wanted)));
    };
    if (fits(m.text[0])) return m.confidence;
    for (const auto& [c, score] : m.others)
        if (fits(c) && score >= m.confidence - kRunnerUpMargin && score >= kMinConfidence) return score * 0.99;
    return 0.0;
}

}  // namespace

std::vector<LabelMark> consistent_labels(std::vector<LabelMark> marks) {
    // Only marks that read as a letter, optionally followed by digits ("A1").
    marks.erase(std::remove_if(marks.begin(), marks.end(),
                               [](const LabelMark& m) {
                                   return m.text.empty() || !is_letter(m.text[0]) || m.confidence < kMinConfidence ||
                                          !std::all_of(m.text.begin() + 1, m.text.end(), is_digit);
                               }),
                marks.end());
    std::vector<LabelMark> best;
    double best_score = 0.0;
    // One case for the whole set (a legend's "A" is not the "a" of a lower-case set), one
    // size (within a quarter), each mark one letter: its own reading first, then, for
    // the letters still missing, a runner-up close to its reading ("o" for a missing "c").
    // Each mark's score for each letter of each case, once: the loops below try every
    // mark height as the set's size (the same height gives the same set, so once each).
    std::vector<std::array<double, 52>> scores(marks.size());
    for (size_t k = 0; k < marks.size(); ++k)
        for (int index = 0; index < 26; ++index) {
            scores[k][static_cast<size_t>(index)] = letter_score(marks[k], index, false);
            scores[k][static_cast<size_t>(26 + index)] = letter_score(marks[k], index, true);
        }
    std::vector<int> heights;
    for (const LabelMark& m : marks) heights.push_back(m.box.height);
    std::sort(heights.begin(), heights.end());
    heights.erase(std::unique(heights.begin(), heights.end()), heights.end());
    for (const bool capitals : {false, true}) {
        for (const int reference_height : heights) {
            const double height = reference_height;
            std::vector<const LabelMark*> sized;
            std::vector<const std::array<double, 52>*> sized_scores;
            for (size_t k = 0; k < marks.size(); ++k)
                // Small letters with ascenders (b, d, f, h, k, l) stand about 1.4x as tall
                // as the others (a, c, e): a lower-case set spans both.
                if (std::abs(marks[k].box.height - height) <= 0.25 * height + 1 ||
                    (!capitals && marks[k].box.height > height && marks[k].box.height <= 1.5 * height + 1)) {
                    sized.push_back(&marks[k]);
                    sized_scores.push_back(&scores[k]);
                }
            std::map<int, std::pair<const LabelMark*, double>> by_letter;
            std::vector<bool> taken(sized.size(), false);
            for (const bool runner_up : {false, true}) {
                for (int index = 0; index < 26; ++index) {
                    if (by_letter.count(index)) continue;
                    int chosen = -1;
                    double chosen_score = 0.0, chosen_rank = 0.0;
                    for (size_t k = 0; k < sized.size(); ++k) {
                        if (taken[k]) continue;
                        const double score = (*sized_scores[k])[static_cast<size_t>((capitals ? 26 : 0) + index)];
                        const bool own = score == sized[k]->confidence;
                        // A mark where letters sit beats a better-read one elsewhere (a
                        // tick label's "c" at the foot of a plot).
                        const double rank = score + (sized[k]->placed && score > 0 ? kPlacedBonus : 0.0);
                        if (score > 0 && rank > chosen_rank && (own || runner_up)) {
                            chosen = static_cast<int>(k);
                            chosen_score = score;
                            chosen_rank = rank;
                        }
                    }
                    if (chosen < 0) continue;
                    taken[static_cast<size_t>(chosen)] = true;
                    by_letter[index] = {sized[static_cast<size_t>(chosen)], chosen_score};
                }
            }
            // Small letters keep their proportions in every font: b, d, f, h, k, l stand
            // clearly taller than a, c, e, m, ... A glyph read as an ascender letter no
            // taller than the set's x-height letters is a speck of a picture, not the letter.
            if (!capitals) {
                std::vector<int> x_heights;
                for (const auto& [index, entry] : by_letter)
                    if (std::strchr("acemnorsuvwxz", 'a' + index)) x_heights.push_back(entry.first->letter_height);
                if (!x_heights.empty()) {
                    std::nth_element(x_heights.begin(), x_heights.begin() + static_cast<long>(x_heights.size() / 2),
                                     x_heights.end());
                    const double x_height = x_heights[x_heights.size() / 2];
                    for (auto it = by_letter.begin(); it != by_letter.end();)
                        it = std::strchr("bdfhkl", 'a' + it->first) && it->second.first->letter_height < 1.12 * x_height
                                 ? by_letter.erase(it)
                                 : std::next(it);
                }
            }
            // A runner-up only fills a gap between letters read as themselves: past the
            // last of those it would only lengthen a set with a guess.
            int last_own = -1;
            for (const auto& [index, entry] : by_letter)
                if (entry.second == entry.first->confidence) last_own = std::max(last_own, index);
            for (auto it = by_letter.begin(); it != by_letter.end();)
                it = it->first > last_own ? by_letter.erase(it) : std::next(it);
            // The labels a, b, c, ... with at most one letter missed on the way, the first
            // one included (an "a" printed against its panel's edge is lost as often as any).
            std::vector<LabelMark> run;
            double score = 0.0;
            int missed = 0;
            for (int index = 0; index < 26; ++index) {
                auto found = by_letter.find(index);
                if (found != by_letter.end()) {
                    LabelMark m = *found->second.first;
                    m.text[0] = static_cast<char>((capitals ? 'A' : 'a') + index);
                    m.confidence = found->second.second;
                    score += m.confidence;
                    run.push_back(std::move(m));
                    continue;
                }
                if (++missed > 1) break;
            }
            if (run.size() < 2 || score <= best_score) continue;
            best_score = score;
            best = std::move(run);
        }
    }
    return best;
}

}  // namespace pubforge::panels
