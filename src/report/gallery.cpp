// Gallery entries: the figure image with panel boxes (image::render_panels), the caption coloured by panel, mentions and source.
#include "pubforge/report/gallery.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "pubforge/image/codecs.hpp"
#include <opencv2/imgproc.hpp>

#include "pubforge/core/error.hpp"
#include "pubforge/core/files.hpp"
#include "pubforge/image/panels.hpp"
#include "html.hpp"

namespace pubforge::report {
namespace {

using json = nlohmann::json;

std::string text_of(const json& object, const char* key) {
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

const json& array_of(const json& object, const char* key) {
    static const json empty = json::array();
    const auto it = object.find(key);
    return it != object.end() && it->is_array() ? *it : empty;
}

// CSS colour of panel `index`, the same colour render_panels draws its box in.
std::string css_colour(size_t index) {
    const cv::Scalar bgr = panel_colour(index);
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "#%02x%02x%02x", static_cast<int>(bgr[2]), static_cast<int>(bgr[1]),
                  static_cast<int>(bgr[0]));
    return buffer;
}

// The graphic drawn: the first one with a stored image.
int drawn_graphic(const json& figure) {
    const json& graphics = array_of(figure, "graphics");
    for (size_t i = 0; i < graphics.size(); ++i)
        if (graphics[i].contains("image") && graphics[i]["image"].is_object()) return static_cast<int>(i);
    return -1;
}

// The drawn graphic's panels in record order, with their ids; boxes scaled by `scale`.
PanelDetection panels_of(const json& figure, int graphic, double scale, std::vector<std::string>& ids) {
    PanelDetection detection;
    for (const json& sub : array_of(figure, "subfigures")) {
        const auto index = sub.find("graphic");
        const int on = index != sub.end() && index->is_number_integer() ? index->get<int>() : 0;
        if (on != graphic || !sub.contains("box") || !sub["box"].is_array() || sub["box"].size() != 4)
            continue;
        const json& box = sub["box"];
        const auto at = [&](size_t i) { return static_cast<int>(std::lround(box[i].get<double>() * scale)); };
        Panel panel;
        panel.box = cv::Rect(cv::Point(at(0), at(1)), cv::Point(at(2), at(3)));
        panel.label = text_of(sub, "label");
        panel.method = text_of(sub, "method");
        detection.panels.push_back(std::move(panel));
        ids.push_back(text_of(sub, "id"));
    }
    detection.compound = detection.panels.size() > 1;
    return detection;
}

// Decodes, scales down and draws the figure; false when the image cannot be shown.
bool draw_figure(const json& figure, const ImageStore& store, const std::string& path, const GalleryOptions& options,
                 std::vector<std::string>& panel_ids, cv::Size& size, std::string& problem) {
    const int graphic = drawn_graphic(figure);
    if (graphic < 0) {
        problem = "no stored image";
        return false;
    }
    cv::Mat pixels;
    try {
        pixels = decode_image(store.read(StoredImage::from_json(figure["graphics"][graphic]["image"])), options.decode);
    } catch (const Error& e) {
        if (e.fatal()) throw;
        problem = e.code() + ": " + e.what();
        return false;
    }
    const int side = std::max(pixels.cols, pixels.rows);
    const double scale = side > options.max_side ? static_cast<double>(options.max_side) / side : 1.0;
    if (scale < 1.0) cv::resize(pixels, pixels, cv::Size(), scale, scale, cv::INTER_AREA);
    const cv::Mat drawn = render_panels(pixels, panels_of(figure, graphic, scale, panel_ids));
    write_file_atomic(path, encode_jpeg(drawn, 85));
    size = drawn.size();
    return true;
}

// The caption with each subcaption span wrapped in its panel's colour.
std::string coloured_caption(const json& figure, const std::map<std::string, size_t>& colour_of_label) {
    const std::string caption = text_of(figure.value("caption", json::object()), "text");
    struct Span {
        size_t begin, end;
        std::string label;
    };
    std::vector<Span> spans;
    for (const json& sub : array_of(figure, "subcaptions")) {
        const json& span = sub.value("span", json());
        if (!span.is_array() || span.size() != 2 || !span[0].is_number_integer() || !span[1].is_number_integer()) continue;
        const long long begin = span[0].get<long long>(), end = span[1].get<long long>();
        if (0 <= begin && begin < end && end <= static_cast<long long>(caption.size()))
            spans.push_back({static_cast<size_t>(begin), static_cast<size_t>(end), text_of(sub, "label")});
    }
    std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) { return a.begin < b.begin; });
    std::string out;
    size_t at = 0;
    for (const Span& span : spans) {
        if (span.begin < at) continue;  // overlapping spans: the first wins
        out += escape(caption.substr(at, span.begin - at));
        const auto colour = colour_of_label.find(span.label);
        const std::string text = escape(caption.substr(span.begin, span.end - span.begin));
        if (colour == colour_of_label.end())
            out += "<span class=\"sub unpaired\" title=\"subcaption " + escape(span.label) + ": no panel\">" + text + "</span>";
        else
            out += "<span class=\"sub\" style=\"border-color:" + css_colour(colour->second) + "\" title=\"subcaption " +
                   escape(span.label) + "\">" + text + "</span>";
        at = span.end;
    }
    return out + escape(caption.substr(at));
}

std::string source_line(const Record& article) {
    std::string ids;
    const json id_map = article.value("ids", json::object());
    for (const auto& [kind, value] : id_map.items())
        if (value.is_string()) ids += (ids.empty() ? "" : " · ") + escape(kind) + " " + escape(value.get<std::string>());
    const json license = article.value("license", json::object());
    std::string journal = text_of(article.value("journal", json::object()), "title");
    if (article.contains("year") && article["year"].is_number_integer())
        journal += " (" + std::to_string(article["year"].get<int>()) + ")";
    const std::string code = text_of(license, "code");
    return "<p class=\"source\"><cite>" + escape(text_of(article, "title")) + "</cite><br>" + escape(journal) + "<br>" + ids +
           "<br>licence: " + escape(code.empty() ? "unknown" : code) + " (" +
           escape(text_of(license, "class").empty() ? "unclassified" : text_of(license, "class")) + ")</p>";
}

}  // namespace

GalleryEntry gallery_entry(const Record& article, const std::string& figure_id, const ImageStore& store,
                           const std::string& dir, const std::string& image_name, const GalleryOptions& options) {
    const json* figure = nullptr;
    for (const json& candidate : array_of(article, "figures"))
        if (text_of(candidate, "id") == figure_id) figure = &candidate;
    if (!figure) throw Error("report.no-figure", "article " + text_of(article, "id") + " has no figure " + figure_id);

    GalleryEntry entry;
    std::vector<std::string> panel_ids;
    cv::Size size;
    std::string problem;
    entry.image_drawn = draw_figure(*figure, store, dir + "/" + image_name, options, panel_ids, size, problem);

    // Subcaption label -> colour of the panel it was linked to.
    std::map<std::string, size_t> colour_of_label;
    for (const json& link : array_of(*figure, "links")) {
        const auto panel = std::find(panel_ids.begin(), panel_ids.end(), text_of(link, "subfigure"));
        if (panel != panel_ids.end()) colour_of_label[text_of(link, "label")] = static_cast<size_t>(panel - panel_ids.begin());
    }

    const std::string title = text_of(*figure, "label").empty() ? figure_id : text_of(*figure, "label");
    std::string& html = entry.html;
    html += "<figure class=\"entry\" id=\"" + escape(file_stem(text_of(article, "id") + "-" + figure_id)) + "\">\n";
    if (entry.image_drawn)
        html += "<img class=\"figure\" src=\"" + escape(image_name) + "\" width=\"" + std::to_string(size.width) +
                "\" height=\"" + std::to_string(size.height) + "\" alt=\"" + escape(title) + " with its panel boxes\">\n";
    else
        html += "<p class=\"missing\">image not shown: " + escape(problem) + "</p>\n";
    html += "<figcaption>\n<p class=\"head\"><b>" + escape(title) + "</b> · " +
            std::to_string(array_of(*figure, "subfigures").size()) + " panel(s), " +
            std::to_string(array_of(*figure, "subcaptions").size()) + " subcaption(s)";
    for (const json& domain : array_of(*figure, "domains"))
        html += " <span class=\"tag\">" + escape(text_of(domain, "tag")) + "</span>";
    html += "</p>\n<p class=\"caption\">" + coloured_caption(*figure, colour_of_label) + "</p>\n";
    if (!text_of(*figure, "shared_caption").empty())
        html += "<p class=\"shared\"><b>shared:</b> " + escape(text_of(*figure, "shared_caption")) + "</p>\n";
    const json unlinked = figure->value("unlinked", json::object());
    std::string unpaired;
    for (const json& id : array_of(unlinked, "subfigures")) unpaired += " panel " + escape(id.is_string() ? id.get<std::string>() : "");
    for (const json& label : array_of(unlinked, "labels"))
        unpaired += " subcaption " + escape(label.is_string() ? label.get<std::string>() : "");
    if (!unpaired.empty()) html += "<p class=\"unpaired-list\"><b>unpaired:</b>" + unpaired + "</p>\n";
    const json& mentions = array_of(*figure, "mentions");
    if (!mentions.empty()) {
        html += "<ul class=\"mentions\">\n";
        for (size_t i = 0; i < mentions.size() && i < 3; ++i)
            html += "<li>" + escape(text_of(mentions[i], "sentence")) + "</li>\n";
        if (mentions.size() > 3) html += "<li>… " + std::to_string(mentions.size() - 3) + " more</li>\n";
        html += "</ul>\n";
    }
    html += source_line(article) + "\n</figcaption>\n</figure>\n";
    return entry;
}

}  // namespace pubforge::report
