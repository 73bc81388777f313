// align_record: subcaptions, panel<->subcaption links, mentions and domain tags on one article record.
#include <algorithm>
#include <set>

#include "pubforge/align/align.hpp"
#include "pubforge/align/domains.hpp"
#include "pubforge/core/error.hpp"
#include "pubforge/text/mentions.hpp"
#include "pubforge/text/utf8.hpp"

namespace pubforge::align {

// The align stage is built on the text utilities (caption splitting, mentions, UTF-8).
using namespace text;
namespace {

using nlohmann::json;

std::string string_field(const json& object, const char* key) {
    if (!object.is_object()) return "";
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

// "(A)", "a.", " B " -> "A", "a", "B": the label without its brackets and punctuation.
std::string bare_label(std::string_view label) {
    std::string out;
    for (char c : label)
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += c;
    return out;
}

std::string label_key(std::string_view label) {
    std::string out = bare_label(label);
    for (char& c : out)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return out;
}

// "caption.truncated: 2000000 bytes, ..." -> code + message, as the record's warnings are.
void add_split_warnings(json& figure, const std::vector<std::string>& warnings) {
    for (const std::string& w : warnings) {
        const size_t colon = w.find(':');
        add_warning(figure, w.substr(0, colon), colon == std::string::npos ? w : w.substr(colon + 2));
    }
}

// JATS <list-item> panels: already split by the authors, so they win over the splitter.
bool split_from_list_items(const json& caption, CaptionSplit& split) {
    if (!caption.contains("list_items") || !caption["list_items"].is_array()) return false;
    const std::string text = string_field(caption, "text");
    CaptionSplit from_items;
    size_t search_from = 0;
    for (const json& item : caption["list_items"]) {
        const std::string label = bare_label(string_field(item, "label"));
        const std::string body = clean_text(string_field(item, "text"));
        if (label.empty()) continue;
        Subcaption sub{label, body, 0, 0};
        const size_t at = body.empty() ? std::string::npos : text.find(body, search_from);
        if (at != std::string::npos) {
            sub.begin = at;
            sub.end = at + body.size();
            search_from = sub.end;
        }
        from_items.subcaptions.push_back(std::move(sub));
    }
    if (from_items.subcaptions.size() < 2) return false;
    // The shared part is what the caption says outside the items.
    std::string shared = text;
    for (auto it = from_items.subcaptions.rbegin(); it != from_items.subcaptions.rend(); ++it)
        if (it->end > it->begin) shared.erase(it->begin, it->end - it->begin);
    from_items.shared = clean_text(shared);
    split = std::move(from_items);
    return true;
}

json domains_json(const std::vector<DomainHit>& hits, const std::string& source) {
    json out = json::array();
    for (const DomainHit& h : hits) out.push_back({{"tag", h.tag}, {"phrases", h.phrases}, {"source", source}});
    return out;
}

// Merges tag lists: one entry per tag, phrases united, sources joined ("caption+mentions").
json merge_domains(const json& a, const json& b) {
    json out = a;
    for (const json& d : b) {
        auto it = std::find_if(out.begin(), out.end(), [&](const json& e) { return e["tag"] == d["tag"]; });
        if (it == out.end()) {
            out.push_back(d);
            continue;
        }
        std::vector<std::string> phrases = (*it)["phrases"].get<std::vector<std::string>>();
        for (const auto& p : d["phrases"])
            if (std::find(phrases.begin(), phrases.end(), p.get<std::string>()) == phrases.end())
                phrases.push_back(p.get<std::string>());
        (*it)["phrases"] = phrases;
        const std::string source = (*it)["source"].get<std::string>();
        if (source.find(d["source"].get<std::string>()) == std::string::npos)
            (*it)["source"] = source + "+" + d["source"].get<std::string>();
    }
    return out;
}

// Panels to subcaptions: by the label crop read on the panel, else by reading order when
// the counts agree; the rest is listed as unlinked, never forced.
void link_panels(json& figure) {
    figure.erase("links");
    figure.erase("unlinked");
    if (!figure.contains("subfigures") || !figure["subfigures"].is_array() || figure["subfigures"].empty()) return;
    const json& subfigures = figure["subfigures"];
    const json& subcaptions = figure.value("subcaptions", json::array());
    std::vector<bool> panel_linked(subfigures.size(), false);
    std::vector<bool> label_linked(subcaptions.size(), false);
    json links = json::array();
    auto link = [&](size_t panel, size_t sub, const char* method, double score) {
        panel_linked[panel] = label_linked[sub] = true;
        links.push_back({{"subfigure", string_field(subfigures[panel], "id")},
                         {"label", string_field(subcaptions[sub], "label")},
                         {"method", method},
                         {"score", score}});
    };
    for (size_t p = 0; p < subfigures.size(); ++p) {
        const std::string printed = label_key(string_field(subfigures[p], "label"));
        if (printed.empty()) continue;
        for (size_t s = 0; s < subcaptions.size(); ++s) {
            if (label_linked[s] || label_key(string_field(subcaptions[s], "label")) != printed) continue;
            // Case agreement ("a" on the panel, "a" in the caption) is a little more certain.
            const bool same_case = bare_label(string_field(subfigures[p], "label")) == string_field(subcaptions[s], "label");
            link(p, s, "printed-label", same_case ? 1.0 : 0.95);
            break;
        }
    }
    std::vector<size_t> free_panels;
    std::vector<size_t> free_labels;
    for (size_t p = 0; p < subfigures.size(); ++p)
        if (!panel_linked[p]) free_panels.push_back(p);
    for (size_t s = 0; s < subcaptions.size(); ++s)
        if (!label_linked[s]) free_labels.push_back(s);
    if (!free_panels.empty() && free_panels.size() == free_labels.size()) {
        const bool single = subfigures.size() == 1 && subcaptions.size() == 1;
        // Reading order is a weaker guess the more panels it has to place.
        const double score = single ? 0.9 : std::max(0.3, 0.8 - 0.02 * static_cast<double>(free_panels.size()));
        for (size_t k = 0; k < free_panels.size(); ++k)
            link(free_panels[k], free_labels[k], single ? "single-panel" : "reading-order", score);
    }
    std::sort(links.begin(), links.end(),
              [](const json& a, const json& b) { return a["subfigure"].get<std::string>() < b["subfigure"].get<std::string>(); });
    json unlinked = {{"subfigures", json::array()}, {"labels", json::array()}};
    for (size_t p = 0; p < subfigures.size(); ++p)
        if (!panel_linked[p]) unlinked["subfigures"].push_back(string_field(subfigures[p], "id"));
    for (size_t s = 0; s < subcaptions.size(); ++s)
        if (!label_linked[s]) unlinked["labels"].push_back(string_field(subcaptions[s], "label"));
    figure["links"] = std::move(links);
    figure["unlinked"] = std::move(unlinked);
}

// Mentions come from the parsers (JATS xrefs; PDF references found in the body at parse): name their panels
// when the parser did not.
void add_mention_panels(json& figure) {
    if (!figure.contains("mentions") || !figure["mentions"].is_array()) return;
    const std::string number = figure_number(string_field(figure, "label"));
    for (json& mention : figure["mentions"]) {
        if (!mention.is_object() || mention.contains("panels")) continue;
        mention["panels"] = panels_named(string_field(mention, "text"), number);
    }
}

void tag_domains(json& figure, const DomainVocabulary& vocabulary) {
    const json& caption = figure.value("caption", json::object());
    json domains = domains_json(vocabulary.tag(string_field(caption, "text")), "caption");
    if (string_field(figure, "kind").find("table") != std::string::npos ||
        string_field(figure, "label").rfind("Table", 0) == 0)
        domains = merge_domains(domains, json::array({{{"tag", "table image"}, {"phrases", {"kind: table"}}, {"source", "caption"}}}));
    std::map<std::string, json> panel_mentions;  // label -> mention domains
    if (figure.contains("mentions") && figure["mentions"].is_array()) {
        for (const json& m : figure["mentions"]) {
            const json hits = domains_json(vocabulary.tag(string_field(m, "sentence")), "mentions");
            domains = merge_domains(domains, hits);
            for (const auto& panel : m.value("panels", json::array()))
                if (panel.is_string()) panel_mentions[label_key(panel.get<std::string>())] = hits;
        }
    }
    figure["domains"] = domains;
    if (!figure.contains("subcaptions")) return;
    std::map<std::string, json> by_label;
    for (json& sub : figure["subcaptions"]) {
        json own = domains_json(vocabulary.tag(string_field(sub, "text")), "subcaption");
        const auto it = panel_mentions.find(label_key(string_field(sub, "label")));
        if (it != panel_mentions.end()) own = merge_domains(own, it->second);
        sub["domains"] = own;
        by_label[string_field(sub, "label")] = own;
    }
    if (figure.contains("links") && figure.contains("subfigures")) {
        for (json& panel : figure["subfigures"]) {
            for (const json& l : figure["links"]) {
                if (l["subfigure"] != panel.value("id", json())) continue;
                const auto it = by_label.find(l["label"].get<std::string>());
                if (it != by_label.end()) panel["domains"] = it->second;
            }
        }
    }
}

void align_figure(json& figure, const AlignOptions& options, const DomainVocabulary* vocabulary) {
    if (!figure.is_object()) return;
    if (figure.contains("warnings") && figure["warnings"].is_array()) {
        // Idempotence: this stage's own warnings are recomputed, not piled up.
        json kept = json::array();
        for (const json& w : figure["warnings"])
            if (string_field(w, "code").rfind("caption.", 0) != 0) kept.push_back(w);
        figure["warnings"] = kept;
    }
    const json caption = figure.value("caption", json::object());
    CaptionSplit split;
    if (!split_from_list_items(caption, split)) {
        split = split_caption(string_field(caption, "text"), options.split);
        add_split_warnings(figure, split.warnings);
    }
    figure["shared_caption"] = split.shared;
    json subs = json::array();
    for (const Subcaption& s : split.subcaptions)
        subs.push_back({{"label", s.label}, {"text", s.text}, {"span", {s.begin, s.end}}});
    figure["subcaptions"] = std::move(subs);
    link_panels(figure);
    if (options.mentions) add_mention_panels(figure);
    if (vocabulary) tag_domains(figure, *vocabulary);
}

void align_figures(Record& record, json& figures, const AlignOptions& options, const DomainVocabulary* vocabulary) {
    if (!figures.is_array()) return;
    for (json& figure : figures) align_figure(figure, options, vocabulary);
}

}  // namespace

void align_record(Record& record, const AlignOptions& options) {
    if (!record.is_object()) throw Error("record.invalid", "an article record must be a JSON object");
    const std::shared_ptr<const DomainVocabulary> vocabulary =
        options.domains ? DomainVocabulary::shared(options.domains_path) : nullptr;
    if (record.contains("figures")) align_figures(record, record["figures"], options, vocabulary.get());
    if (record.contains("sub_articles") && record["sub_articles"].is_array())
        for (json& sub : record["sub_articles"])
            if (sub.is_object() && sub.contains("figures")) align_figures(record, sub["figures"], options, vocabulary.get());
}

}  // namespace pubforge::align
