// crop_record and crop_image_file: decode, detect, encode crops deterministically, record subfigures.
#include "pubforge/image/crop.hpp"

#include <cmath>
#include <filesystem>
#include <vector>

#include "pubforge/core/error.hpp"
#include "pubforge/core/files.hpp"
#include "pubforge/image/codecs.hpp"
#include "pubforge/text/caption_split.hpp"

namespace pubforge {
namespace {

nlohmann::json box_json(const cv::Rect& box) {
    return nlohmann::json::array({box.x, box.y, box.x + box.width, box.y + box.height});
}

// Crops keep the source's kind of compression: JPEG stays JPEG (quality 95), anything
// else becomes PNG. Both encoders give the same bytes for the same pixels.
std::string encode_crop(const cv::Mat& crop, Format source) {
    return source == Format::Jpeg ? encode_jpeg(crop, 95) : encode_png(crop, 6);
}

// Subfigures of one graphic; returns how many panels it had.
void crop_graphic(nlohmann::json& figure, size_t graphic_index, ImageStore& store, const CropOptions& options,
                  int expected, nlohmann::json& subfigures) {
    const nlohmann::json& graphic = figure["graphics"][graphic_index];
    const StoredImage original = StoredImage::from_json(graphic["image"]);
    const std::string figure_id = figure.value("id", "fig");
    const std::string where = "graphic " + std::to_string(graphic_index) + " (" + graphic.value("href", "") + ")";
    cv::Mat pixels;
    try {
        pixels = decode_image(store.read(original), options.decode);
    } catch (const Error& e) {
        add_warning(figure, e.code(), where + ": " + e.what());
        return;
    }
    PanelOptions panel_options = options.panels;
    panel_options.expected_panels = expected;
    const PanelDetection detection = detect_panels(pixels, panel_options);
    for (const Panel& panel : detection.panels) {
        nlohmann::json sub;
        sub["id"] = figure_id + "-p" + std::to_string(subfigures.size() + 1);
        sub["graphic"] = graphic_index;
        sub["box"] = box_json(panel.box);
        sub["label"] = panel.label.empty() ? nlohmann::json(nullptr) : nlohmann::json(panel.label);
        sub["score"] = std::round(panel.score * 1000.0) / 1000.0;
        sub["method"] = panel.method;
        if (!detection.compound) {
            sub["image"] = original.to_json();  // the whole image: no second copy
        } else {
            sub["image"] = store.put(encode_crop(pixels(panel.box), original.format)).to_json();
        }
        subfigures.push_back(std::move(sub));
    }
}

}  // namespace

int expected_panel_count(const Record& figure) {
    if (figure.contains("subcaptions") && figure["subcaptions"].is_array() && !figure["subcaptions"].empty())
        return static_cast<int>(figure["subcaptions"].size());
    if (figure.contains("caption") && figure["caption"].is_object()) {
        const auto& caption = figure["caption"];
        if (caption.contains("list_items") && caption["list_items"].is_array() && !caption["list_items"].empty())
            return static_cast<int>(caption["list_items"].size());
        // Before align has run: the same splitter align uses, counting labels only.
        if (caption.contains("text") && caption["text"].is_string())
            return static_cast<int>(text::count_caption_labels(caption["text"].get<std::string>()));
    }
    return 0;
}

void crop_record(Record& record, ImageStore& store, const CropOptions& options) {
    if (!record.contains("figures") || !record["figures"].is_array()) return;
    for (nlohmann::json& figure : record["figures"]) {
        if (!figure.contains("graphics") || !figure["graphics"].is_array()) continue;
        // A figure made of several graphics already has its panels as separate files;
        // the caption's count then describes the figure, not any one graphic.
        const size_t graphic_count = figure["graphics"].size();
        const int expected = options.caption_prior && graphic_count == 1 ? expected_panel_count(figure) : 0;
        nlohmann::json subfigures = nlohmann::json::array();
        for (size_t g = 0; g < graphic_count; ++g) {
            const nlohmann::json& graphic = figure["graphics"][g];
            if (!graphic.contains("image") || !graphic["image"].is_object()) continue;
            crop_graphic(figure, g, store, options, expected, subfigures);
        }
        figure["compound"] = subfigures.size() > 1;
        figure["subfigures"] = std::move(subfigures);
    }
}

nlohmann::json describe_panels(const std::string& key, const cv::Size& size, const PanelDetection& detection) {
    nlohmann::json panels = nlohmann::json::array();
    for (const Panel& panel : detection.panels) {
        panels.push_back({{"box", box_json(panel.box)},
                          {"label", panel.label.empty() ? nlohmann::json(nullptr) : nlohmann::json(panel.label)},
                          {"score", std::round(panel.score * 1000.0) / 1000.0},
                          {"method", panel.method}});
    }
    return {{"key", key}, {"width", size.width}, {"height", size.height}, {"compound", detection.compound},
            {"panels", std::move(panels)}};
}

nlohmann::json crop_image_file(const std::string& path, const CropOptions& options, const std::string& debug_dir) {
    const std::string key = std::filesystem::path(path).filename().string();
    const cv::Mat pixels = decode_image(read_file(path), options.decode);
    const PanelDetection detection = detect_panels(pixels, options.panels);
    if (!debug_dir.empty()) {
        write_file_atomic(debug_dir + "/" + key + ".panels.png", encode_png(render_panels(pixels, detection), -1));
    }
    return describe_panels(key, pixels.size(), detection);
}

}  // namespace pubforge
