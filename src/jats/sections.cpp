// Body sections and paragraphs (with xref offsets), and the abstract as text.
#include "pubforge/jats/xml_document.hpp"
#include "reader_parts.hpp"
#include "text.hpp"

namespace pubforge::jats::detail {
namespace {

using nlohmann::json;

bool one_of(std::string_view name, std::initializer_list<std::string_view> names) {
    for (std::string_view n : names)
        if (n == name) return true;
    return false;
}

json xrefs_json(std::vector<XrefSpan>&& spans) {
    json out = json::array();
    for (XrefSpan& span : spans) {
        json xref = json::object();
        xref["type"] = std::move(span.type);
        xref["start"] = span.start;
        xref["end"] = span.end;
        xref["text"] = std::move(span.text);
        if (!span.rid.empty()) xref["rid"] = std::move(span.rid);
        out.push_back(std::move(xref));
    }
    return out;
}

bool is_float(const xmlNode* node) {
    return one_of(local_name(node), {"fig", "fig-group", "table-wrap", "table-wrap-group", "supplementary-material",
                                     "media", "chem-struct-wrap"});
}

class SectionReader {
public:
    BodyText read(const xmlNode* body) {
        int loose = -1;  // the untitled section holding paragraphs outside any <sec>
        for (const xmlNode* c = body->children; c; c = c->next) {
            if (!is_element(c)) continue;
            if (is_element(c, "sec")) {
                section(c, 1);
                loose = -1;
            } else if (is_float(c)) {
                float_text(c, "");
            } else if (!is_element(c, "sec-meta")) {
                if (loose < 0) loose = add_section(nullptr, 1);
                block(c, static_cast<size_t>(loose), 1);
            }
        }
        return {std::move(sections_), std::move(float_texts_)};
    }

private:
    int add_section(const xmlNode* sec, int level) {
        json section = {{"title", sec ? inline_text(child(sec, "title")) : ""}, {"level", level},
                        {"paragraphs", json::array()}};
        if (const std::string id = attribute(sec, "id"); !id.empty()) section["id"] = id;
        sections_.push_back(std::move(section));
        return static_cast<int>(sections_.size()) - 1;
    }

    void section(const xmlNode* sec, int level) {
        const auto index = static_cast<size_t>(add_section(sec, level));
        for (const xmlNode* c = sec->children; c; c = c->next) {
            if (!is_element(c) || one_of(local_name(c), {"title", "label", "sec-meta"})) continue;
            if (is_element(c, "sec")) section(c, level + 1);
            else block(c, index, level);
        }
    }

    // One block-level element of a section: paragraphs become paragraphs, containers
    // (lists, quotes, boxed text) give their own paragraphs, floats are read elsewhere.
    void block(const xmlNode* node, size_t section_index, int level) {
        const std::string_view name = local_name(node);
        if (one_of(name, {"p", "list-item", "def-item", "verse-line", "speech", "statement-text"}) ||
            (name == "disp-quote" && !child(node, "p"))) {
            paragraph(node, section_index, level);
        } else if (name == "sec") {
            section(node, level + 1);
        } else if (is_float(node)) {
            float_text(node, sections_[section_index]["title"]);
        } else if (one_of(name, {"graphic", "disp-formula", "disp-formula-group", "alternatives", "caption", "title",
                                 "label", "object-id", "alt-text", "permissions", "attrib"})) {
            return;
        } else {
            for (const xmlNode* c = node->children; c; c = c->next)
                if (is_element(c)) block(c, section_index, level);
        }
    }

    void paragraph(const xmlNode* node, size_t section_index, int level) {
        FlatText flat = flatten(node, FlattenContext::Paragraph);
        json& paragraphs = sections_[section_index]["paragraphs"];
        if (!flat.text.empty()) {
            std::string id = attribute(node, "id");
            if (id.empty())
                id = "p" + std::to_string(section_index + 1) + "." + std::to_string(paragraphs.size() + 1);
            json p = {{"id", std::move(id)}, {"text", std::move(flat.text)}};
            if (!flat.xrefs.empty()) p["xrefs"] = xrefs_json(std::move(flat.xrefs));
            paragraphs.push_back(std::move(p));
        }
        // Boxed text sitting inside a paragraph is read as blocks of its own.
        for (const xmlNode* f : flat.floats) {
            if (is_element(f, "boxed-text")) block(f, section_index, level);
            else float_text(f, sections_[section_index]["title"]);
        }
    }

    // A float's own text (label, caption, attribution, cells) is not body text, but
    // the references it makes to figures are mentions too: it is kept apart.
    void float_text(const xmlNode* node, const std::string& section_title) {
        if (!has_descendant(node, "xref")) return;  // most floats cite nothing: skip flattening their tables
        FlatText flat = flatten(node, FlattenContext::Caption);
        if (flat.xrefs.empty()) return;
        std::string id = attribute(node, "id");
        if (id.empty()) id = std::string(local_name(node)) + "-" + std::to_string(float_texts_.size() + 1);
        json paragraph = {{"id", id + "-text"}, {"text", std::move(flat.text)}, {"xrefs", xrefs_json(std::move(flat.xrefs))}};
        float_texts_.push_back({{"title", section_title},
                                {"paragraphs", json::array({std::move(paragraph)})}});
    }

    json sections_ = json::array();
    json float_texts_ = json::array();
};

void abstract_parts(const xmlNode* node, std::vector<std::string>& parts) {
    std::string current;
    auto flush = [&] {
        if (!current.empty()) parts.push_back(std::move(current));
        current.clear();
    };
    for (const xmlNode* c = node->children; c; c = c->next) {
        if (!is_element(c) || is_element(c, "label") || is_element(c, "object-id")) continue;
        if (is_element(c, "sec")) {
            flush();
            abstract_parts(c, parts);
            continue;
        }
        const std::string text = inline_text(c);
        if (text.empty()) continue;
        if (is_element(c, "title")) {
            flush();
            current = text;
        } else if (!current.empty()) {
            current += "\n" + text;
        } else {
            parts.push_back(text);
        }
    }
    flush();
}

}  // namespace

BodyText read_sections(const xmlNode* body) { return body ? SectionReader().read(body) : BodyText{}; }

std::string read_abstract(const xmlNode* abstract) {
    if (!abstract) return "";
    std::vector<std::string> parts;
    abstract_parts(abstract, parts);
    std::string out;
    for (const std::string& part : parts) out += (out.empty() ? "" : "\n\n") + part;
    return out;
}

}  // namespace pubforge::jats::detail
