// Turns article records into export items: the figure/panel view every exporter shares.
#include "pubforge/export/item.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace pubforge::exporter {
namespace {

std::string text_of(const nlohmann::json& object, const char* name) {
    const auto it = object.find(name);
    return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

const nlohmann::json& member(const nlohmann::json& object, const char* name) {
    static const nlohmann::json null;
    const auto it = object.find(name);
    return it != object.end() ? *it : null;
}

std::optional<StoredImage> image_of(const nlohmann::json& holder) {
    const auto& image = member(holder, "image");
    if (!image.is_object() || text_of(image, "sha256").size() != 64) return std::nullopt;
    return StoredImage::from_json(image);
}

// The figure's own image (a PDF figure's rendered region) first, else its first stored graphic.
std::optional<StoredImage> figure_image(const nlohmann::json& figure) {
    if (auto image = image_of(figure)) return image;
    const auto& graphics = member(figure, "graphics");
    if (graphics.is_array())
        for (const auto& graphic : graphics)
            if (auto image = image_of(graphic)) return image;
    return std::nullopt;
}

std::vector<std::string> domain_tags(const nlohmann::json& figure) {
    std::vector<std::string> tags;
    const auto& domains = member(figure, "domains");
    if (domains.is_array())
        for (const auto& domain : domains)
            if (!text_of(domain, "tag").empty()) tags.push_back(text_of(domain, "tag"));
    return tags;
}

// Mentions of the figure; for a panel, those that name its label or name no panel (the whole figure).
std::vector<Mention> mentions_of(const nlohmann::json& figure, const std::string* panel_label) {
    std::vector<Mention> out;
    const auto& mentions = member(figure, "mentions");
    if (!mentions.is_array()) return out;
    for (const auto& mention : mentions) {
        if (text_of(mention, "sentence").empty()) continue;
        if (panel_label) {
            const auto& panels = member(mention, "panels");
            const bool whole_figure = !panels.is_array() || panels.empty();
            if (!whole_figure && std::find(panels.begin(), panels.end(), *panel_label) == panels.end()) continue;
        }
        out.push_back({text_of(mention, "sentence"), text_of(mention, "section"), text_of(mention, "text")});
    }
    return out;
}

std::vector<nlohmann::json> responses_of(const Record& record, const std::string& figure_id,
                                         const std::string& panel_id) {
    std::vector<nlohmann::json> out;
    const auto& responses = member(record, "responses");
    if (!responses.is_array()) return out;
    for (const auto& response : responses)
        if (text_of(response, "figure_id") == figure_id && text_of(response, "subfigure_id") == panel_id &&
            (text_of(response, "status").empty() || text_of(response, "status") == "ok"))
            out.push_back(response);
    return out;
}

}  // namespace

ArticleInfo ArticleInfo::from_record(const Record& record) {
    ArticleInfo info;
    info.id = text_of(record, "id");
    const auto& ids = member(record, "ids");
    if (ids.is_object()) {
        info.pmcid = text_of(ids, "pmcid");
        info.pmid = text_of(ids, "pmid");
        info.doi = text_of(ids, "doi");
    }
    info.title = text_of(record, "title");
    const auto& journal = member(record, "journal");
    if (journal.is_object()) info.journal = text_of(journal, "title");
    info.article_type = text_of(record, "article_type");
    info.abstract = normalize_space(text_of(record, "abstract"));
    info.language = text_of(record, "language");
    const auto& license = member(record, "license");
    if (license.is_object()) {
        info.license_code = text_of(license, "code");
        info.license_class = text_of(license, "class");
    }
    const auto& year = member(record, "year");
    if (year.is_number_integer()) info.year = year.get<int>();
    return info;
}

nlohmann::json ArticleInfo::to_json() const {
    nlohmann::json out = {{"article_id", id},         {"pmcid", pmcid},         {"pmid", pmid},
                          {"doi", doi},               {"title", title},         {"journal", journal},
                          {"article_type", article_type}, {"language", language}, {"license", license_code},
                          {"license_class", license_class}};
    out["year"] = year ? nlohmann::json(*year) : nlohmann::json();
    return out;
}

std::string figure_key(const std::string& article_id, const std::string& figure_id) {
    return make_key(article_id + "_" + figure_id);
}

std::string panel_key(const std::string& article_id, const std::string& figure_id, const std::string& panel_id) {
    // Panel ids repeat the figure id ("fig1-p2"); keep only the panel part so keys stay short.
    std::string suffix = panel_id;
    if (suffix.rfind(figure_id + "-", 0) == 0) suffix = suffix.substr(figure_id.size() + 1);
    return make_key(article_id + "_" + figure_id + "_" + suffix);
}

std::vector<ExportItem> build_items(const Record& record, Unit unit, Unaligned unaligned, size_t* unaligned_dropped) {
    std::vector<ExportItem> items;
    const auto article = std::make_shared<const ArticleInfo>(ArticleInfo::from_record(record));
    const auto& figures = member(record, "figures");
    if (!figures.is_array()) return items;
    for (const auto& figure : figures) {
        ExportItem base;
        base.article = article;
        base.figure_id = text_of(figure, "id");
        base.figure_label = text_of(figure, "label");
        base.figure_kind = text_of(figure, "kind").empty() ? "figure" : text_of(figure, "kind");
        const auto& caption = member(figure, "caption");
        base.figure_caption = caption.is_object() ? normalize_space(text_of(caption, "text")) : "";
        base.domains = domain_tags(figure);
        base.key = figure_key(article->id, base.figure_id);

        if (unit == Unit::Figure) {
            base.unit = Unit::Figure;
            base.caption = base.figure_caption;
            base.caption_source = "caption";
            base.image = figure_image(figure);
            base.mentions = mentions_of(figure, nullptr);
            base.responses = responses_of(record, base.figure_id, "");
            items.push_back(std::move(base));
            continue;
        }

        // Panel -> subcaption text through the figure's links.
        std::map<std::string, std::string> subcaption_by_label;
        if (member(figure, "subcaptions").is_array())
            for (const auto& subcaption : figure["subcaptions"])
                subcaption_by_label.emplace(text_of(subcaption, "label"), normalize_space(text_of(subcaption, "text")));
        std::map<std::string, std::string> label_by_panel;
        if (member(figure, "links").is_array())
            for (const auto& link : figure["links"]) label_by_panel.emplace(text_of(link, "subfigure"), text_of(link, "label"));

        const auto& panels = member(figure, "subfigures");
        if (!panels.is_array()) continue;
        for (const auto& panel : panels) {
            ExportItem item = base;
            item.unit = Unit::Panel;
            item.panel_id = text_of(panel, "id");
            item.parent_key = base.key;
            item.key = panel_key(article->id, base.figure_id, item.panel_id);
            item.image = image_of(panel);
            const auto& box = member(panel, "box");
            if (box.is_array() && box.size() == 4 && std::all_of(box.begin(), box.end(), [](const auto& v) { return v.is_number(); }))
                item.panel_box = std::array<double, 4>{box[0].get<double>(), box[1].get<double>(), box[2].get<double>(),
                                                       box[3].get<double>()};
            const auto link = label_by_panel.find(item.panel_id);
            const auto subcaption = link == label_by_panel.end() ? subcaption_by_label.end()
                                                                 : subcaption_by_label.find(link->second);
            item.panel_label = link != label_by_panel.end() ? link->second : text_of(panel, "label");
            if (subcaption != subcaption_by_label.end() && !subcaption->second.empty()) {
                item.caption = subcaption->second;
                item.caption_source = "subcaption";
            } else if (unaligned == Unaligned::FullCaption) {
                item.caption = base.figure_caption;
                item.caption_source = "full-caption";
            } else {
                if (unaligned_dropped) ++*unaligned_dropped;
                continue;
            }
            item.mentions = mentions_of(figure, &item.panel_label);
            item.responses = responses_of(record, base.figure_id, item.panel_id);
            items.push_back(std::move(item));
        }
    }
    return items;
}

}  // namespace pubforge::exporter
