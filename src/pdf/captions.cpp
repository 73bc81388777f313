// Caption starts are found by label pattern, then a cascade of layout and wording tests rejects in-text mentions.
#include "pubforge/pdf/captions.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <regex>

#include "pubforge/core/record.hpp"

namespace pubforge::pdf {
namespace {

const std::regex& label_pattern() {
    static const std::regex pattern(
        R"re(^((?:(?:Supplementary|Supplemental|SUPPLEMENTARY|Suppl\.|Extended\s+Data|EXTENDED\s+DATA|Additional)\s+)?))re"
        R"re((Figures?|FIGURES?|Figuras?|FIGURAS?|Figs?\.?|FIGS?\.?|Graphs?|GRAPHS?|Charts?|CHARTS?|Gráficos?|GRÁFICOS?|)re"
        R"re(Tables?|TABLES?|Tabelas?|TABELAS?|Tablas?|TABLAS?|Tab\.|Quadro|QUADRO|Scheme|SCHEME|Plate|PLATE))re"
        // "Figure 1", "Fig.1", and "Figure-1" (a hyphen straight before the number).
        R"re((\.?)(?:-(?=[A-Z]?\d)|\s*)((?:[A-Z]?\d+(?:\.\d+)*[a-z]?)|(?:[IVXL]+)(?![A-Za-z]))?)re"
        R"re(\s*(:|\.|\||-|–|—|,)?)re");
    return pattern;
}

bool is_table_word(const std::string& word) {
    return word.rfind("Tab", 0) == 0 || word.rfind("TAB", 0) == 0 || word.rfind("Quadro", 0) == 0 ||
           word.rfind("QUADRO", 0) == 0;
}

bool plural(const std::string& word) {
    const char last = word.back() == '.' ? word[word.size() - 2] : word.back();
    return (last == 's' || last == 'S') && word != "Figs." && word != "FIGS.";
}

bool ends_sentence(const std::string& text) {
    if (text.empty()) return true;
    const char c = text.back();
    return c == '.' || c == ':' || c == '!' || c == '?' || c == ')';
}

// How far the label's font stands out from the text that follows it (bold label, different size).
bool label_stands_out(const Line& line) {
    if (line.words.size() < 2) return false;
    const Word& first = line.words.front();
    const Word& after = line.words.size() > 2 ? line.words[2] : line.words[1];
    return first.bold != after.bold || std::abs(first.font_size - after.font_size) > 0.5;
}

// "a ISSR...", "a) Maps...", "(a) Sections...": a panel letter, then a word that is not in lower case. In running
// text a lower-case word follows ("Fig. 2 a shows"), which stays a mention.
bool opens_with_panel_letter(const std::string& rest) {
    static const std::regex pattern(R"re(^(\([a-z]\)|[a-z]\)|[a-z])\s+[^a-z\s])re");
    return std::regex_search(rest, pattern);
}

// Notes and legends printed under a caption title: JATS captions hold them, so the caption goes on.
bool starts_note(const std::string& line) {
    static const std::regex pattern(R"re(^(Note|Notes|Nota|Notas|Abbreviations?|Key|Legend)\s*:)re");
    return std::regex_search(line, pattern);
}

// Attributions under a caption ("Source: ...", SciELO's "Fonte:"): JATS keeps them out of the caption (<attrib>).
bool starts_attribution(const std::string& line) {
    static const std::regex pattern(R"re(^(Source|Sources|Fonte|Fontes|Fuente|Fuentes)\s*:)re");
    return std::regex_search(line, pattern);
}

std::optional<CaptionLabel> match_label_start(const Block& block) {
    return block.lines.empty() ? std::nullopt : match_caption_label(block.lines.front().text);
}

// A line that shares its baseline with text in another block to its right or left is a table row;
// the lines of another caption (the next column's, side by side with this one) are not cells.
bool ends_table_row(const PageLayout& page, size_t block_index, const Line& line) {
    for (size_t b = 0; b < page.blocks.size(); ++b) {
        if (b == block_index) continue;
        for (const Line& other : page.blocks[b].lines) {
            if (std::abs(other.box.y1 - line.box.y1) > 0.3 * line.font_size) continue;
            // Cells are short; a long neighbour is the other column's running text.
            if (other.box.width() > 0.25 * page.width || line.box.width() > 0.5 * page.width) continue;
            // So is the short last line of a paragraph there: its block is as wide as a column and has lines above.
            const Block& neighbour = page.blocks[b];
            if (neighbour.lines.size() >= 3 && neighbour.box.width() > 0.3 * page.width) break;
            const double gap = std::max(other.box.x0 - line.box.x1, line.box.x0 - other.box.x1);
            // The label regex runs last: only for a block that has a cell-like line here.
            if (gap > 0 && gap < 0.25 * page.width) {
                if (match_label_start(page.blocks[b])) break;
                return true;
            }
        }
    }
    return false;
}

// The block that carries on the caption filling block `b` of the left column: in the right column, its top
// level with the caption's, in the caption's type size, not a caption of its own. Where captions and body share
// a type size, only a continuation that starts in lower case after an unfinished sentence counts.
long column_continuation(const PageLayout& page, size_t b, double body_font_size, const std::string& text) {
    const Block& block = page.blocks[b];
    if (!page.two_columns || block.column != 1) return -1;
    const Line& last = block.lines.back();
    if (last.box.width() < 0.85 * block.box.width()) return -1;  // the caption ends on a short line
    if (block.box.width() < block.box.height() && block.lines.size() == 1) return -1;  // sideways text
    const double size = block.lines.front().font_size;
    for (size_t n = 0; n < page.blocks.size(); ++n) {
        const Block& other = page.blocks[n];
        if (other.column != 2 || other.lines.empty()) continue;
        if (std::abs(other.box.y0 - block.box.y0) > 0.6 * size || std::abs(other.font_size - size) > 0.3) continue;
        // The other half of a column-wide caption is about as wide: not a cell, a tick label or a heading.
        if (other.box.width() < 0.6 * block.box.width() || other.lines.front().box.width() < other.lines.front().box.height())
            continue;
        if (match_label_start(other)) continue;
        const bool lower = std::islower(static_cast<unsigned char>(other.lines.front().text[0])) != 0;
        if (std::abs(size - body_font_size) <= 0.25 && (ends_sentence(text) || !lower)) continue;
        return static_cast<long>(n);
    }
    return -1;
}

// A one-line block that carries on the caption's first line (so far `caption.box`) on its baseline, less than
// two spaces' worth of stretched gap to its right, in its type size; never across the gutter of two columns.
long line_fragment(const PageLayout& page, size_t b, const Caption& caption) {
    const double size = caption.font_size, mid = page.width / 2;
    const Box& reach = caption.box;
    if (reach.width() < reach.height()) return -1;  // sideways text: page coordinates do not run along it
    long best = -1;
    double best_gap = 2 * size;
    for (size_t n = 0; n < page.blocks.size(); ++n) {
        const Block& other = page.blocks[n];
        if (n == b || other.lines.size() != 1) continue;
        if (std::find(caption.more_blocks.begin(), caption.more_blocks.end(), n) != caption.more_blocks.end()) continue;
        const Line& line = other.lines.front();
        if (line.box.width() < line.box.height()) continue;
        const double gap = line.box.x0 - reach.x1;
        if (gap < -0.1 * size || gap >= best_gap || std::abs(line.box.y1 - reach.y1) > 0.3 * size ||
            std::abs(line.font_size - size) > 0.3)
            continue;
        if (page.two_columns && reach.x1 < mid && line.box.x0 > mid) continue;
        if (match_caption_label(line.text)) continue;
        best = static_cast<long>(n);
        best_gap = gap;
    }
    return best;
}

// The block holding the text of a label that stands alone at the end of block `b`: the one whose first line
// shares the label's baseline a few spaces to its right (Springer's "Table 2<tab>Mean values..."), else the
// nearest one starting just below it, under it. -1 when neither is there.
long label_text_block(const PageLayout& page, size_t b, const Line& label) {
    const double size = label.font_size;
    long beside = -1, below = -1;
    double beside_gap = 4 * size, below_gap = 2 * size;
    if (label.box.width() < label.box.height()) return -1;  // sideways text: page coordinates do not run along it
    for (size_t n = 0; n < page.blocks.size(); ++n) {
        const Block& other = page.blocks[n];
        if (n == b || other.lines.empty()) continue;
        const Line& first = other.lines.front();
        const double gap = first.box.x0 - label.box.x1;
        const bool is_beside = std::abs(first.box.y1 - label.box.y1) < 0.3 * size &&
                               std::abs(first.font_size - size) < 0.6 && gap > 0 && gap < beside_gap;
        const double drop = other.box.y0 - page.blocks[b].box.y1;
        const bool under = std::min(other.box.x1, label.box.x1) > std::max(other.box.x0, label.box.x0);
        const bool is_below = drop > -0.3 * size && drop < below_gap && under;
        // The label regex last: most blocks are neither beside nor below the label.
        if ((!is_beside && !is_below) || match_label_start(other)) continue;
        if (is_beside) {
            beside = static_cast<long>(n);
            beside_gap = gap;
        }
        if (is_below) {
            below = static_cast<long>(n);
            below_gap = drop;
        }
    }
    return beside >= 0 ? beside : below;
}

}  // namespace

std::optional<CaptionLabel> match_caption_label(const std::string& line) {
    std::smatch m;
    if (!std::regex_search(line, m, label_pattern())) return std::nullopt;
    const std::string word = m[2].str();
    if (plural(word) && word != "Figs." && word != "FIGS.") return std::nullopt;
    CaptionLabel label;
    label.kind = is_table_word(word) ? "table" : "figure";
    label.number = m[4].str();
    const std::string delimiter = m[5].str();
    if (!delimiter.empty()) label.delimiter = delimiter == ":" || delimiter == "." || delimiter == "|" ? delimiter[0] : '-';
    if (delimiter == ",") return std::nullopt;  // "Figure 2, 3 and 4": a list, never a caption
    // Roman numerals must stand alone ("Table II."), not begin a word ("Table Ideas").
    label.label = normalize_space(m[1].str() + word + m[3].str() + (label.number.empty() ? "" : " " + label.number));
    if (label.number.empty()) {
        // An unnumbered label ("Figura.", "Figure:") only counts with a delimiter right after the word.
        if (m[3].str().empty() && !label.delimiter) return std::nullopt;
        if (!m[3].str().empty()) label.delimiter = '.';
        label.label = normalize_space(m[1].str() + word);
    }
    label.text_start = static_cast<size_t>(m.position(0) + m.length(0));
    while (label.text_start < line.size() && line[label.text_start] == ' ') ++label.text_start;
    return label;
}

std::vector<Caption> find_captions(const std::vector<PageLayout>& pages, double body_font_size) {
    std::vector<Caption> candidates;
    for (const PageLayout& page : pages) {
        for (size_t b = 0; b < page.blocks.size(); ++b) {
            const Block& block = page.blocks[b];
            for (size_t l = 0; l < block.lines.size(); ++l) {
                const Line& line = block.lines[l];
                const auto label = match_caption_label(line.text);
                if (!label) continue;
                const std::string rest = line.text.substr(label->text_start);
                // The cascade: each test removes a family of in-text mentions.
                // Running text that wraps onto the label's line fills the line before it; a short line before it,
                // or one in another type size, is a label of the figure or the end of something else.
                const Line* before = l > 0 ? &block.lines[l - 1] : nullptr;
                const bool block_start = !before || ends_sentence(before->text) ||
                                         before->box.width() < 0.7 * std::max(line.box.width(), block.box.width()) ||
                                         std::abs(before->font_size - line.font_size) > 0.4;
                if (!block_start) continue;  // "... as shown in\nFigure 2 the ..."
                const bool stands_out = label_stands_out(line) || line.bold;
                // A caption may open on a lower-case panel letter ("Fig. 1 a ISSR profile...", "(a) Sections...").
                const bool starts_upper = rest.empty() || !std::islower(static_cast<unsigned char>(rest[0])) ||
                                          opens_with_panel_letter(rest);
                if (!label->delimiter && !stands_out && !(rest.empty() && l == 0)) {
                    // "Figure 2 shows ...": only a distinct font or a label alone on its line rescues it.
                    if (!starts_upper || line.font_size >= body_font_size - 0.25) continue;
                }
                if (label->delimiter == '.' && !starts_upper && !stands_out) continue;  // "Fig. 3. was"
                if (rest.rfind("(continued)", 0) == 0 || rest.rfind("(cont", 0) == 0 || rest.rfind("continued", 0) == 0)
                    continue;
                if (!rest.empty() && (rest[0] == ')' || rest[0] == ';' || rest[0] == ',')) continue;

                Caption caption;
                caption.label = *label;
                caption.page = page.number;
                caption.block = b;
                caption.first_line = l;
                caption.font_size = line.font_size;
                caption.score = (l == 0 ? 3 : 1) + (stands_out ? 2 : 0) + (label->delimiter == ':' || label->delimiter == '|' ? 2 : 0) +
                                (label->delimiter ? 1 : 0) + (line.font_size < body_font_size - 0.25 ? 1 : 0);
                std::string text = rest;
                caption.box = line.box;
                // Justified captions stretch their spaces: the rest of the label's line may stand apart in
                // one-line blocks on its baseline.
                for (long n; (n = line_fragment(page, b, caption)) >= 0;) {
                    append_line_text(text, page.blocks[static_cast<size_t>(n)].lines.front().text);
                    caption.box = caption.box.united(page.blocks[static_cast<size_t>(n)].box);
                    caption.more_blocks.push_back(static_cast<size_t>(n));
                }
                size_t k = l + 1;
                for (; k < block.lines.size(); ++k) {
                    if (match_caption_label(block.lines[k].text) && ends_sentence(block.lines[k - 1].text)) break;
                    // "Notes:", "Abbreviations:", "Source:" under a caption belong to it (JATS captions hold them).
                    if (starts_attribution(block.lines[k].text)) break;
                    const bool note = starts_note(block.lines[k].text);
                    if (!note && std::abs(block.lines[k].font_size - block.lines[k - 1].font_size) > 0.6) break;
                    const Line& before = block.lines[k - 1];
                    // Table cells under a table caption; a line that carries on an unfinished sentence in the same
                    // font is still the caption (a side caption beside the table's rows, a two-column page).
                    // The line before must fill the block's width: the sentence wrapped there.
                    const bool carries_on = !ends_sentence(before.text) &&
                                            std::abs(block.lines[k].font_size - before.font_size) < 0.3 &&
                                            before.box.width() > 0.85 * block.box.width();
                    if (!carries_on && ends_table_row(page, b, block.lines[k])) break;
                    if (k > l + 1 && block.lines[k].box.y0 - before.box.y1 >
                                         1.6 * std::max(1.0, before.box.y0 - block.lines[k - 2].box.y1) + 1)
                        break;  // the line pitch opens up: a new paragraph or a table body
                    if (before.text.back() == '.' && k + 1 < block.lines.size() &&
                        block.lines[k].box.width() < 0.45 * line.box.width())
                        break;  // a short line after a full stop, with more below: a table's first cell
                    append_line_text(text, block.lines[k].text);
                    caption.box = caption.box.united(block.lines[k].box);
                }
                // A caption set in two columns under a full-width figure: it runs to the bottom of its block and
                // carries on at the top of the right column's block level with it.
                if (k == block.lines.size() && l == 0) {
                    if (const long next = column_continuation(page, b, body_font_size, text); next >= 0) {
                        const Block& more = page.blocks[static_cast<size_t>(next)];
                        for (const Line& more_line : more.lines) append_line_text(text, more_line.text);
                        caption.box = caption.box.united(more.box);
                        caption.more_blocks.push_back(static_cast<size_t>(next));
                    }
                }
                // A label alone on its line: the caption text is set apart from it (beside it after a tab, or
                // centred below it).
                if (text.size() < 3 && l + 1 == block.lines.size()) {
                    if (const long n = label_text_block(page, b, line); n >= 0) {
                        const Block& more = page.blocks[static_cast<size_t>(n)];
                        append_line_text(text, more.text());
                        caption.box = caption.box.united(more.box);
                        caption.more_blocks.push_back(static_cast<size_t>(n));
                    }
                }
                caption.text = normalize_space(text);
                candidates.push_back(std::move(caption));
            }
        }
    }
    // One caption per numbered label: the most caption-like start wins, the earliest on ties.
    std::map<std::pair<std::string, std::string>, size_t> best;
    std::vector<bool> keep(candidates.size(), true);
    for (size_t i = 0; i < candidates.size(); ++i) {
        const Caption& c = candidates[i];
        if (c.label.number.empty()) continue;
        const auto key = std::make_pair(c.label.kind, c.label.number);
        const auto found = best.find(key);
        if (found == best.end()) {
            best[key] = i;
        } else if (c.score > candidates[found->second].score) {
            keep[found->second] = false;
            found->second = i;
        } else {
            keep[i] = false;
        }
    }
    std::vector<Caption> out;
    for (size_t i = 0; i < candidates.size(); ++i)
        if (keep[i]) out.push_back(std::move(candidates[i]));
    return out;
}

std::set<size_t> caption_blocks_on(const std::vector<Caption>& captions, int page) {
    std::set<size_t> blocks;
    for (const Caption& c : captions)
        if (c.page == page) {
            blocks.insert(c.block);
            blocks.insert(c.more_blocks.begin(), c.more_blocks.end());
        }
    return blocks;
}

}  // namespace pubforge::pdf
