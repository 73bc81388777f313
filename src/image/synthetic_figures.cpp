// Generated compound figures: panels drawn with OpenCV primitives and noise, boxes known by construction.
#include "pubforge/image/synthetic_figures.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <mutex>
#include <random>

#include <opencv2/imgproc.hpp>

#include "glyph_raster.hpp"

namespace pubforge {
namespace {

enum class PanelKind { LinePlot, BarChart, Texture, Photo, Micrograph };

// The generator's own random source: std::mt19937 is specified bit-for-bit, so a seed
// gives the same figure on every platform (std::uniform_*_distribution is not).
class Random {
public:
    explicit Random(std::uint32_t seed) : engine_(seed), pixels_(seed) {}
    int between(int low, int high) { return low + static_cast<int>(engine_() % static_cast<std::uint32_t>(high - low + 1)); }
    double unit() { return engine_() / 4294967296.0; }
    bool chance(double p) { return unit() < p; }
    cv::Scalar colour() { return cv::Scalar(between(0, 200), between(0, 200), between(0, 200)); }
    // Pixel noise from OpenCV's generator seeded here, not its global one.
    void uniform(cv::Mat& m, double low, double high) { pixels_.fill(m, cv::RNG::UNIFORM, low, high); }
    void normal(cv::Mat& m, double mean, double deviation) { pixels_.fill(m, cv::RNG::NORMAL, mean, deviation); }

private:
    std::mt19937 engine_;
    cv::RNG pixels_;
};

void draw_line_plot(cv::Mat panel, Random& random) {
    const int w = panel.cols, h = panel.rows;
    const int left = std::max(18, w / 7), bottom = std::max(16, h / 7);
    const cv::Point origin(left, h - bottom);
    cv::line(panel, origin, cv::Point(w - 4, h - bottom), cv::Scalar::all(0), 1);
    cv::line(panel, origin, cv::Point(left, 4), cv::Scalar::all(0), 1);
    for (int t = 0; t < 5; ++t) {
        const int x = left + t * (w - left - 8) / 4;
        cv::line(panel, cv::Point(x, h - bottom), cv::Point(x, h - bottom + 3), cv::Scalar::all(0), 1);
        cv::putText(panel, std::to_string(t * 5), cv::Point(x - 4, h - bottom + 13), cv::FONT_HERSHEY_SIMPLEX, 0.3,
                    cv::Scalar::all(0), 1, cv::LINE_AA);
    }
    cv::putText(panel, "time (s)", cv::Point(w / 2 - 20, h - 2), cv::FONT_HERSHEY_SIMPLEX, 0.3, cv::Scalar::all(40), 1,
                cv::LINE_AA);
    const int curves = random.between(1, 3);
    for (int c = 0; c < curves; ++c) {
        const cv::Scalar colour = random.colour();
        const double phase = random.unit() * 6.0, amplitude = 0.2 + 0.2 * random.unit();
        cv::Point previous;
        for (int x = left + 1; x < w - 6; x += 2) {
            const double t = static_cast<double>(x - left) / (w - left);
            const int y = static_cast<int>((h - bottom) * (0.5 - amplitude * std::sin(phase + 7.0 * t) - 0.1 * c));
            const cv::Point p(x, std::clamp(y, 5, h - bottom - 1));
            if (x > left + 1) cv::line(panel, previous, p, colour, 1, cv::LINE_AA);
            previous = p;
        }
    }
}

void draw_bar_chart(cv::Mat panel, Random& random) {
    const int w = panel.cols, h = panel.rows;
    const int left = std::max(16, w / 8), bottom = std::max(12, h / 8);
    cv::line(panel, cv::Point(left, h - bottom), cv::Point(w - 4, h - bottom), cv::Scalar::all(0), 1);
    cv::line(panel, cv::Point(left, h - bottom), cv::Point(left, 4), cv::Scalar::all(0), 1);
    const int bars = random.between(3, 6);
    const int slot = (w - left - 8) / bars;
    for (int b = 0; b < bars; ++b) {
        const int top = random.between(8, h - bottom - 10);
        cv::rectangle(panel, cv::Rect(left + b * slot + slot / 4, top, std::max(2, slot / 2), h - bottom - top),
                      random.colour(), cv::FILLED);
    }
}

void draw_texture(cv::Mat panel, Random& random) {
    cv::Mat noise(panel.rows / 4 + 1, panel.cols / 4 + 1, CV_8UC3);
    random.uniform(noise, 0, 255);
    cv::Mat big;
    cv::resize(noise, big, panel.size(), 0, 0, cv::INTER_CUBIC);
    const cv::Scalar tint = random.colour();
    cv::addWeighted(big, 0.7, cv::Mat(panel.size(), CV_8UC3, tint), 0.3, 0, panel);
}

void draw_photo(cv::Mat panel, Random& random) {
    // Smooth shading plus a few soft objects and grain: roughly what a clinical photo
    // or histology section looks like to a gutter finder.
    const cv::Scalar base = random.colour() * 0.5 + cv::Scalar::all(90);
    panel.setTo(base);
    for (int i = 0; i < 6; ++i) {
        cv::circle(panel, cv::Point(random.between(0, panel.cols), random.between(0, panel.rows)),
                   random.between(panel.rows / 10 + 1, panel.rows / 3 + 2), random.colour(), cv::FILLED, cv::LINE_AA);
    }
    cv::GaussianBlur(panel, panel, cv::Size(0, 0), 3.0);
    cv::Mat grain(panel.size(), CV_16SC3);
    random.normal(grain, 0, 12);
    cv::Mat shaded;
    panel.convertTo(shaded, CV_16SC3);
    shaded += grain;
    shaded.convertTo(panel, CV_8UC3);
}

void draw_micrograph(cv::Mat panel, Random& random) {
    panel.setTo(cv::Scalar::all(random.between(0, 70)));
    const int cells = random.between(10, 30);
    for (int i = 0; i < cells; ++i) {
        cv::circle(panel, cv::Point(random.between(0, panel.cols), random.between(0, panel.rows)),
                   random.between(2, std::max(3, panel.cols / 12)),
                   cv::Scalar(random.between(40, 255), random.between(120, 255), random.between(0, 90)), cv::FILLED,
                   cv::LINE_AA);
    }
    cv::GaussianBlur(panel, panel, cv::Size(0, 0), 1.2);
    // A scale bar, as micrographs have.
    cv::rectangle(panel, cv::Rect(panel.cols - panel.cols / 4 - 4, panel.rows - 8, panel.cols / 4, 3),
                  cv::Scalar::all(255), cv::FILLED);
}

void draw_panel(cv::Mat panel, PanelKind kind, Random& random) {
    switch (kind) {
        case PanelKind::LinePlot: draw_line_plot(panel, random); break;
        case PanelKind::BarChart: draw_bar_chart(panel, random); break;
        case PanelKind::Texture: draw_texture(panel, random); break;
        case PanelKind::Photo: draw_photo(panel, random); break;
        case PanelKind::Micrograph: draw_micrograph(panel, random); break;
    }
}

bool is_filled(PanelKind kind) { return kind != PanelKind::LinePlot && kind != PanelKind::BarChart; }

// Splits `length` into `parts` cells separated by `gap`.
std::vector<std::pair<int, int>> cells(int start, int length, int parts, int gap) {
    std::vector<std::pair<int, int>> out;
    const int cell = (length - gap * (parts - 1)) / parts;
    for (int i = 0; i < parts; ++i) out.emplace_back(start + i * (cell + gap), cell);
    return out;
}

enum class LabelPlace { Outside, Inside, None };

// Panel letters as journals print them: a bold sans (DejaVu Sans Bold standing in for
// Helvetica Bold) when the font is installed, else OpenCV's Hershey duplex.
void draw_label(cv::Mat& image, const std::string& text, cv::Point baseline_left, const cv::Scalar& ink) {
    static const char* const kFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
    static const std::unique_ptr<glyphs::FontFace> face = glyphs::FontFace::open(kFont);
    static std::mutex face_lock;  // one FreeType face; figures may be generated on several threads
    if (face) {
        const std::lock_guard<std::mutex> hold(face_lock);
        // The top of the em box at the point given.
        face->draw(image, text, cv::Point(baseline_left.x, baseline_left.y - 14), 17, ink);
    } else {
        cv::putText(image, text, baseline_left, cv::FONT_HERSHEY_DUPLEX, 0.55, ink, 2, cv::LINE_AA);
    }
}


// An inset inside `panel`, in a corner other than the letter's: a framed 2x zoom of part
// of a photograph or micrograph, or a small framed plot inside a chart, as figures show a
// detail or a second measure. It belongs to its panel: its frame is a straight edge inside
// the panel that a panel finder must not cut along.
void draw_inset(cv::Mat panel, PanelKind kind, Random& random) {
    const int w = panel.cols * random.between(28, 40) / 100, h = panel.rows * random.between(28, 40) / 100;
    if (w < 24 || h < 24) return;
    const int corner = random.between(0, 2);  // top right, bottom right, bottom left
    const int margin = random.between(0, 6);
    const int x = corner == 2 ? margin : panel.cols - w - margin;
    const int y = corner == 0 ? margin : panel.rows - h - margin;
    cv::Mat inset = panel(cv::Rect(x, y, w, h));
    if (is_filled(kind)) {
        const cv::Rect detail(random.between(0, panel.cols - w / 2), random.between(0, panel.rows - h / 2), w / 2, h / 2);
        cv::Mat zoomed;
        cv::resize(panel(detail), zoomed, inset.size(), 0, 0, cv::INTER_LINEAR);
        zoomed.copyTo(inset);
    } else {
        inset.setTo(cv::Scalar::all(255));
        draw_line_plot(inset, random);
    }
    const cv::Scalar frame = random.chance(0.5) ? cv::Scalar::all(255) : cv::Scalar::all(0);
    cv::rectangle(panel, cv::Rect(x, y, w, h), frame, random.between(1, 2));
}

// The issue-17 layouts: thin gutters, dense grids, varied letter forms, insets.
SyntheticFigure make_hard_figure(std::uint32_t seed, SyntheticLayout layout) {
    Random random(seed);
    SyntheticFigure figure;
    figure.layout = layout;
    const bool dense = layout == SyntheticLayout::DenseGrid;
    const int rows = dense ? random.between(3, 4) : random.between(1, 3);
    const int cols = dense ? 4 : random.between(rows == 1 ? 2 : 1, 4);
    const int width = random.between(560, 900);
    const int height = std::clamp(width * rows / cols * random.between(65, 95) / 100, 180, 1000);
    figure.image = cv::Mat(height, width, CV_8UC3, cv::Scalar::all(255));
    const int gap = dense ? random.between(0, 2)
                          : layout == SyntheticLayout::ThinGutters ? random.between(2, 6) : random.between(8, 20);
    // Letter form: size, font, case, brackets or period, inside the corner or above.
    const int size = layout == SyntheticLayout::LetterForms ? random.between(9, 30) : random.between(12, 20);
    const int font = random.between(0, 3);
    const bool capitals = random.chance(0.4);
    const int form = layout == SyntheticLayout::LetterForms ? random.between(0, 2) : 0;  // a, (a), a.
    const bool above = layout == SyntheticLayout::LetterForms && random.chance(0.5);
    // Above: the em box's descent (a bracket's tail) clears the panel by 3 px.
    const int label_room = above ? size * 13 / 10 + 3 : 0;
    std::vector<cv::Rect> boxes;
    for (const auto& [y, h] : cells(0, height, rows, gap))
        for (const auto& [x, w] : cells(0, width, cols, gap)) boxes.emplace_back(x, y + label_room, w, h - label_room);
    for (size_t i = 0; i < boxes.size(); ++i) {
        // Mixed rows: micrographs and photographs beside charts; dense grids are photographs.
        PanelKind kind = static_cast<PanelKind>(random.between(0, 4));
        if (dense && !is_filled(kind)) kind = random.chance(0.5) ? PanelKind::Photo : PanelKind::Micrograph;
        draw_panel(figure.image(boxes[i]), kind, random);
        if (layout == SyntheticLayout::Insets && random.chance(0.7)) draw_inset(figure.image(boxes[i]), kind, random);
        // A panel with strong straight edges of its own: a table-like ruling.
        if (!dense && layout != SyntheticLayout::Insets && random.chance(0.2)) {
            const cv::Rect& b = boxes[i];
            for (int k = 1; k < 4; ++k)
                cv::line(figure.image, cv::Point(b.x + 6, b.y + k * b.height / 4), cv::Point(b.x + b.width - 7, b.y + k * b.height / 4),
                         cv::Scalar::all(60), 1);
        }
    }
    for (size_t i = 0; i < boxes.size(); ++i) {
        const char letter = static_cast<char>((capitals ? 'A' : 'a') + static_cast<int>(i));
        const std::string text = form == 1 ? "(" + std::string(1, letter) + ")"
                                 : form == 2 ? std::string(1, letter) + "." : std::string(1, letter);
        const cv::Rect& b = boxes[i];
        const bool dark = cv::mean(figure.image(cv::Rect(b.x, b.y, std::min(b.width, 3 * size), std::min(b.height, 2 * size))))[1] < 128;
        const cv::Point at = above ? cv::Point(b.x + 2, b.y - label_room) : cv::Point(b.x + 4, b.y + 2);
        draw_panel_letter(figure.image, text, font, at, size, !above && dark ? cv::Scalar::all(255) : cv::Scalar::all(0));
        figure.labels.emplace_back(1, letter);
    }
    figure.panels = boxes;
    static const char* const forms[] = {"a", "(a)", "a."};
    figure.description = layout_name(layout) + " " + std::to_string(rows) + "x" + std::to_string(cols) + " gap " +
                         std::to_string(gap) + ", labels " + (above ? "above" : "inside") + " " + forms[form] + " " +
                         std::to_string(size) + " px font " + std::to_string(font);
    return figure;
}

}  // namespace

// The fonts journals' letters stand in for: Helvetica/Arial (DejaVu Sans) and Times
// (DejaVu Serif), bold and regular; OpenCV's Hershey duplex when they are not installed.
void draw_panel_letter(cv::Mat& image, const std::string& text, int font, cv::Point top_left, int size,
                       const cv::Scalar& ink) {
    static const char* const kFiles[] = {
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
    };
    static std::mutex lock;  // FreeType faces are not thread-safe; figures may be made on several threads
    static std::unique_ptr<glyphs::FontFace> faces[4];
    static bool opened = false;
    const std::lock_guard<std::mutex> hold(lock);
    if (!opened) {
        for (int i = 0; i < 4; ++i) faces[i] = glyphs::FontFace::open(kFiles[i]);
        opened = true;
    }
    font = std::clamp(font, 0, 3);
    if (faces[font]) {
        faces[font]->draw(image, text, top_left, size, ink);
    } else {
        cv::putText(image, text, cv::Point(top_left.x, top_left.y + size), cv::FONT_HERSHEY_DUPLEX, size / 30.0, ink,
                    font % 2 == 0 ? 2 : 1, cv::LINE_AA);
    }
}

std::string layout_name(SyntheticLayout layout) {
    switch (layout) {
        case SyntheticLayout::GutterGrid: return "gutter-grid";
        case SyntheticLayout::TouchingPhotos: return "touching-photos";
        case SyntheticLayout::RuledPhotos: return "ruled-photos";
        case SyntheticLayout::Irregular: return "irregular";
        case SyntheticLayout::ColouredGutters: return "coloured-gutters";
        case SyntheticLayout::Single: return "single";
        case SyntheticLayout::ThinGutters: return "thin-gutters";
        case SyntheticLayout::DenseGrid: return "dense-grid";
        case SyntheticLayout::LetterForms: return "letter-forms";
        case SyntheticLayout::Insets: return "insets";
        case SyntheticLayout::Composed: return "composed";
    }
    return "unknown";
}

SyntheticFigure make_synthetic_figure(std::uint32_t seed) {
    Random random(seed * 2654435761u + 17u);
    const SyntheticLayout layouts[] = {SyntheticLayout::GutterGrid,   SyntheticLayout::GutterGrid,
                                       SyntheticLayout::TouchingPhotos, SyntheticLayout::RuledPhotos,
                                       SyntheticLayout::Irregular,    SyntheticLayout::ColouredGutters,
                                       SyntheticLayout::Single};
    return make_synthetic_figure(seed, layouts[random.between(0, 6)]);
}

SyntheticFigure make_synthetic_figure(std::uint32_t seed, SyntheticLayout layout) {
    if (layout == SyntheticLayout::ThinGutters || layout == SyntheticLayout::DenseGrid ||
        layout == SyntheticLayout::LetterForms || layout == SyntheticLayout::Insets)
        return make_hard_figure(seed, layout);
    if (layout == SyntheticLayout::Composed) {  // needs real images: compose_figure
        SyntheticFigure none;
        none.layout = layout;
        return none;
    }
    Random random(seed);
    SyntheticFigure figure;
    figure.layout = layout;
    const bool photos_only = layout == SyntheticLayout::TouchingPhotos || layout == SyntheticLayout::RuledPhotos;
    const int rows = layout == SyntheticLayout::Single ? 1 : random.between(1, 3);
    const int cols = layout == SyntheticLayout::Single ? 1 : random.between(rows == 1 ? 2 : 1, 3);
    const int width = random.between(480, 760);
    const int height = std::clamp(width * rows / cols * random.between(60, 90) / 100, 160, 900);
    const cv::Scalar paper = layout == SyntheticLayout::ColouredGutters ? cv::Scalar::all(random.between(200, 235))
                                                                        : cv::Scalar::all(255);
    figure.image = cv::Mat(height, width, CV_8UC3, paper);
    const int gap = photos_only ? 0 : random.between(8, 22);
    const int margin = photos_only ? 0 : random.between(0, 10);
    LabelPlace place = photos_only ? LabelPlace::Inside : (random.chance(0.5) ? LabelPlace::Outside : LabelPlace::Inside);
    if (random.chance(0.2)) place = LabelPlace::None;
    const int label_room = place == LabelPlace::Outside ? 16 : 0;

    // Panel rectangles, in label order (rows, then columns; the tall panel first).
    std::vector<cv::Rect> boxes;
    const cv::Rect area(margin, margin, width - 2 * margin, height - 2 * margin);
    if (layout == SyntheticLayout::Irregular) {
        const int tall_width = area.width * random.between(40, 60) / 100;
        boxes.emplace_back(area.x + label_room, area.y + label_room, tall_width - label_room, area.height - label_room);
        const int stacked = random.between(2, 3);
        for (const auto& [y, h] : cells(area.y, area.height, stacked, gap))
            boxes.emplace_back(area.x + tall_width + gap + label_room, y + label_room,
                               area.width - tall_width - gap - label_room, h - label_room);
    } else {
        for (const auto& [y, h] : cells(area.y, area.height, rows, gap))
            for (const auto& [x, w] : cells(area.x, area.width, cols, gap))
                boxes.emplace_back(x + label_room, y + label_room, w - label_room, h - label_room);
    }
    for (size_t i = 0; i < boxes.size(); ++i) {
        PanelKind kind = static_cast<PanelKind>(random.between(0, 4));
        if (photos_only && !is_filled(kind)) kind = random.chance(0.5) ? PanelKind::Photo : PanelKind::Micrograph;
        draw_panel(figure.image(boxes[i]), kind, random);
        if (!is_filled(kind) && layout == SyntheticLayout::ColouredGutters) {
            // Charts keep a white plotting area; the gray is only the figure's paper.
            cv::rectangle(figure.image, boxes[i], cv::Scalar::all(120), 1);
        }
    }
    if (layout == SyntheticLayout::RuledPhotos) {
        const cv::Scalar ink = random.chance(0.5) ? cv::Scalar::all(0) : cv::Scalar::all(255);
        for (const cv::Rect& b : boxes) {
            if (b.x > 0) cv::line(figure.image, cv::Point(b.x, b.y), cv::Point(b.x, b.y + b.height - 1), ink, 2);
            if (b.y > 0) cv::line(figure.image, cv::Point(b.x, b.y), cv::Point(b.x + b.width - 1, b.y), ink, 2);
        }
    }
    const bool capitals = random.chance(0.4);
    for (size_t i = 0; i < boxes.size() && boxes.size() > 1; ++i) {
        if (place == LabelPlace::None) {
            figure.labels.emplace_back();
            continue;
        }
        const std::string text(1, static_cast<char>((capitals ? 'A' : 'a') + static_cast<int>(i)));
        const cv::Rect& b = boxes[i];
        const bool dark_panel = cv::mean(figure.image(b))[0] < 128;
        const cv::Point at = place == LabelPlace::Outside ? cv::Point(b.x - 15, b.y - 5) : cv::Point(b.x + 4, b.y + 16);
        const cv::Scalar ink = place == LabelPlace::Inside && dark_panel ? cv::Scalar::all(255) : cv::Scalar::all(0);
        draw_label(figure.image, text, at, ink);
        figure.labels.push_back(text);
    }
    if (boxes.size() == 1) figure.labels.emplace_back();
    figure.panels = boxes;
    figure.description = layout_name(layout) + " " + std::to_string(boxes.size()) + " panels, labels " +
                         (place == LabelPlace::Outside ? "outside" : place == LabelPlace::Inside ? "inside" : "none");
    return figure;
}

double imageclef_score(const std::vector<cv::Rect>& gold, const std::vector<cv::Rect>& predicted) {
    std::vector<bool> used(gold.size(), false);
    int matched = 0;
    for (const cv::Rect& p : predicted) {
        if (p.area() == 0) continue;
        int best = -1;
        double best_cover = 0.0;
        for (size_t i = 0; i < gold.size(); ++i) {
            if (used[i]) continue;
            const double cover = static_cast<double>((p & gold[i]).area()) / p.area();
            if (cover > best_cover) {
                best_cover = cover;
                best = static_cast<int>(i);
            }
        }
        if (best >= 0 && best_cover >= 2.0 / 3.0) {
            used[static_cast<size_t>(best)] = true;
            ++matched;
        }
    }
    const size_t denominator = std::max(gold.size(), predicted.size());
    return denominator ? static_cast<double>(matched) / denominator : 1.0;
}

}  // namespace pubforge
