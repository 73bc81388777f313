// Panel letters: small isolated glyph groups, read by matching against glyphs rendered with FreeType.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <map>

#include <opencv2/core/hal/intrin.hpp>
#include <opencv2/imgproc.hpp>

#include "glyph_raster.hpp"
#include "panel_parts.hpp"
#include "run_components.hpp"

namespace pubforge::panels {
namespace {

constexpr int kGlyphSize = 16;

struct Template {
    char character;
    float aspect;                   // width / height of the glyph's ink
    std::array<float, kGlyphSize * kGlyphSize> pixels;  // zero mean, unit norm
};

// The ink of a binary glyph, padded to a square and scaled to kGlyphSize, normalised
// for correlation.
std::array<float, kGlyphSize * kGlyphSize> normalise_glyph(const cv::Mat& ink) {
    const int side = std::max(ink.cols, ink.rows);
    cv::Mat square = cv::Mat::zeros(side, side, CV_8U);
    ink.copyTo(square(cv::Rect((side - ink.cols) / 2, (side - ink.rows) / 2, ink.cols, ink.rows)));
    cv::Mat small;
    cv::resize(square, small, cv::Size(kGlyphSize, kGlyphSize), 0, 0,
               side > kGlyphSize ? cv::INTER_AREA : cv::INTER_LINEAR);
    std::array<float, kGlyphSize * kGlyphSize> out{};
    int total = 0;  // an integer sum is exact, as the double one was
    for (int i = 0; i < kGlyphSize * kGlyphSize; ++i) total += small.data[i];
    const double mean = static_cast<double>(total) / out.size();
    double norm = 0.0;
    for (int i = 0; i < kGlyphSize * kGlyphSize; ++i) {
        out[i] = static_cast<float>(small.data[i] - mean);
        norm += out[i] * out[i];
    }
    const float inverse = norm > 0 ? static_cast<float>(1.0 / std::sqrt(norm)) : 0.0f;
    for (float& v : out) v *= inverse;
    return out;
}

void add_template(std::vector<Template>& all, char c, const cv::Mat& rendered) {
    cv::Mat binary;
    cv::threshold(rendered, binary, 127, 255, cv::THRESH_BINARY);
    const cv::Rect ink = cv::boundingRect(binary);
    if (ink.area() == 0) return;
    Template t;
    t.character = c;
    t.aspect = static_cast<float>(ink.width) / ink.height;
    t.pixels = normalise_glyph(binary(ink));
    all.push_back(t);
}

// Brackets are read too: at 8-12 px a bracket is 2-3 px wide, as wide as a letter's
// stroke, and only its shape tells it from an "l" or "I" beside the letter in "(a)".
const char kCharacters[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789()";

// Journals print panel letters in Helvetica/Arial-like sans (often bold) or Times-like
// serif; DejaVu is the closest family Debian ships (fonts-dejavu-core). When those files
// are absent OpenCV's Hershey fonts are used instead. (Both together read worse: the
// Hershey single-storey letters outscore the right DejaVu glyph on small bold type.)
const char* const kFontFiles[] = {
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
};

// Letters and digits at a few weights; digits are there so that tick labels read as
// digits instead of being forced onto the nearest letter.
std::vector<Template> render_templates() {
    {
        std::vector<Template> all;
        for (const char* file : kFontFiles) {
            const auto face = glyphs::FontFace::open(file);
            if (!face) continue;  // a missing or unreadable font leaves the others in place
            for (const char* c = kCharacters; *c; ++c) {
                cv::Mat canvas = cv::Mat::zeros(120, 120, CV_8UC3);
                // The origin is the top of the em box; 64 px letters sit well inside.
                face->draw(canvas, std::string(1, *c), cv::Point(20, 10), 64, cv::Scalar::all(255));
                cv::Mat gray;
                cv::cvtColor(canvas, gray, cv::COLOR_BGR2GRAY);
                add_template(all, *c, gray);
                // Heavier weights than the font's bold: journals' panel letters often are.
                cv::Mat heavy;
                cv::dilate(gray, heavy, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(7, 7)));
                add_template(all, *c, heavy);
            }
        }
        if (all.empty()) {
            const int hershey[] = {cv::FONT_HERSHEY_SIMPLEX, cv::FONT_HERSHEY_DUPLEX, cv::FONT_HERSHEY_TRIPLEX};
            for (const int font : hershey) {
                for (const int thickness : {2, 5}) {
                    for (const char* c = kCharacters; *c; ++c) {
                        cv::Mat canvas = cv::Mat::zeros(120, 120, CV_8U);
                        cv::putText(canvas, std::string(1, *c), cv::Point(20, 90), font, 2.0, cv::Scalar(255),
                                    thickness, cv::LINE_AA);
                        add_template(all, *c, canvas);
                    }
                }
            }
        }
        return all;
    }
}

constexpr int kCoarseSize = kGlyphSize / 2;
// Templates read at the coarse size first; only this many best go on to the full size.
constexpr size_t kFineCandidates = 24;

// A normalised glyph averaged over 2x2 blocks and normalised again: an 8x8 correlation
// ranks the templates almost as the 16x16 one does at a quarter of the cost.
std::array<float, kCoarseSize * kCoarseSize> coarsen(const float* glyph) {
    std::array<float, kCoarseSize * kCoarseSize> out{};
    for (int y = 0; y < kCoarseSize; ++y)
        for (int x = 0; x < kCoarseSize; ++x) {
            const float* p = glyph + 2 * y * kGlyphSize + 2 * x;
            out[static_cast<size_t>(y * kCoarseSize + x)] = p[0] + p[1] + p[kGlyphSize] + p[kGlyphSize + 1];
        }
    float mean = 0.0f;
    for (const float v : out) mean += v;
    mean /= static_cast<float>(out.size());
    float norm = 0.0f;
    for (float& v : out) {
        v -= mean;
        norm += v * v;
    }
    const float inverse = norm > 0 ? 1.0f / std::sqrt(norm) : 0.0f;
    for (float& v : out) v *= inverse;
    return out;
}

// The templates as matrices (a row per template), rows aligned for SIMD loads.
struct TemplateBank {
    std::vector<char> characters;
    std::vector<float> log_aspects;  // log(width / height) of each template's ink
    std::vector<std::pair<float, int>> by_aspect;  // (log aspect, template), ascending
    cv::Mat pixels;  // CV_32F, templates x kGlyphSize^2
    cv::Mat coarse;  // CV_32F, templates x kCoarseSize^2
};

const TemplateBank& templates() {
    static const TemplateBank bank = [] {
        const std::vector<Template> all = render_templates();
        TemplateBank b;
        b.pixels.create(static_cast<int>(all.size()), kGlyphSize * kGlyphSize, CV_32F);
        b.coarse.create(static_cast<int>(all.size()), kCoarseSize * kCoarseSize, CV_32F);
        for (size_t i = 0; i < all.size(); ++i) {
            b.characters.push_back(all[i].character);
            b.log_aspects.push_back(std::log(all[i].aspect));
            std::copy(all[i].pixels.begin(), all[i].pixels.end(), b.pixels.ptr<float>(static_cast<int>(i)));
            const auto coarse = coarsen(all[i].pixels.data());
            std::copy(coarse.begin(), coarse.end(), b.coarse.ptr<float>(static_cast<int>(i)));
            b.by_aspect.emplace_back(b.log_aspects.back(), static_cast<int>(i));
        }
        std::sort(b.by_aspect.begin(), b.by_aspect.end());
        return b;
    }();
    return bank;
}

// Dot product of two normalised glyphs of `size` floats with OpenCV's portable SIMD
// (the compiler does not vectorise a float reduction by itself): the inner loop of
// letter reading.
inline float correlation(const float* a, const float* b, int size) {
    cv::v_float32x4 s0 = cv::v_setzero_f32(), s1 = cv::v_setzero_f32(), s2 = cv::v_setzero_f32(),
                    s3 = cv::v_setzero_f32();
    for (int i = 0; i < size; i += 16) {
        s0 = cv::v_muladd(cv::v_load(a + i), cv::v_load(b + i), s0);
        s1 = cv::v_muladd(cv::v_load(a + i + 4), cv::v_load(b + i + 4), s1);
        s2 = cv::v_muladd(cv::v_load(a + i + 8), cv::v_load(b + i + 8), s2);
        s3 = cv::v_muladd(cv::v_load(a + i + 12), cv::v_load(b + i + 12), s3);
    }
    return cv::v_reduce_sum((s0 + s1) + (s2 + s3));
}
static_assert(kGlyphSize * kGlyphSize % 16 == 0 && kCoarseSize * kCoarseSize % 16 == 0,
              "glyphs are read 16 floats at a time");

struct Reading {
    char character = 0;
    double score = 0.0;
    std::vector<std::pair<char, double>> others;  // the next best characters, best first
};

// The best template of a similar shape (ink aspect within a factor of e^0.45): ranked
// at 8x8, the best kFineCandidates compared at 16x16. The runners-up are kept: "c" and
// "o", "i" and "j" are close at 10 px, and the sequence of labels decides between them.
Reading read_glyph(const cv::Mat& ink) {
    const auto glyph = normalise_glyph(ink);
    const auto coarse = coarsen(glyph.data());
    const float log_aspect = std::log(static_cast<float>(ink.cols) / ink.rows);
    const TemplateBank& bank = templates();
    Reading best;
    if (bank.pixels.empty()) return best;
    std::vector<std::pair<float, int>> ranked;  // (-coarse score, template)
    // Only templates of a similar aspect: a window of the sorted aspects (a little wider
    // than the test, which then decides exactly).
    const auto first = std::lower_bound(bank.by_aspect.begin(), bank.by_aspect.end(),
                                        std::make_pair(log_aspect - 0.46f, -1));
    for (auto it = first; it != bank.by_aspect.end() && it->first <= log_aspect + 0.46f; ++it) {
        const int t = it->second;
        if (std::abs(log_aspect - bank.log_aspects[static_cast<size_t>(t)]) > 0.45f) continue;
        const float dot = correlation(coarse.data(), bank.coarse.ptr<float>(static_cast<int>(t)),
                                      kCoarseSize * kCoarseSize);
        ranked.emplace_back(-dot, static_cast<int>(t));
    }
    // The best kFineCandidates (ties to the earlier template), in any order.
    const size_t keep = std::min(kFineCandidates, ranked.size());
    if (keep < ranked.size()) std::nth_element(ranked.begin(), ranked.begin() + static_cast<long>(keep), ranked.end());
    ranked.resize(keep);
    // In template order, so that ties go to the same template as a full scan.
    std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
    std::array<double, 128> by_character{};  // best score of each ASCII character
    for (const auto& [unused, t] : ranked) {
        const float dot = correlation(glyph.data(), bank.pixels.ptr<float>(t), kGlyphSize * kGlyphSize);
        const char c = bank.characters[static_cast<size_t>(t)];
        double& kept = by_character[static_cast<size_t>(c)];
        kept = std::max(kept, static_cast<double>(dot));
        if (dot > best.score) {
            best.character = c;
            best.score = dot;
        }
    }
    for (int c = 0; c < 128; ++c)
        if (c != best.character && by_character[static_cast<size_t>(c)] > 0)
            best.others.emplace_back(static_cast<char>(c), by_character[static_cast<size_t>(c)]);
    std::sort(best.others.begin(), best.others.end(), [](const auto& a, const auto& b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    if (best.others.size() > 4) best.others.resize(4);
    return best;
}

bool is_bracket(char c) { return c == '(' || c == ')'; }

// The reading of a glyph that is no bracket (a lone bar, or one inside a group): the
// best other character, and no bracket among the runners-up.
Reading without_brackets(Reading reading) {
    reading.others.erase(std::remove_if(reading.others.begin(), reading.others.end(),
                                        [](const auto& o) { return is_bracket(o.first); }),
                         reading.others.end());
    if (is_bracket(reading.character)) {
        reading.character = reading.others.empty() ? 0 : reading.others.front().first;
        reading.score = reading.others.empty() ? 0.0 : reading.others.front().second;
        if (!reading.others.empty()) reading.others.erase(reading.others.begin());
    }
    return reading;
}

// The glyph as ink intensity (0 = paper): the anti-aliased edges of a 10-pixel letter
// say more about its shape than its thresholded mask does.
cv::Mat glyph_ink(const cv::Mat& gray, int paper, const GlyphPiece& c) {
    // Only the piece's own runs: other pieces inside the box are not this glyph.
    cv::Mat ink = cv::Mat::zeros(c.box.size(), CV_8U);
    for (const RunComponents::Run& run : c.runs) {
        const uchar* in = gray.ptr<uchar>(run.y);
        uchar* out = ink.ptr<uchar>(run.y - c.box.y);
        for (int x = run.x0; x < run.x1; ++x) out[x - c.box.x] = static_cast<uchar>(std::abs(in[x] - paper));
    }
    return ink;
}

// The foreground at half resolution, a pixel set when any of its 2x2 block is.
cv::Mat half_resolution(const cv::Mat& mask) {
    cv::Mat half((mask.rows + 1) / 2, (mask.cols + 1) / 2, CV_8U);
    for (int y = 0; y < half.rows; ++y) {
        const uchar* top = mask.ptr<uchar>(2 * y);
        const uchar* bottom = mask.ptr<uchar>(std::min(2 * y + 1, mask.rows - 1));
        uchar* out = half.ptr<uchar>(y);
        int x = 0;
        for (; 2 * x + 32 <= mask.cols; x += 16) {
            cv::v_uint8x16 top_even, top_odd, bottom_even, bottom_odd;
            cv::v_load_deinterleave(top + 2 * x, top_even, top_odd);
            cv::v_load_deinterleave(bottom + 2 * x, bottom_even, bottom_odd);
            cv::v_store(out + x, cv::v_max(cv::v_max(top_even, top_odd), cv::v_max(bottom_even, bottom_odd)));
        }
        for (; x < half.cols; ++x) {
            const int right = std::min(2 * x + 1, mask.cols - 1);
            out[x] = std::max({top[2 * x], top[right], bottom[2 * x], bottom[right]});
        }
    }
    return half;
}

// Connected foreground pieces shaped like one glyph (`min_height`..`max_height` tall, not
// wide), with the pieces of the mask at half resolution as a coarse filter: a glyph
// whose half-resolution piece is far from glyph-sized (it touches a plot line or a
// picture a pixel away) is not an isolated mark, except in the top-left corner of a
// filled one. Every full-resolution piece lies inside the box of one half-resolution
// piece, the one any of its pixels maps to.
std::vector<GlyphPiece> glyph_components(const cv::Mat& foreground, int min_height, int max_height) {
    const RunComponents half = label_runs(half_resolution(foreground));
    const cv::Rect figure(0, 0, foreground.cols, foreground.rows);
    std::vector<GlyphPiece> glyphs;
    // The glyph-sized full-resolution pieces inside `box` that belong to half-resolution
    // piece `owner` (a pixel of theirs maps into it); with `cut_at_far_sides`, not those
    // reaching the box's right or bottom edge (the rest of a panel beyond it).
    const auto add_pieces = [&](const cv::Rect& box, size_t owner, bool cut_at_far_sides) {
        const RunComponents pieces = label_runs(foreground(box));
        for (size_t k = 0; k < pieces.boxes.size(); ++k) {
            const cv::Rect& local = pieces.boxes[k];
            if (local.height < min_height || local.height > max_height || local.width > 1.6 * local.height) continue;
            if (cut_at_far_sides && (local.x + local.width >= box.width || local.y + local.height >= box.height)) continue;
            const cv::Point pixel = pieces.first_pixels[k] + box.tl();
            if (half.label_at(pixel.x / 2, pixel.y / 2) != static_cast<int>(owner)) continue;
            glyphs.push_back({local + box.tl(), pieces.areas[k], pieces.runs_of(static_cast<int>(k), box.tl())});
        }
    };
    for (size_t i = 0; i < half.boxes.size(); ++i) {
        const cv::Rect& half_box = half.boxes[i];
        // Generous bounds: several glyphs a pixel apart ("(c)", "A1") merge at half resolution.
        if (2 * half_box.height + 1 < min_height) continue;
        if (half_box.height <= max_height && half_box.width <= 6 * half_box.height + 2) {
            // Only inside the boxes of glyph-sized half-resolution pieces is the mask labelled
            // at full resolution (a ninth of its pixels on the corpus figures).
            add_pieces(cv::Rect(2 * half_box.x, 2 * half_box.y, 2 * half_box.width, 2 * half_box.height) & figure, i,
                       false);
        } else if (half_box.height >= max_height && half_box.width >= max_height &&
                   half.areas[i] >= 0.6 * half_box.area()) {
            // A letter printed 1-2 px from a filled panel (a photograph) joins it at half
            // resolution; above-left of the panel, it is at the joined piece's top-left
            // corner, which is labelled again at full resolution.
            const int side = std::min(2 * max_height, 2 * std::min(half_box.width, half_box.height));
            add_pieces(cv::Rect(2 * half_box.x, 2 * half_box.y, side, side) & figure, i, true);
        }
    }
    return glyphs;
}

}  // namespace

LabelMark read_mark(const cv::Mat& ink, const cv::Rect& box) {
    Reading reading = without_brackets(read_glyph(ink));
    LabelMark mark{box, std::string(1, reading.character), reading.score, std::move(reading.others), false, box.height};
    if (reading.character == 0) mark.text.clear();
    return mark;
}

namespace {

// `around` (a glyph group's surroundings) cut back to the first line on each side that
// runs across all of it: an axis or a panel's edge passing a letter, not a neighbouring
// glyph (a word's next letter is no taller than the group, the window is half as tall
// again), so a letter printed against an axis or a panel still counts as alone.
template <typename InkIn>
cv::Rect clear_of_lines(cv::Rect around, const cv::Rect& box, const InkIn& ink_in) {
    for (int x = box.x + box.width; x < around.x + around.width; ++x)
        if (ink_in(cv::Rect(x, around.y, 1, around.height)) >= around.height - 1) {
            around.width = x - around.x;
            break;
        }
    for (int x = box.x - 1; x >= around.x; --x)
        if (ink_in(cv::Rect(x, around.y, 1, around.height)) >= around.height - 1) {
            around.width -= x + 1 - around.x;
            around.x = x + 1;
            break;
        }
    for (int y = box.y + box.height; y < around.y + around.height; ++y)
        if (ink_in(cv::Rect(around.x, y, around.width, 1)) >= around.width - 1) {
            around.height = y - around.y;
            break;
        }
    for (int y = box.y - 1; y >= around.y; --y)
        if (ink_in(cv::Rect(around.x, y, around.width, 1)) >= around.width - 1) {
            around.height -= y + 1 - around.y;
            around.y = y + 1;
            break;
        }
    return around;
}

// Ink of `around` diagonally below-right of `box` (beside none of its rows and none of its
// columns) that runs on past the window's corner: a panel's corner a few pixels from a
// letter printed above-left of it. A word's next letter, a subscript or a plot's curve
// passing a glyph lies beside its rows or stops short of the corner.
template <typename InkIn>
int panel_corner_ink(const cv::Rect& around, const cv::Rect& box, const InkIn& ink_in) {
    const cv::Rect corner(box.br().x, box.br().y, around.br().x - box.br().x, around.br().y - box.br().y);
    if (corner.width <= 0 || corner.height <= 0 || ink_in(cv::Rect(around.br().x - 1, around.br().y - 1, 1, 1)) == 0)
        return 0;
    return ink_in(corner);
}

// A lone upright bar with a dot above it is an "i" (or "j"), whatever the templates
// made of the bar alone.
char bar_letter(char read, bool dotted) {
    if (!dotted || !std::strchr("iljI1", read)) return read;
    return read == 'j' ? 'j' : 'i';
}

}  // namespace

std::vector<LabelMark> marks_from_glyphs(std::vector<GlyphPiece> glyphs, const cv::Mat& mask_sum, const cv::Mat& gray,
                                         int paper, cv::Point origin) {
    const int image_height = gray.rows, image_width = gray.cols;
    // Glyphs side by side on one line ("(c)", "A1") form one mark.
    std::sort(glyphs.begin(), glyphs.end(), [](const GlyphPiece& a, const GlyphPiece& b) {
        return a.box.x != b.box.x ? a.box.x < b.box.x : a.box.y < b.box.y;
    });
    std::vector<bool> used(glyphs.size(), false);
    auto ink_in = [&](const cv::Rect& r) { return static_cast<int>(rect_sum(mask_sum, r)); };
    std::vector<LabelMark> marks;
    for (size_t i = 0; i < glyphs.size(); ++i) {
        if (used[i]) continue;
        std::vector<size_t> group{i};
        cv::Rect box = glyphs[i].box;
        for (size_t j = i + 1; j < glyphs.size() && group.size() < 3; ++j) {
            const cv::Rect& next = glyphs[j].box;
            const int gap = next.x - (box.x + box.width);
            if (gap > 0.35 * box.height) break;
            const int overlap = std::min(box.y + box.height, next.y + next.height) - std::max(box.y, next.y);
            if (overlap < 0.6 * std::min(box.height, next.height)) continue;
            group.push_back(j);
            box |= next;
        }
        const int h = box.height;
        const int pad_x = std::max(2, h / 3), pad_y = std::max(2, h / 4);
        cv::Rect around = cv::Rect(box.x - pad_x, box.y - pad_y, box.width + 2 * pad_x, h + 2 * pad_y) &
                          cv::Rect(0, 0, image_width, image_height);
        around = clear_of_lines(around, box, ink_in);
        int own = 0;
        for (const size_t g : group) own += glyphs[g].area;
        // A trailing period ("a.") is ink beside the letter that belongs to it: a speck at
        // the baseline just right of the glyphs.
        const cv::Rect period = cv::Rect(box.x + box.width, box.y + h * 55 / 100, std::max(2, h / 2), h - h * 55 / 100 + 1) &
                                cv::Rect(0, 0, image_width, image_height);
        const int speck = period.area() > 0 ? ink_in(period) : 0;
        if (speck <= std::max(2, h * h / 8)) own += speck;
        // The dot of an "i" (or "j"): a speck just above a lone bar, too small to be a glyph itself.
        const bool bar = group.size() == 1 && box.width <= 0.45 * h;
        const cv::Rect dot_area = cv::Rect(box.x - 1, box.y - h * 6 / 10, box.width + 2, h * 6 / 10) &
                                 cv::Rect(0, 0, image_width, image_height);
        const int dot = bar && dot_area.area() > 0 ? ink_in(dot_area) : 0;
        const bool dotted = dot > 0 && dot <= (box.width + 2) * (box.width + 2);
        if (dotted) own += ink_in(dot_area & around);
        if (ink_in(around) - own - panel_corner_ink(around, box, ink_in) > 2) continue;  // part of a word, a plot, a picture
        for (const size_t g : group) used[g] = true;
        // Read each glyph; parentheses (thin, and the tallest of the group: they reach
        // below the baseline) are kept out of the text.
        std::string text;
        double confidence = 1.0;
        std::vector<std::pair<char, double>> others;
        int letter_height = 0;
        for (const size_t g : group) {
            const GlyphPiece& c = glyphs[g];
            const bool end = group.size() > 1 && (g == group.front() || g == group.back());
            if (end && c.box.width < 0.4 * c.box.height && c.box.height >= 0.9 * h) continue;
            // A period drawn large enough to be a glyph itself ("c." at 35 px): a speck at the
            // group's end, under half the letter's height, standing on its baseline.
            if (!text.empty() && g == group.back() && c.box.height * 2 < letter_height &&
                c.box.width * 2 < letter_height && c.box.br().y >= box.br().y - std::max(2, h / 6))
                continue;
            Reading reading = read_glyph(glyph_ink(gray, paper, c));
            // A bracket at either end of a group is no part of its text; elsewhere, or alone,
            // the glyph is read as the best character that is not a bracket.
            if (end && is_bracket(reading.character)) continue;
            reading = without_brackets(std::move(reading));
            const bool first = text.empty();
            if (first) {
                others = std::move(reading.others);
                letter_height = c.box.height;
            }
            text += reading.character;
            confidence = std::min(confidence, reading.score);
            // A label starts with a letter: the rest of "20" or "0.5" is not worth reading
            // (tick labels are most of the glyph groups on a chart).
            if (first && !is_letter(reading.character) && g != group.back()) {
                text += '?';
                break;
            }
        }
        // Runners-up only say something about a lone glyph ("c" or "o"), not about "A1".
        if (text.size() != 1) others.clear();
        if (bar && text.size() == 1) text[0] = bar_letter(text[0], dotted);
        marks.push_back({box + origin, text, confidence, std::move(others), false, letter_height});
    }
    return marks;
}

std::vector<LabelMark> find_label_marks(const Canvas& canvas) {
    // Letters and their brackets stand up to a fifth of the figure's shorter side: in one
    // row of panels lettered above, a 25 px "(A)" has 29 px brackets in a 165 px figure.
    const int max_height = std::max(10, std::min(64, std::min(canvas.gray.rows, canvas.gray.cols) / 5));
    const int paper = (canvas.background[0] + canvas.background[1] + canvas.background[2]) / 3;
    return marks_from_glyphs(glyph_components(canvas.foreground, 6, max_height), canvas.foreground_sum, canvas.gray,
                             paper, cv::Point());
}

}  // namespace pubforge::panels
