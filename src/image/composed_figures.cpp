// Compound figures composed from real panel images: layout, gutters and printed letters drawn at random, boxes known exactly.
#include "pubforge/image/composed_figures.hpp"

#include <algorithm>
#include <random>
#include <string>

#include <opencv2/imgproc.hpp>

namespace pubforge {
namespace {

// std::mt19937 is specified bit for bit, so a seed gives the same figure everywhere.
class Draw {
public:
    explicit Draw(std::uint32_t seed) : engine_(seed) {}
    int between(int low, int high) { return low + static_cast<int>(engine_() % static_cast<std::uint32_t>(high - low + 1)); }
    bool chance(int percent) { return between(1, 100) <= percent; }

private:
    std::mt19937 engine_;
};

}  // namespace

SyntheticFigure compose_figure(const std::vector<cv::Mat>& pool, std::uint32_t seed) {
    SyntheticFigure figure;
    figure.layout = SyntheticLayout::Composed;
    if (pool.empty()) return figure;
    Draw draw(seed * 2246822519u + 3266489917u);
    const int rows = draw.between(1, 3);
    const int columns = draw.between(rows == 1 ? 2 : 1, rows == 1 ? 4 : 3);
    const int width = draw.between(500, 1000);
    const int gap = draw.chance(40) ? draw.between(0, 2) : draw.between(4, 24);
    const bool black = draw.chance(15);
    const cv::Scalar paper = cv::Scalar::all(black ? 0 : 255);
    const int font = draw.between(0, 3);
    const bool capitals = draw.chance(50);
    const int form = draw.between(0, 2);  // a, (a), a.
    const bool above = draw.chance(40);
    const int column_width = (width - gap * (columns - 1)) / columns;
    const int size = std::clamp(draw.between(8, 40), 8, std::max(8, column_width / 5));
    const int label_room = above ? size * 13 / 10 + 3 : 0;

    // Each row's images scaled to the column width (at most 1.3 columns high), top-aligned.
    std::vector<std::vector<cv::Mat>> scaled(static_cast<size_t>(rows));
    std::vector<int> row_heights;
    for (auto& row : scaled) {
        int height = 0;
        for (int c = 0; c < columns; ++c) {
            const cv::Mat& source = pool[static_cast<size_t>(draw.between(0, static_cast<int>(pool.size()) - 1))];
            const double scale = std::min(static_cast<double>(column_width) / source.cols, 1.3 * column_width / source.rows);
            cv::Mat fitted;
            cv::resize(source, fitted, cv::Size(std::max(8, static_cast<int>(source.cols * scale)),
                                                 std::max(8, static_cast<int>(source.rows * scale))),
                       0, 0, cv::INTER_AREA);
            height = std::max(height, fitted.rows);
            row.push_back(std::move(fitted));
        }
        row_heights.push_back(height);
    }
    int height = 0;
    for (const int h : row_heights) height += h + label_room;
    height += gap * (rows - 1);
    figure.image = cv::Mat(height, width, CV_8UC3, paper);
    int y = 0;
    for (int r = 0; r < rows; ++r) {
        y += label_room;
        for (int c = 0; c < columns; ++c) {
            const cv::Mat& image = scaled[static_cast<size_t>(r)][static_cast<size_t>(c)];
            const int x = c * (column_width + gap) + (column_width - image.cols) / 2;
            const cv::Rect box(x, y, image.cols, image.rows);
            image.copyTo(figure.image(box));
            figure.panels.push_back(box);
        }
        y += row_heights[static_cast<size_t>(r)] + gap;
    }
    for (size_t i = 0; i < figure.panels.size(); ++i) {
        const cv::Rect& box = figure.panels[i];
        const char letter = static_cast<char>((capitals ? 'A' : 'a') + static_cast<int>(i));
        const std::string text = form == 1 ? "(" + std::string(1, letter) + ")"
                                 : form == 2 ? std::string(1, letter) + "." : std::string(1, letter);
        cv::Scalar ink = cv::Scalar::all(black ? 255 : 0);
        cv::Point at(box.x, box.y - label_room);
        if (!above) {
            // A publisher picks the ink that stands out from the corner it prints on.
            const cv::Rect corner = cv::Rect(box.x, box.y, std::min(box.width, 2 * size), std::min(box.height, 2 * size));
            const cv::Scalar mean = cv::mean(figure.image(corner));
            ink = cv::Scalar::all(0.114 * mean[0] + 0.587 * mean[1] + 0.299 * mean[2] < 128 ? 255 : 0);
            at = cv::Point(box.x + 3, box.y + 2);
        }
        draw_panel_letter(figure.image, text, font, at, size, ink);
        figure.labels.emplace_back(1, letter);
    }
    static const char* const forms[] = {"a", "(a)", "a."};
    figure.description = "composed " + std::to_string(rows) + "x" + std::to_string(columns) + " gap " +
                         std::to_string(gap) + (black ? " on black" : "") + ", labels " + (above ? "above" : "inside") +
                         " " + forms[form] + " " + std::to_string(size) + " px font " + std::to_string(font);
    return figure;
}

int letters_read(const SyntheticFigure& figure, const std::vector<std::pair<cv::Rect, std::string>>& detected) {
    int read = 0;
    for (size_t i = 0; i < figure.panels.size() && i < figure.labels.size(); ++i) {
        if (figure.labels[i].empty()) continue;
        for (const auto& [box, label] : detected)
            if ((box & figure.panels[i]).area() > 0.6 * figure.panels[i].area() && label == figure.labels[i]) {
                ++read;
                break;
            }
    }
    return read;
}

}  // namespace pubforge
