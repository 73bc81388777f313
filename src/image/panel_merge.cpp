// Clean-up after the cuts: small pieces join the panel they belong to, specks go, labels claim their panels.
#include <algorithm>
#include <limits>

#include "panel_parts.hpp"

namespace pubforge::panels {
namespace {

// Gap between two boxes along x plus along y (0 when they touch or overlap); a
// neighbour beside or below (projections overlapping) counts as nearer than one
// diagonally away, since axis labels and legends sit beside their plot.
double distance_between(const cv::Rect& a, const cv::Rect& b) {
    const int dx = std::max({0, b.x - (a.x + a.width), a.x - (b.x + b.width)});
    const int dy = std::max({0, b.y - (a.y + a.height), a.y - (b.y + b.height)});
    const bool aligned = dx == 0 || dy == 0;
    return (dx + dy) * (aligned ? 1.0 : 2.0);
}

bool is_panel_sized(const cv::Rect& box, const cv::Size& figure) {
    const int side = min_panel_side(figure);
    return box.width >= side && box.height >= side && box.area() >= 0.008 * figure.area();
}

// Joins regions whose boxes overlap by more than a sliver, until none do.
void merge_overlapping(std::vector<Region>& regions) {
    bool changed = true;
    while (changed) {
        changed = false;
        for (size_t i = 0; i < regions.size() && !changed; ++i) {
            for (size_t j = i + 1; j < regions.size() && !changed; ++j) {
                const cv::Rect overlap = regions[i].box & regions[j].box;
                const int smaller = std::min(regions[i].box.area(), regions[j].box.area());
                if (overlap.area() > 0.15 * smaller) {
                    regions[i].box |= regions[j].box;
                    regions.erase(regions.begin() + static_cast<long>(j));
                    changed = true;
                }
            }
        }
    }
}

// The region nearest to `piece` that can take it in without its box growing over
// another region (an axis label must not glue two plots together).
Region* nearest_compatible(const cv::Rect& piece, std::vector<Region>& regions) {
    double nearest = std::numeric_limits<double>::max();
    Region* owner = nullptr;
    for (Region& candidate : regions) {
        const double d = distance_between(piece, candidate.box);
        if (d >= nearest) continue;
        const cv::Rect grown = candidate.box | piece;
        bool collides = false;
        for (const Region& other : regions)
            if (&other != &candidate && (grown & other.box).area() > 0) collides = true;
        if (collides) continue;
        nearest = d;
        owner = &candidate;
    }
    return owner;
}

// The label whose panel an unlabelled region continues: nearest above-left.
int owner_above_left(const cv::Rect& region, const std::vector<LabelMark>& labels) {
    int owner = -1;
    double nearest = std::numeric_limits<double>::max();
    for (size_t i = 0; i < labels.size(); ++i) {
        const cv::Rect& mark = labels[i].box;
        const int tolerance = 2 * mark.height;
        if (mark.x > region.x + tolerance || mark.y > region.y + tolerance) continue;
        const double d = std::abs(region.y - mark.y) + std::abs(region.x - mark.x);
        if (d < nearest) {
            nearest = d;
            owner = static_cast<int>(i);
        }
    }
    return owner;
}

}  // namespace

std::vector<Region> merge_small_regions(std::vector<Region> regions, const Canvas& canvas) {
    const cv::Size figure = canvas.gray.size();
    const int side = min_panel_side(figure);
    std::vector<Region> big, small;
    for (Region& r : regions) (is_panel_sized(r.box, figure) ? big : small).push_back(std::move(r));
    if (big.empty()) {
        // Nothing panel-sized: the figure is one panel (a table image, a single chart).
        cv::Rect all;
        for (const Region& r : small) all = all.area() ? (all | r.box) : r.box;
        if (all.area() == 0) return {};
        return {Region{all, "whole"}};
    }
    std::sort(small.begin(), small.end(), [](const Region& a, const Region& b) { return a.box.area() > b.box.area(); });
    for (const Region& piece : small) {
        Region* owner = nearest_compatible(piece.box, big);
        if (owner && distance_between(piece.box, owner->box) <= 3.0 * side) {
            owner->box |= piece.box;
        } else if (piece.box.area() >= side * side && std::min(piece.box.width, piece.box.height) >= side / 2) {
            big.push_back(piece);  // a lone small panel far from everything else
        }  // else: a speck, or a line of text spanning several panels (a caption printed into the image)
    }
    merge_overlapping(big);
    return big;
}

std::vector<Region> group_by_labels(const std::vector<Region>& regions, const std::vector<LabelMark>& labels,
                                    const cv::Size& figure_size, std::vector<std::string>& region_labels) {
    std::vector<Region> groups(labels.size());
    std::vector<bool> owned_any(labels.size(), false);
    std::vector<Region> unowned;
    for (const Region& r : regions) {
        const int owner = owner_above_left(r.box, labels);
        if (owner < 0) {
            unowned.push_back(r);
            continue;
        }
        Region& group = groups[static_cast<size_t>(owner)];
        group.box = owned_any[static_cast<size_t>(owner)] ? (group.box | r.box) : r.box;
        group.method = "label";
        owned_any[static_cast<size_t>(owner)] = true;
    }
    std::vector<Region> out;
    region_labels.clear();
    for (size_t i = 0; i < labels.size(); ++i) {
        if (!owned_any[i]) continue;
        out.push_back(groups[i]);
        region_labels.push_back(labels[i].text);
    }
    const cv::Size figure = figure_size;
    const int side = min_panel_side(figure);
    for (const Region& r : unowned) {
        Region* owner = nearest_compatible(r.box, out);
        if (owner && distance_between(r.box, owner->box) <= 3.0 * side) {
            owner->box |= r.box;
        } else if (is_panel_sized(r.box, figure)) {
            out.push_back(r);
            region_labels.emplace_back();
        }
    }
    return out;
}

bool plausible_partition(const std::vector<Region>& regions, const cv::Size& figure_size) {
    for (size_t i = 0; i < regions.size(); ++i) {
        if (!is_panel_sized(regions[i].box, figure_size)) return false;
        for (size_t j = i + 1; j < regions.size(); ++j) {
            const int smaller = std::min(regions[i].box.area(), regions[j].box.area());
            if ((regions[i].box & regions[j].box).area() > 0.1 * smaller) return false;
        }
    }
    return true;
}

namespace {

cv::Point centre(const cv::Rect& r) { return {r.x + r.width / 2, r.y + r.height / 2}; }

bool holds(const cv::Rect& region, const cv::Rect& mark) {
    const cv::Rect grown(region.x - 3, region.y - 3, region.width + 6, region.height + 6);
    return grown.contains(centre(mark));
}

// A panel's own letter sits in its top-left quarter; one at the far side names the panel beyond.
bool in_top_left_quarter(const cv::Rect& region, const cv::Rect& mark) {
    return mark.x - region.x <= 0.25 * region.width && mark.y - region.y <= 0.25 * region.height;
}

// A region without a letter this large, against the median labelled region, is a panel.
constexpr double kOwnPanelShare = 0.8;

// The median area of the regions some letter calls home (0 when none does).
double labelled_area(const std::vector<Region>& regions, const std::vector<int>& home) {
    std::vector<int> areas;
    for (const int r : home)
        if (r >= 0) areas.push_back(regions[static_cast<size_t>(r)].box.area());
    if (areas.empty()) return 0.0;
    std::nth_element(areas.begin(), areas.begin() + static_cast<long>(areas.size() / 2), areas.end());
    return areas[areas.size() / 2];
}

// The region each letter belongs to (-1 for none): the region holding it or, printed in
// the margin, the nearest region starting right of or below it. With `corners_only`, a
// region holds a letter only in its top-left quarter: a letter at a region's far side
// names the panel beyond the gutter (its margin was cut into the region on the left),
// and a letter in the middle of a region names nothing the regions as they stand have.
std::vector<int> label_homes(const std::vector<Region>& merged, const std::vector<LabelMark>& labels,
                             bool corners_only) {
    std::vector<int> home(labels.size(), -1);
    for (size_t l = 0; l < labels.size(); ++l) {
        const cv::Rect& mark = labels[l].box;
        double nearest = 4.0 * mark.height, nearest_beside = std::numeric_limits<double>::max();
        int holder = -1, beside = -1;
        for (size_t r = 0; r < merged.size(); ++r) {
            const cv::Rect& box = merged[r].box;
            if (holds(box, mark)) {
                if (!corners_only || in_top_left_quarter(box, mark)) {
                    holder = static_cast<int>(r);
                    break;
                }
                continue;
            }
            if (box.x + mark.height < mark.x || box.y + mark.height < mark.y) continue;
            const double d = std::max(0, box.x - (mark.x + mark.width)) + std::max(0, box.y - (mark.y + mark.height));
            if (d <= nearest) {
                nearest = d;
                home[l] = static_cast<int>(r);
            }
            // A chart's trimmed box may start far right of the margin letter on its row
            // (an axis drawn well inside the panel): the nearest region there is its panel.
            if (box.y <= mark.y + 3 * mark.height && d < nearest_beside) {
                nearest_beside = d;
                beside = static_cast<int>(r);
            }
        }
        if (home[l] < 0) home[l] = beside;
        if (holder >= 0) home[l] = holder;
    }
    return home;
}

}  // namespace

std::vector<std::string> name_regions(const std::vector<Region>& regions, const std::vector<LabelMark>& labels) {
    const std::vector<int> home = label_homes(regions, labels, true);
    std::vector<std::string> names(regions.size());
    std::vector<int> count(regions.size(), 0);
    for (size_t l = 0; l < labels.size(); ++l)
        if (home[l] >= 0 && ++count[static_cast<size_t>(home[l])] == 1) names[static_cast<size_t>(home[l])] = labels[l].text;
    // A region holding two letters is two panels the cuts did not separate: naming it
    // after either would link the wrong subcaption.
    for (size_t r = 0; r < regions.size(); ++r)
        if (count[r] > 1) names[r].clear();
    return names;
}

void mark_placement(const std::vector<Region>& regions, std::vector<LabelMark>& marks) {
    const std::vector<int> home = label_homes(regions, marks, true);
    for (size_t m = 0; m < marks.size(); ++m) marks[m].placed = home[m] >= 0;
}

std::vector<Region> apply_labels(const std::vector<Region>& merged, const std::vector<Region>& leaves,
                                 const std::vector<LabelMark>& labels, const std::vector<LabelMark>& anchors,
                                 const cv::Size& figure_size, std::vector<std::string>& region_labels) {
    std::vector<Region> panels;
    region_labels.clear();
    std::vector<Region> orphans;
    const std::vector<int> home = label_homes(merged, labels, false);
    const double own_panel_area = kOwnPanelShare * labelled_area(merged, home);
    for (size_t r = 0; r < merged.size(); ++r) {
        const Region& region = merged[r];
        std::vector<LabelMark> inside;
        for (size_t l = 0; l < labels.size(); ++l)
            if (home[l] == static_cast<int>(r)) inside.push_back(labels[l]);
        if (inside.size() == 1) {
            panels.push_back({region.box, "label"});
            region_labels.push_back(inside.front().text);
            continue;
        }
        if (inside.size() > 1) {
            std::vector<Region> pieces;
            for (const Region& leaf : leaves)
                if (region.box.contains(centre(leaf.box))) pieces.push_back(leaf);
            std::vector<std::string> piece_labels;
            for (Region& part : group_by_labels(pieces, inside, figure_size, piece_labels)) panels.push_back(part);
            for (std::string& l : piece_labels) region_labels.push_back(std::move(l));
            continue;
        }
        // A letter-like mark at the region's top-left corner that was not read as
        // part of the sequence still says "this is a panel of its own".
        bool anchored = false;
        for (const LabelMark& anchor : anchors)
            anchored |= holds(region.box, anchor.box) && in_top_left_quarter(region.box, anchor.box);
        // As is a region as large as the labelled ones: a panel whose letter was not
        // read, not a loose part (a missed "b" must not fold panel b into a).
        anchored |= region.box.area() >= own_panel_area;
        if (anchored) {
            panels.push_back(region);
            region_labels.emplace_back();
        } else {
            orphans.push_back(region);
        }
    }
    // Orphans join the labelled panel above-left of them, all of one panel's orphans
    // at once (an inset beside a photo may be in two pieces), unless the grown box
    // would run over another panel.
    std::vector<int> target(orphans.size(), -1);
    for (size_t o = 0; o < orphans.size(); ++o) {
        const int owner = owner_above_left(orphans[o].box, labels);
        for (size_t i = 0; owner >= 0 && i < panels.size(); ++i)
            if (region_labels[i] == labels[static_cast<size_t>(owner)].text) target[o] = static_cast<int>(i);
    }
    const size_t labelled_panels = panels.size();
    for (size_t t = 0; t < labelled_panels; ++t) {
        cv::Rect grown = panels[t].box;
        for (size_t o = 0; o < orphans.size(); ++o)
            if (target[o] == static_cast<int>(t)) grown |= orphans[o].box;
        bool collides = false;
        for (size_t i = 0; i < labelled_panels; ++i)
            if (i != t && (grown & panels[i].box).area() > 0) collides = true;
        if (collides) continue;
        panels[t].box = grown;
        for (size_t o = 0; o < orphans.size(); ++o)
            if (target[o] == static_cast<int>(t)) target[o] = -2;  // absorbed
    }
    for (size_t o = 0; o < orphans.size(); ++o) {
        if (target[o] == -2) continue;
        panels.push_back(orphans[o]);
        region_labels.emplace_back();
    }
    return panels;
}

}  // namespace pubforge::panels
