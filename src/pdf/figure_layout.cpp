// Figure regions from images, vector drawings and whitespace, paired with captions by position on the page.
#include "pubforge/pdf/figure_layout.hpp"

#include "pubforge/core/record.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <set>

namespace pubforge::pdf {
namespace {

struct Element {
    Box box;
    std::vector<size_t> images;  // empty for vector drawings
    bool rules_only = false;     // only thin horizontal/vertical strokes: table rules, separators
    bool used = false;
};

Box inflate(const Box& b, double d) { return {b.x0 - d, b.y0 - d, b.x1 + d, b.y1 + d}; }

bool near(const Box& a, const Box& b, double distance) { return inflate(a, distance).overlap_area(b) > 0; }

double horizontal_overlap(const Box& a, double x0, double x1) { return std::min(a.x1, x1) - std::max(a.x0, x0); }

// Vector marks clustered by proximity; page-sized rectangles (backgrounds, frames) are left out.
std::vector<Element> vector_elements(const PageContent& content) {
    const double page_area = content.width * content.height;
    std::vector<const VectorMark*> marks;
    for (const VectorMark& mark : content.vectors)
        if (mark.box.area() < 0.5 * page_area && mark.box.x1 > 0 && mark.box.y1 > 0 && mark.box.x0 < content.width &&
            mark.box.y0 < content.height)
            marks.push_back(&mark);
    if (marks.size() > 20000) marks.resize(20000);  // enough to find regions; bounds the clustering cost
    std::sort(marks.begin(), marks.end(), [](const VectorMark* a, const VectorMark* b) { return a->box.y0 < b->box.y0; });
    std::vector<Element> clusters;
    std::vector<size_t> counts;
    for (const VectorMark* mark : marks) {
        const bool thin = mark->box.width() <= 2.5 || mark->box.height() <= 2.5;
        size_t target = clusters.size();
        for (size_t i = 0; i < clusters.size(); ++i)
            if (near(clusters[i].box, mark->box, 4)) {
                target = i;
                break;
            }
        if (target == clusters.size()) {
            clusters.push_back({mark->box, {}, thin, false});
            counts.push_back(1);
        } else {
            clusters[target].box = clusters[target].box.united(mark->box);
            clusters[target].rules_only &= thin;
            ++counts[target];
        }
    }
    // Clusters that grew into each other merge.
    for (bool merged = true; merged;) {
        merged = false;
        for (size_t i = 0; i < clusters.size() && !merged; ++i)
            for (size_t j = i + 1; j < clusters.size() && !merged; ++j)
                if (near(clusters[i].box, clusters[j].box, 4)) {
                    clusters[i].box = clusters[i].box.united(clusters[j].box);
                    clusters[i].rules_only &= clusters[j].rules_only;
                    counts[i] += counts[j];
                    clusters.erase(clusters.begin() + static_cast<long>(j));
                    counts.erase(counts.begin() + static_cast<long>(j));
                    merged = true;
                }
    }
    std::vector<Element> out;
    for (size_t i = 0; i < clusters.size(); ++i) {
        const Box& b = clusters[i].box;
        if (b.width() < 20 || b.height() < 8) continue;  // underlines, bullets, single rules
        if (!clusters[i].rules_only && counts[i] < 2 && b.height() < 20) continue;
        out.push_back(clusters[i]);
    }
    return out;
}

bool is_body_block(const Block& block, double body_font_size, double page_width) {
    return std::abs(block.font_size - body_font_size) <= 0.75 && block.lines.size() >= 2 &&
           block.box.width() >= 0.3 * page_width;
}

}  // namespace

bool is_figure_image(const ImagePlacement& image) {
    if (image.is_mask) return false;
    if (image.pixel_width > 0 && image.pixel_height > 0 && static_cast<std::int64_t>(image.pixel_width) * image.pixel_height < 64)
        return false;
    return image.box.width() >= 12 && image.box.height() >= 12 && image.box.area() >= 600;
}

std::vector<PlacedFigure> place_figures(const PageContent& content, const PageLayout& layout,
                                        const std::vector<Caption>& captions, double body_font_size) {
    std::vector<Element> elements;
    {
        // Images close together form one element: a figure made of several pictures.
        std::vector<size_t> picked;
        for (size_t i = 0; i < content.images.size(); ++i)
            if (is_figure_image(content.images[i])) picked.push_back(i);
        for (size_t i : picked) {
            const Box box = content.images[i].box.intersected({0, 0, content.width, content.height});
            if (box.empty()) continue;
            bool joined = false;
            for (Element& e : elements)
                if (near(e.box, box, 6)) {
                    e.box = e.box.united(box);
                    e.images.push_back(i);
                    joined = true;
                    break;
                }
            if (!joined) elements.push_back({box, {i}, false, false});
        }
        for (Element& v : vector_elements(content)) {
            bool absorbed = false;
            for (Element& e : elements)
                if (!e.images.empty() && e.box.overlap_area(v.box) > 0.5 * v.box.area()) absorbed = true;
            if (!absorbed) elements.push_back(v);
        }
    }

    // Barriers: body paragraphs and captions; a figure never reaches across them.
    std::vector<Box> barriers;
    const std::set<size_t> caption_blocks = caption_blocks_on(captions, layout.number);
    for (size_t b = 0; b < layout.blocks.size(); ++b)
        if (caption_blocks.count(b) || is_body_block(layout.blocks[b], body_font_size, layout.width))
            barriers.push_back(layout.blocks[b].box);

    auto blocked = [&](const Box& between) {
        for (const Box& barrier : barriers)
            if (barrier.overlap_area(between) > 0.25 * std::min(barrier.area(), between.area()) &&
                barrier.overlap_area(between) > 1)
                return true;
        return false;
    };

    std::vector<PlacedFigure> placed;
    for (size_t ci = 0; ci < captions.size(); ++ci) {
        const Caption& caption = captions[ci];
        if (caption.page != layout.number) continue;
        const Box& cb = caption.box;
        const double mid = layout.width / 2;
        double x0 = 0, x1 = layout.width;
        if (layout.two_columns && cb.x1 <= mid + 0.05 * layout.width) x1 = mid;
        else if (layout.two_columns && cb.x0 >= mid - 0.05 * layout.width) x0 = mid;
        const bool table = caption.label.kind == "table";

        auto usable = [&](const Element& e) {
            if (e.used || (e.rules_only && !table)) return false;
            return horizontal_overlap(e.box, x0, x1) > 0.3 * std::min(e.box.width(), x1 - x0);
        };
        // Nearest element in one direction that no barrier separates from the caption.
        auto nearest = [&](bool above) -> long {
            long best = -1;
            double best_distance = 1e300;
            for (size_t i = 0; i < elements.size(); ++i) {
                const Element& e = elements[i];
                if (!usable(e)) continue;
                const double distance = above ? cb.y0 - e.box.y1 : e.box.y0 - cb.y1;
                if (distance < -4) continue;
                const Box gap = above ? Box{std::max(x0, e.box.x0), e.box.y1, std::min(x1, e.box.x1), cb.y0}
                                      : Box{std::max(x0, e.box.x0), cb.y1, std::min(x1, e.box.x1), e.box.y0};
                if (gap.height() > 2 && blocked(gap)) continue;
                if (distance < best_distance) {
                    best_distance = distance;
                    best = static_cast<long>(i);
                }
            }
            return best;
        };
        auto side_region = [&](bool above, int& rows) {
            double limit = above ? 0 : layout.height;
            for (const Box& barrier : barriers) {
                if (horizontal_overlap(barrier, x0, x1) <= 0) continue;
                if (above && barrier.y1 <= cb.y0 - 1) limit = std::max(limit, barrier.y1);
                if (!above && barrier.y0 >= cb.y1 + 1) limit = std::min(limit, barrier.y0);
            }
            Box region;
            std::vector<const Line*> inside;
            for (size_t b = 0; b < layout.blocks.size(); ++b)
                for (const Line& line : layout.blocks[b].lines) {
                    const bool between = above ? line.box.y1 <= cb.y0 + 1 && line.box.y0 >= limit
                                               : line.box.y0 >= cb.y1 - 1 && line.box.y1 <= limit;
                    if (!caption_blocks.count(b) && between && horizontal_overlap(line.box, x0, x1) > 0.8 * line.box.width()) {
                        region = region.united(line.box);
                        inside.push_back(&line);
                    }
                }
            rows = 0;
            for (const Line* a : inside)
                for (const Line* b : inside)
                    if (a != b && std::abs(a->box.y1 - b->box.y1) < 2 && a->box.x0 < b->box.x0) {
                        ++rows;
                        break;
                    }
            return region;
        };
        int rows_above = 0, rows_below = 0;
        const Box text_above = table ? side_region(true, rows_above) : Box{};
        const Box text_below = table ? side_region(false, rows_below) : Box{};
        const long above = nearest(true), below = nearest(false);
        long chosen = -1;
        bool chose_above = true;
        const auto distance_of = [&](long i, bool up) {
            return i < 0 ? 1e300 : (up ? cb.y0 - elements[i].box.y1 : elements[i].box.y0 - cb.y1);
        };
        if (table) {
            // Table rows (lines with several cells) say which side the table is on; else the nearer rules.
            if (above >= 0 && below >= 0 && rows_above != rows_below) chose_above = rows_above > rows_below;
            else chose_above = below < 0 || (above >= 0 && distance_of(above, true) < 0.5 * distance_of(below, false));
        } else {
            chose_above = above >= 0 && (below < 0 || distance_of(above, true) <= 2 * distance_of(below, false) + 12);
        }
        chosen = chose_above ? above : below;
        if (chosen < 0) {
            // Side captions: an element beside the caption, overlapping it vertically.
            double best = 1e300;
            for (size_t i = 0; i < elements.size(); ++i) {
                const Element& e = elements[i];
                if (e.used || (e.rules_only && !table)) continue;
                const double vertical = std::min(e.box.y1, cb.y1) - std::max(e.box.y0, cb.y0);
                if (vertical < 0.5 * std::min(cb.height(), e.box.height())) continue;
                const double gap = std::max(e.box.x0 - cb.x1, cb.x0 - e.box.x1);
                if (gap < best && gap < 0.3 * layout.width) {
                    best = gap;
                    chosen = static_cast<long>(i);
                }
            }
        }

        PlacedFigure figure;
        figure.caption = ci;
        if (chosen >= 0) {
            Element& seed = elements[static_cast<size_t>(chosen)];
            seed.used = true;
            figure.box = seed.box;
            figure.images = seed.images;
            // Grow through further elements on the same side until a barrier or another caption.
            for (bool grew = true; grew;) {
                grew = false;
                for (Element& e : elements) {
                    // Pictures side by side with the figure belong to it even across the column line.
                    const double row_overlap = std::min(e.box.y1, figure.box.y1) - std::max(e.box.y0, figure.box.y0);
                    const bool beside = !e.used && !e.rules_only && row_overlap > 0.5 * e.box.height() &&
                                        std::max(e.box.x0 - figure.box.x1, figure.box.x0 - e.box.x1) < 0.25 * layout.width;
                    if (!usable(e) && !beside) continue;
                    const bool same_side = chose_above ? e.box.y1 <= cb.y0 + 4 : e.box.y0 >= cb.y1 - 4;
                    if (!same_side) continue;
                    const Box gap = figure.box.united(e.box);
                    const Box between = chose_above ? Box{gap.x0, std::min(figure.box.y0, e.box.y1), gap.x1, std::max(figure.box.y0, e.box.y1)}
                                                    : Box{gap.x0, std::min(figure.box.y1, e.box.y0), gap.x1, std::max(figure.box.y1, e.box.y0)};
                    if (between.height() > 2 && blocked(between)) continue;
                    if (std::max(e.box.y0 - figure.box.y1, figure.box.y0 - e.box.y1) > 3 * body_font_size) continue;
                    e.used = true;
                    figure.box = figure.box.united(e.box);
                    figure.images.insert(figure.images.end(), e.images.begin(), e.images.end());
                    grew = true;
                }
            }
            figure.found_graphics = true;
        } else if (table) {
            // Ruleless tables are only text: the lines on the side of the caption that looks most
            // like a table (rows of several cells), up to the next barrier.
            figure.box = rows_above > rows_below ? text_above : (text_below.empty() ? text_above : text_below);
            figure.found_graphics = !figure.box.empty();
        }
        if (!figure.found_graphics) {
            // No drawing found: the whitespace between the caption and the nearest barrier above.
            double top = 0;
            for (const Box& barrier : barriers)
                if (barrier.y1 <= cb.y0 - 1 && horizontal_overlap(barrier, x0, x1) > 0 && barrier.y1 > top) top = barrier.y1;
            figure.box = {x0 + 0.05 * (x1 - x0), top + 2, x1 - 0.05 * (x1 - x0), cb.y0 - 2};
        }
        // Text inside the region or right against it (axis labels, tick labels, legends, table cells) widens
        // it to their extent: a plot's tick labels sit within about a line of its axes, its axis titles within
        // a line of the tick labels (hence the passes, each reaching from what the last one took in).
        for (int pass = 0; pass < 3; ++pass)
            for (size_t b = 0; b < layout.blocks.size(); ++b) {
                if (caption_blocks.count(b) || is_body_block(layout.blocks[b], body_font_size, layout.width)) continue;
                for (const Line& line : layout.blocks[b].lines) {
                    // A figure's drawing reaches to text less than a line away (whole line taken in).
                    const double grow = table ? (figure.found_graphics ? 2 : body_font_size)
                                              : (figure.found_graphics ? std::max(2.0, line.font_size) + line.box.height() : 2);
                    if (line.box.overlap_area(inflate(figure.box, grow)) > 0.5 * line.box.area() &&
                        horizontal_overlap(line.box, x0 - 2, x1 + 2) > 0.8 * line.box.width())
                        figure.box = figure.box.united(line.box);
                }
            }
        figure.has_raster = !figure.images.empty();
        std::sort(figure.images.begin(), figure.images.end(), [&](size_t a, size_t b) {
            const Box &ba = content.images[a].box, &bb = content.images[b].box;
            return std::abs(ba.y0 - bb.y0) > 4 ? ba.y0 < bb.y0 : ba.x0 < bb.x0;
        });
        placed.push_back(std::move(figure));
    }
    return placed;
}

std::vector<UnlabelledFigure> find_unlabelled_figures(const PageContent& content, const PageLayout& layout,
                                                      const std::vector<PlacedFigure>& placed,
                                                      const std::vector<Caption>& captions, double body_font_size) {
    std::set<size_t> used_images;
    for (const PlacedFigure& figure : placed) used_images.insert(figure.images.begin(), figure.images.end());
    std::set<size_t> caption_blocks = caption_blocks_on(captions, layout.number);
    std::vector<UnlabelledFigure> found;
    for (size_t i = 0; i < content.images.size(); ++i) {
        const ImagePlacement& image = content.images[i];
        const Box box = image.box.intersected({0, 0, content.width, content.height});
        // Pictures, not logos, icons or decorations: a quarter of the page wide and a sixth high.
        if (used_images.count(i) || !is_figure_image(image) || box.width() < 0.25 * layout.width ||
            box.height() < layout.height / 6)
            continue;
        for (size_t b = 0; b < layout.blocks.size(); ++b) {
            const Block& block = layout.blocks[b];
            if (caption_blocks.count(b) || block.lines.empty()) continue;
            const double gap = block.box.y0 - box.y1;
            const double slack = 0.1 * box.width();
            if (gap < -2 || gap > 2.5 * block.font_size) continue;
            if (block.box.x0 < box.x0 - slack || block.box.x1 > box.x1 + slack) continue;
            // Caption type: smaller than the body, a few sentences, starting and ending like one.
            const std::string text = normalize_space(block.text());
            const size_t words = count_words(text);
            if (block.font_size >= body_font_size - 0.25 || words < 4 || words > 120 || text.back() != '.' ||
                !std::isupper(static_cast<unsigned char>(text[0])))
                continue;
            UnlabelledFigure figure;
            figure.caption.label.kind = "figure";
            figure.caption.text = text;
            figure.caption.page = layout.number;
            figure.caption.block = b;
            figure.caption.box = block.box;
            figure.caption.font_size = block.font_size;
            figure.figure.box = box;
            figure.figure.images = {i};
            figure.figure.has_raster = true;
            figure.figure.found_graphics = true;
            used_images.insert(i);
            caption_blocks.insert(b);
            found.push_back(std::move(figure));
            break;
        }
    }
    return found;
}

}  // namespace pubforge::pdf
