// Layout analysis: glyph runs become words and lines by baseline and gaps, lines become blocks, blocks get column order.
#include "pubforge/pdf/text_layout.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>

namespace pubforge::pdf {
namespace {

bool is_blank(const std::string& text) {
    // Unicode spaces some publishers typeset with (F1000's "Figure\u2003 1."): en/em/thin/hair spaces
    // U+2000-U+200B, narrow no-break U+202F, medium mathematical U+205F, ideographic U+3000.
    if (text.size() == 3) {
        const auto b0 = static_cast<unsigned char>(text[0]), b1 = static_cast<unsigned char>(text[1]),
                   b2 = static_cast<unsigned char>(text[2]);
        if (b0 == 0xE2 && b1 == 0x80 && (b2 <= 0x8B || b2 == 0xAF)) return true;
        if ((b0 == 0xE2 && b1 == 0x81 && b2 == 0x9F) || (b0 == 0xE3 && b1 == 0x80 && b2 == 0x80)) return true;
    }
    for (unsigned char c : text)
        if (!(c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0xA0 || c == 0xC2)) return false;
    return true;
}

// Glyph-level gaps, as fractions of the font size, that separate words and lines.
constexpr double kWordGap = 0.13;
constexpr double kLineGap = 1.0;
constexpr double kSpacedLineGap = 1.5;
constexpr double kBaselineTolerance = 0.3;

struct WordBuilder {
    Word word;
    double baseline = 0;
    size_t bold_chars = 0, chars = 0;
    bool low_confidence = false;
    bool after_space = false;  // a space glyph was drawn straight after the word before
};

std::vector<WordBuilder> build_words(const std::vector<Glyph>& glyphs) {
    std::vector<WordBuilder> words;
    bool open = false, space = false;
    const Glyph* previous = nullptr;
    for (const Glyph& g : glyphs) {
        if (g.text.empty()) continue;  // an unmapped code: neither text nor a break
        if (is_blank(g.text)) {
            space = open && previous && std::abs(g.baseline - previous->baseline) < kBaselineTolerance * g.font_size;
            open = false;
            previous = nullptr;
            continue;
        }
        const double size = std::max(g.font_size, 1.0);
        bool continues = open && previous;
        if (continues) {
            const double gap = g.box.x0 - previous->box.x1;
            const double scale = std::max(size, previous->font_size);
            // A superscript or subscript set straight against its word ("m3", "H2O", "parity" + "a") is part
            // of it, as the XML of the same article writes it: a smaller size may sit off the baseline.
            const bool script = std::min(size, previous->font_size) < 0.85 * scale;
            const double shift = script ? 0.6 : kBaselineTolerance;
            continues = std::abs(g.baseline - previous->baseline) < shift * scale && gap < kWordGap * scale &&
                        gap > -0.6 * scale && g.box.x0 >= previous->box.x0 - 0.1 * scale;
        }
        if (!continues) {
            words.emplace_back();
            words.back().baseline = g.baseline;
            words.back().word.font_size = g.font_size;
            words.back().word.box = g.box;
            words.back().after_space = space;
            open = true;
        }
        space = false;
        WordBuilder& w = words.back();
        w.word.text += g.text;
        w.word.box = w.word.box.united(g.box);
        w.word.font_size = std::max(w.word.font_size, g.font_size);
        w.chars += 1;
        w.bold_chars += g.bold;
        w.low_confidence |= g.low_confidence;
        previous = &g;
    }
    for (WordBuilder& w : words) {
        w.word.bold = w.bold_chars * 2 > w.chars;
        w.word.text = expand_ligatures(w.word.text);
    }
    return words;
}

void finish_line(Line& line) {
    std::sort(line.words.begin(), line.words.end(), [](const Word& a, const Word& b) { return a.box.x0 < b.box.x0; });
    line.box = {};
    line.text.clear();
    std::map<double, size_t> sizes;
    size_t bold = 0, total = 0;
    for (const Word& w : line.words) {
        line.box = line.box.united(w.box);
        if (!line.text.empty()) line.text += ' ';
        line.text += w.text;
        sizes[std::round(w.font_size * 2) / 2] += w.text.size();
        total += w.text.size();
        if (w.bold) bold += w.text.size();
    }
    line.font_size = std::max_element(sizes.begin(), sizes.end(), [](auto& a, auto& b) { return a.second < b.second; })->first;
    line.bold = bold * 2 > total;
}

std::vector<Line> build_lines(std::vector<WordBuilder> words) {
    std::vector<Line> lines;
    const WordBuilder* previous = nullptr;
    for (WordBuilder& w : words) {
        bool continues = previous != nullptr;
        if (continues) {
            const double scale = std::max(w.word.font_size, previous->word.font_size);
            const double gap = w.word.box.x0 - previous->word.box.x1;
            // Justified text stretches its spaces; a gap the text itself fills with a space glyph stays
            // within the line a little further than a bare gap does (which may be a column gutter or
            // the space between table cells).
            const double reach = w.after_space ? kSpacedLineGap : kLineGap;
            continues = std::abs(w.baseline - previous->baseline) < 0.4 * scale && gap < reach * scale &&
                        gap > -0.5 * scale;
        }
        if (!continues) {
            lines.emplace_back();
            lines.back().baseline = w.baseline;
        }
        lines.back().low_confidence |= w.low_confidence;
        lines.back().words.push_back(std::move(w.word));
        previous = &w;
    }
    for (Line& line : lines) finish_line(line);

    // Fragments on the same visual line (superscripts, text drawn out of order) join their neighbour.
    // Quadratic, so pathological pages with very many fragments skip it.
    if (lines.size() > 6000) return lines;
    std::vector<bool> gone(lines.size(), false);
    for (int pass = 0; pass < 4; ++pass) {
        bool merged = false;
        for (size_t i = 0; i < lines.size(); ++i)
            for (size_t j = 0; j < lines.size() && !gone[i]; ++j) {
                if (i == j || gone[j]) continue;
                Line& a = lines[i];
                Line& b = lines[j];
                const double scale = std::max(a.font_size, b.font_size);
                const double vertical = std::min(a.box.y1, b.box.y1) - std::max(a.box.y0, b.box.y0);
                const double smaller = std::min(a.box.height(), b.box.height());
                const double gap = b.box.x0 - a.box.x1;  // b to the right of a
                if (vertical < 0.5 * smaller || gap > 0.5 * scale || gap < -0.2 * scale) continue;
                if (std::abs(a.baseline - b.baseline) > 0.6 * scale) continue;
                const double baseline = a.font_size >= b.font_size ? a.baseline : b.baseline;
                for (Word& w : b.words) a.words.push_back(std::move(w));
                a.low_confidence |= b.low_confidence;
                a.baseline = baseline;
                finish_line(a);
                gone[j] = true;
                merged = true;
            }
        if (!merged) break;
    }
    std::vector<Line> kept;
    for (size_t i = 0; i < lines.size(); ++i)
        if (!gone[i]) kept.push_back(std::move(lines[i]));
    lines = std::move(kept);
    return lines;
}

bool joins_block(const Block& block, const Line& line) {
    const Line& last = block.lines.back();
    const double scale = std::max(last.font_size, line.font_size);
    const double gap = line.box.y0 - last.box.y1;
    if (gap < -0.4 * scale || gap > 0.75 * scale) return false;
    if (std::abs(last.font_size - line.font_size) > 0.15 * scale) return false;
    const double overlap = std::min(block.box.x1, line.box.x1) - std::max(block.box.x0, line.box.x0);
    return overlap > 0.3 * std::min(block.box.width(), line.box.width());
}

std::vector<Block> build_blocks(std::vector<Line> lines) {
    std::sort(lines.begin(), lines.end(), [](const Line& a, const Line& b) {
        return a.box.y0 != b.box.y0 ? a.box.y0 < b.box.y0 : a.box.x0 < b.box.x0;
    });
    std::vector<Block> blocks;
    for (Line& line : lines) {
        Block* target = nullptr;
        // The nearest block whose last line sits just above this one.
        for (auto it = blocks.rbegin(); it != blocks.rend() && !target; ++it)
            if (joins_block(*it, line)) target = &*it;
        if (!target) {
            blocks.emplace_back();
            target = &blocks.back();
        }
        target->box = target->box.united(line.box);
        target->lines.push_back(std::move(line));
    }
    for (Block& block : blocks) {
        std::map<double, size_t> sizes;
        for (const Line& line : block.lines) sizes[line.font_size] += line.text.size();
        block.font_size = std::max_element(sizes.begin(), sizes.end(), [](auto& a, auto& b) { return a.second < b.second; })->first;
    }
    return blocks;
}

// Two-column reading order: blocks are cut into bands by page-wide blocks; inside a band,
// the left column is read before the right one.
void order_blocks(PageLayout& page) {
    const double mid = page.width / 2, slack = page.width * 0.04;
    size_t column_chars = 0, spanning_chars = 0;
    for (Block& block : page.blocks) {
        if (block.box.x1 <= mid + slack && block.box.width() < 0.55 * page.width) block.column = 1;
        else if (block.box.x0 >= mid - slack && block.box.width() < 0.55 * page.width) block.column = 2;
        else block.column = 0;
        size_t chars = 0;
        for (const Line& line : block.lines) chars += line.text.size();
        (block.column ? column_chars : spanning_chars) += chars;
    }
    page.two_columns = column_chars > spanning_chars;
    if (!page.two_columns)
        for (Block& block : page.blocks) block.column = 0;
    std::stable_sort(page.blocks.begin(), page.blocks.end(), [](const Block& a, const Block& b) { return a.box.y0 < b.box.y0; });
    std::vector<Block> ordered, left, right;
    auto flush = [&] {
        for (auto* side : {&left, &right})
            for (Block& block : *side) ordered.push_back(std::move(block));
        left.clear();
        right.clear();
    };
    for (Block& block : page.blocks) {
        if (block.column == 0) {
            flush();
            ordered.push_back(std::move(block));
        } else {
            (block.column == 1 ? left : right).push_back(std::move(block));
        }
    }
    flush();
    page.blocks = std::move(ordered);
}

}  // namespace

std::string expand_ligatures(const std::string& text) {
    static const std::pair<const char*, const char*> ligatures[] = {
        {"\xEF\xAC\x80", "ff"}, {"\xEF\xAC\x81", "fi"}, {"\xEF\xAC\x82", "fl"}, {"\xEF\xAC\x83", "ffi"},
        {"\xEF\xAC\x84", "ffl"}, {"\xEF\xAC\x85", "st"}, {"\xEF\xAC\x86", "st"}, {"\xC2\xAD", ""}};
    if (text.find('\xEF') == std::string::npos && text.find('\xC2') == std::string::npos) return text;
    std::string out = text;
    for (const auto& [from, to] : ligatures)
        for (size_t at = out.find(from); at != std::string::npos; at = out.find(from, at)) {
            out.replace(at, std::char_traits<char>::length(from), to);
            at += std::char_traits<char>::length(to);
        }
    return out;
}

namespace {

bool is_ascii_letter(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }

// How a line that ends in a hyphen joins the next one.
enum class HyphenJoin { Remove, Keep, KeepSpace };

// The hyphen is a hyphenation point (removed) unless the words around it show it is part of the text:
// - a hyphenated compound is broken only at its own hyphens, so a hyphen elsewhere in the word
//   before ("state-of-") or in the word after ("to-charge") makes this one real: "mass-to-charge";
// - hyphenation leaves at least two letters before the break and three after it (TeX's
//   \lefthyphenmin and \righthyphenmin, and word processors' minima), so "X-" + "ray" and
//   "end-" + "to" are compounds;
// - a continuation that is not lower case is not the rest of a word ("Anti-" + "Inflammatory");
// - "and"/"or" after it is a suspended hyphen ("pre- and post-treatment"), space kept.
HyphenJoin hyphen_join(const std::string& text, const std::string& line) {
    const size_t space = text.find_last_of(' ');
    const size_t head_start = space == std::string::npos ? 0 : space + 1;
    const std::string head = text.substr(head_start, text.size() - 1 - head_start);  // without the final hyphen
    const std::string tail = line.substr(0, line.find(' '));
    size_t tail_letters = 0;
    while (tail_letters < tail.size() && is_ascii_letter(tail[tail_letters])) ++tail_letters;
    size_t head_letters = 0;
    while (head_letters < head.size() && is_ascii_letter(head[head.size() - 1 - head_letters])) ++head_letters;
    if (!std::islower(static_cast<unsigned char>(line[0]))) return HyphenJoin::Keep;
    if (tail == "and" || tail == "or" || tail == "and/or") return HyphenJoin::KeepSpace;
    if (head.find('-') != std::string::npos || tail.find('-') != std::string::npos) return HyphenJoin::Keep;
    if (head_letters < 2 || tail_letters < 3) return HyphenJoin::Keep;
    return HyphenJoin::Remove;
}

}  // namespace

void append_line_text(std::string& text, const std::string& line) {
    if (line.empty()) return;
    if (text.empty()) {
        text = line;
        return;
    }
    const size_t n = text.size();
    const bool hyphen = text[n - 1] == '-' && n >= 2 && is_ascii_letter(text[n - 2]);
    switch (hyphen ? hyphen_join(text, line) : HyphenJoin::KeepSpace) {
        case HyphenJoin::Remove: text.pop_back(); break;
        case HyphenJoin::Keep: break;
        case HyphenJoin::KeepSpace: text += ' '; break;
    }
    text += line;
}

std::string Block::text() const {
    std::string out;
    for (const Line& line : lines) append_line_text(out, line.text);
    return out;
}

// Rotated text (landscape captions, axis titles) is laid out in its own upright frame and
// mapped back, so a caption printed sideways still reads as lines.
struct Frame {
    int rotation = 0;
    void to_frame(double x, double y, double& fx, double& fy) const {
        switch (rotation) {
            case 90: fx = y, fy = -x; break;
            case 180: fx = -x, fy = -y; break;
            case 270: fx = -y, fy = x; break;
            default: fx = x, fy = y;
        }
    }
    void to_page(double fx, double fy, double& x, double& y) const {
        switch (rotation) {
            case 90: x = -fy, y = fx; break;
            case 180: x = -fx, y = -fy; break;
            case 270: x = fy, y = -fx; break;
            default: x = fx, y = fy;
        }
    }
    Box map(const Box& b, bool into_frame) const {
        double ax, ay, bx, by;
        if (into_frame) {
            to_frame(b.x0, b.y0, ax, ay);
            to_frame(b.x1, b.y1, bx, by);
        } else {
            to_page(b.x0, b.y0, ax, ay);
            to_page(b.x1, b.y1, bx, by);
        }
        return {std::min(ax, bx), std::min(ay, by), std::max(ax, bx), std::max(ay, by)};
    }
};

PageLayout build_layout(const PageContent& page) {
    PageLayout layout;
    layout.number = page.number;
    layout.width = page.width;
    layout.height = page.height;
    for (int rotation : {0, 90, 180, 270}) {
        const Frame frame{rotation};
        std::vector<Glyph> glyphs;
        for (const Glyph& g : page.glyphs) {
            if (g.rotation != rotation) continue;
            Glyph copy = g;
            copy.box = frame.map(g.box, true);
            frame.to_frame(g.origin_x, g.baseline, copy.origin_x, copy.baseline);
            glyphs.push_back(std::move(copy));
        }
        if (glyphs.empty()) continue;
        std::vector<Block> blocks = build_blocks(build_lines(build_words(glyphs)));
        if (rotation != 0)
            for (Block& block : blocks) {
                block.box = frame.map(block.box, false);
                for (Line& line : block.lines) {
                    line.box = frame.map(line.box, false);
                    for (Word& word : line.words) word.box = frame.map(word.box, false);
                }
            }
        for (Block& block : blocks) layout.blocks.push_back(std::move(block));
    }
    order_blocks(layout);
    return layout;
}

double dominant_font_size(const std::vector<PageLayout>& pages) {
    std::map<double, size_t> sizes;
    for (const PageLayout& page : pages)
        for (const Block& block : page.blocks)
            for (const Line& line : block.lines) sizes[line.font_size] += line.text.size();
    if (sizes.empty()) return 10;
    return std::max_element(sizes.begin(), sizes.end(), [](auto& a, auto& b) { return a.second < b.second; })->first;
}

}  // namespace pubforge::pdf
