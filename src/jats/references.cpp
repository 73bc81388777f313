// The reference list: citation text, title, source, year, authors and every pub-id (doi and pmid both kept).
#include "pubforge/jats/xml_document.hpp"
#include "reader_parts.hpp"
#include "text.hpp"

namespace pubforge::jats::detail {
namespace {

using nlohmann::json;

// The citation element of a <ref>: JATS allows several (e.g. one per language); the first is read.
const xmlNode* citation_of(const xmlNode* ref) {
    for (const char* name : {"mixed-citation", "element-citation", "citation", "nlm-citation"})
        if (const xmlNode* c = child(ref, name)) return c;
    return nullptr;
}

std::string person_name(const xmlNode* name) {
    if (is_element(name, "name")) {
        const std::string surname = inline_text(child(name, "surname"));
        const std::string given = inline_text(child(name, "given-names"));
        return normalize_space(surname + " " + given);
    }
    return inline_text(name);  // string-name, collab
}

json read_reference(const xmlNode* ref) {
    json out = json::object();
    if (const std::string id = attribute(ref, "id"); !id.empty()) out["id"] = id;
    if (const std::string label = inline_text(child(ref, "label")); !label.empty()) out["label"] = label;
    const xmlNode* citation = citation_of(ref);
    if (!citation) return out;
    out["text"] = inline_text(citation);
    std::string title = inline_text(child(citation, "article-title"));
    if (title.empty()) title = inline_text(child(citation, "chapter-title"));
    if (!title.empty()) out["title"] = title;
    if (const std::string source = inline_text(child(citation, "source")); !source.empty()) out["source"] = source;
    if (const std::string year = inline_text(child(citation, "year")); !year.empty()) out["year"] = year;
    json authors = json::array();
    for (const xmlNode* group : children(citation, "person-group")) {
        const std::string type = attribute(group, "person-group-type");
        if (!type.empty() && type != "author") continue;
        for (const xmlNode* c = group->children; c; c = c->next)
            if (is_element(c, "name") || is_element(c, "string-name") || is_element(c, "collab"))
                authors.push_back(person_name(c));
    }
    // Older NLM citations put names straight into the citation.
    for (const xmlNode* c = citation->children; c; c = c->next)
        if (is_element(c, "name") || is_element(c, "string-name")) authors.push_back(person_name(c));
    if (!authors.empty()) out["authors"] = authors;
    json ids = json::object();
    for (const xmlNode* id : children(citation, "pub-id")) {
        std::string type = attribute(id, "pub-id-type");
        if (type.empty()) type = "other";
        if (const std::string value = inline_text(id); !value.empty()) ids.emplace(type, value);
    }
    for (const xmlNode* link : children(citation, "ext-link"))
        if (attribute(link, "ext-link-type") == "doi" && !ids.contains("doi")) {
            std::string doi = attribute(link, "href");
            if (doi.empty()) doi = inline_text(link);
            if (!doi.empty()) ids["doi"] = doi;
        }
    if (!ids.empty()) out["ids"] = ids;
    return out;
}

}  // namespace

json read_references(const xmlNode* back) {
    json out = json::array();
    for (const xmlNode* list : descendants(back, "ref-list", {"sub-article"}))
        for (const xmlNode* ref : children(list, "ref")) out.push_back(read_reference(ref));
    return out;
}

}  // namespace pubforge::jats::detail
