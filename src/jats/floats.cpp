// Figures and tables: label, caption (title, text, list-item panels), and every graphic resolved and stored.
#include <cctype>

#include "pubforge/core/error.hpp"
#include "pubforge/jats/xml_document.hpp"
#include "graphic_choice.hpp"
#include "reader_parts.hpp"
#include "text.hpp"
#include "pubforge/core/ascii.hpp"

namespace pubforge::jats::detail {
namespace {

using nlohmann::json;

// Label of the index-th item of a list without explicit labels, from its list-type.
std::string generated_label(const std::string& list_type, size_t index) {
    if (index >= 26) return "";
    if (list_type == "alpha-upper") return std::string(1, static_cast<char>('A' + index));
    if (list_type == "alpha-lower") return std::string(1, static_cast<char>('a' + index));
    if (list_type == "order") return std::to_string(index + 1);
    static const char* roman[] = {"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii"};
    if (index < 13 && (list_type == "roman-lower" || list_type == "roman-upper")) {
        std::string r = roman[index];
        if (list_type == "roman-upper")
            for (char& c : r) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        return r;
    }
    return "";
}

// "(A) Text", "A) Text", "A. Text" -> "A" (panel letters written into the item itself).
std::string leading_panel_label(const std::string& text) {
    size_t i = text.size() > 0 && text[0] == '(' ? 1 : 0;
    if (i >= text.size() || !std::isalpha(static_cast<unsigned char>(text[i]))) return "";
    const size_t letter = i++;
    if (i < text.size() && (text[i] == ')' || (text[i] == '.' && letter == 0) || (text[i] == ':' && letter == 0)))
        return text.substr(letter, 1);
    return "";
}

// "(D)", "D.", "D:" -> "D": the panel letter without the punctuation printed around it.
std::string bare_label(std::string label) {
    while (!label.empty() && (label.front() == '(' || label.front() == '[')) label.erase(0, 1);
    while (!label.empty() && (label.back() == ')' || label.back() == ']' || label.back() == '.' || label.back() == ':'))
        label.pop_back();
    return label;
}

json caption_list_items(const xmlNode* caption) {
    json items = json::array();
    for (const xmlNode* list : descendants(caption, "list")) {
        if (has_ancestor(list, "list-item")) continue;  // nested lists belong to their item's text
        const std::string list_type = attribute(list, "list-type");
        size_t index = 0;
        for (const xmlNode* item : children(list, "list-item")) {
            std::string label = inline_text(child(item, "label"));
            const std::string text = inline_text(item);
            std::string body = text;
            if (!label.empty() && body.rfind(label, 0) == 0) body = normalize_space(body.substr(label.size()));
            if (label.empty()) label = generated_label(list_type, index);
            if (label.empty()) label = leading_panel_label(text);
            items.push_back({{"label", bare_label(label)}, {"text", body}});
            ++index;
        }
    }
    return items;
}

json read_caption(const xmlNode* caption) {
    json out = {{"text", inline_text(caption)}};
    if (!caption) return out;
    if (const xmlNode* title = child(caption, "title")) out["title"] = inline_text(title);
    json items = caption_list_items(caption);
    if (!items.empty()) out["list_items"] = std::move(items);
    return out;
}

class FloatReader {
public:
    FloatReader(ReadContext& context, Floats& out) : context_(context), out_(out) {}

    void walk(const xmlNode* node) {
        for (const xmlNode* c = node->children; c; c = c->next) {
            if (!is_element(c)) continue;
            const std::string_view name = local_name(c);
            if (name == "sub-article") {
                // Translations are read on their own; author responses stay with the article.
                out_.sub_articles.push_back(c);
                continue;
            }
            if (name == "fig") {
                add_figure(c);
            } else if (name == "fig-group") {
                fig_group(c);
                continue;
            } else if (name == "table-wrap") {
                out_.tables.push_back(table(c));
            }
            walk(c);
        }
    }

private:
    void fig_group(const xmlNode* group) {
        const size_t first = out_.figures.size();
        // Graphics placed on the group itself (not in a child <fig>) form a figure of their own.
        if (!own_graphics(group).empty()) add_figure(group);
        walk(group);
        const std::string id = attribute(group, "id");
        if (!id.empty() && out_.figures.size() > first) out_.figure_by_id.emplace(id, first);
    }

    static std::vector<const xmlNode*> own_graphics(const xmlNode* node) {
        std::vector<const xmlNode*> out;
        for (const xmlNode* g : descendants(node, "graphic", {"fig", "fig-group", "caption"})) out.push_back(g);
        return out;
    }

    // A <fig>, or a <fig-group> carrying graphics of its own.
    void add_figure(const xmlNode* fig) {
        json figure = json::object();
        std::string id = attribute(fig, "id");
        if (id.empty()) {
            id = "fig-" + std::to_string(out_.figures.size() + 1);
            out_.without_id.push_back(out_.figures.size());
        }
        figure["id"] = id;
        const std::string label = inline_text(child(fig, "label"));
        if (!label.empty()) figure["label"] = label;
        const std::string kind = ascii_lower(attribute(fig, "fig-type"));
        figure["kind"] = kind.empty() ? "figure" : kind;
        figure["caption"] = read_caption(child(fig, "caption"));
        const auto nodes = is_element(fig, "fig") ? descendants(fig, "graphic", {"caption"}) : own_graphics(fig);
        figure["graphics"] = graphics(nodes, figure);
        figure["mentions"] = json::array();
        out_.figure_by_id.emplace(id, out_.figures.size());
        out_.figures.push_back(std::move(figure));
    }

    json table(const xmlNode* wrap) {
        json out = json::object();
        std::string id = attribute(wrap, "id");
        if (id.empty()) id = "table-" + std::to_string(out_.tables.size() + 1);
        out["id"] = id;
        out["kind"] = "table";
        const std::string label = inline_text(child(wrap, "label"));
        if (!label.empty()) out["label"] = label;
        out["caption"] = read_caption(child(wrap, "caption"));
        std::string text;
        for (const xmlNode* t : descendants(wrap, "table")) text += (text.empty() ? "" : "\n") + table_text(t);
        if (!text.empty()) out["text"] = text;
        const auto nodes = descendants(wrap, "graphic", {"caption", "table"});
        if (!nodes.empty()) out["graphics"] = graphics(nodes, out);
        return out;
    }

    json graphics(const std::vector<const xmlNode*>& nodes, json& owner) {
        json out = json::array();
        for (const xmlNode* node : nodes) out.push_back(graphic(attribute(node, "href"), owner));
        return out;
    }

    // One graphic: the href as written, the package file it resolves to, and the
    // stored image. What cannot be found or read is a warning on the figure.
    json graphic(const std::string& href, json& owner) {
        json out = {{"href", href}, {"image", nullptr}};
        if (href.empty()) {
            add_warning(owner, "image.no-href", "a graphic has no xlink:href");
            return out;
        }
        GraphicChoice choice =
            choose_graphic(context_.doc.resources ? context_.doc.resources->find_all(href) : std::vector<Resource>{});
        const auto& resource = choice.chosen;
        if (!resource) {
            add_warning(owner, "image.missing", "graphic '" + href + "' is not in the package");
            return out;
        }
        out["member"] = resource->name;
        const Format format = sniff_format(std::string_view(resource->bytes).substr(0, 64));
        if (!is_image_format(format)) {
            add_warning(owner, "image.not-an-image",
                        "graphic '" + href + "' resolved to '" + resource->name + "', which is " + format_name(format) +
                            ", not an image");
            return out;
        }
        const StoredImage image =
            context_.options.store_images ? context_.store.put(resource->bytes) : describe_image(resource->bytes);
        if (image.width <= 0 || image.height <= 0)
            add_warning(owner, "image.unreadable",
                        "graphic '" + href + "' (" + resource->name + "): the " + format_name(format) +
                            " header gives no size");
        out["image"] = image.to_json();
        if (!choice.alternates.empty()) {
            json alternates = json::array();
            for (const auto& alternate : choice.alternates) {
                json entry = alternate.image.to_json();
                entry["member"] = alternate.resource.name;
                alternates.push_back(std::move(entry));
            }
            out["alternates"] = std::move(alternates);
        }
        return out;
    }

    ReadContext& context_;
    Floats& out_;
};

}  // namespace

Floats read_floats(const xmlNode* scope, ReadContext& context) {
    Floats floats;
    FloatReader reader(context, floats);
    reader.walk(scope);
    return floats;
}

}  // namespace pubforge::jats::detail
