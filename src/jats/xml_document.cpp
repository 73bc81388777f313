// libxml2 parsing with the entity and DTD defences the design brief requires, and node helpers.
#include "pubforge/jats/xml_document.hpp"

#include <cstring>
#include <mutex>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include "pubforge/core/error.hpp"

namespace pubforge::jats {
namespace {

// What the SAX hooks saw while libxml2 parsed one document.
struct ParseState {
    bool entity_declared = false;
    std::string entity_name;
    std::string first_error;
    int first_error_code = 0;
    int first_error_line = 0;
    std::set<std::string> undefined_entities;
};

ParseState& state_of(void* context) {
    return *static_cast<ParseState*>(static_cast<xmlParserCtxt*>(context)->_private);
}

// Any entity declaration stops the parser before the entity can be referenced:
// this is what turns XXE and exponential expansion into a clean reject.
void on_entity_declaration(void* context, const xmlChar* name, int, const xmlChar*, const xmlChar*, xmlChar*) {
    auto* parser = static_cast<xmlParserCtxt*>(context);
    ParseState& state = state_of(context);
    if (!state.entity_declared) state.entity_name = name ? reinterpret_cast<const char*>(name) : "";
    state.entity_declared = true;
    xmlStopParser(parser);
}

void on_unparsed_entity_declaration(void* context, const xmlChar* name, const xmlChar* public_id,
                                    const xmlChar* system_id, const xmlChar*) {
    on_entity_declaration(context, name, 0, public_id, system_id, nullptr);
}

void on_error(void* context, xmlError* error) {
    if (!context || !error) return;
    ParseState& state = state_of(context);
    if (error->code == XML_WAR_UNDECLARED_ENTITY && error->str1) {
        state.undefined_entities.insert(error->str1);
        return;
    }
    if (error->level < XML_ERR_ERROR || !state.first_error.empty()) return;
    state.first_error = error->message ? error->message : "unknown error";
    while (!state.first_error.empty() && state.first_error.back() == '\n') state.first_error.pop_back();
    state.first_error_code = error->code;
    state.first_error_line = error->line;
}

void initialise_libxml_once() {
    static std::once_flag once;
    std::call_once(once, [] { xmlInitParser(); });
}

}  // namespace

XmlDocument XmlDocument::parse(std::string_view bytes, const std::string& name) {
    initialise_libxml_once();
    if (bytes.find_first_not_of(" \t\r\n") == std::string_view::npos) throw Error("xml.empty", name + ": empty document");
    if (bytes.size() > static_cast<size_t>(INT32_MAX)) throw Error("xml.too-large", name + ": over 2 GiB of XML");

    std::unique_ptr<xmlParserCtxt, decltype(&xmlFreeParserCtxt)> parser(xmlNewParserCtxt(), &xmlFreeParserCtxt);
    if (!parser) throw Error("resource.memory", name + ": cannot allocate an XML parser");
    ParseState state;
    parser->_private = &state;
    parser->sax->entityDecl = on_entity_declaration;
    parser->sax->unparsedEntityDecl = on_unparsed_entity_declaration;
    parser->sax->serror = on_error;

    // NONET: no network; without NOENT, DTDLOAD, DTDATTR and HUGE, libxml2 neither
    // substitutes entities, nor reads any DTD, nor lifts its depth and size limits.
    // COMPACT keeps short text inside the nodes: fewer allocations for a tree that is only read.
    const int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA | XML_PARSE_COMPACT;
    XmlDocument document;
    document.doc_.reset(xmlCtxtReadMemory(parser.get(), bytes.data(), static_cast<int>(bytes.size()), nullptr,
                                          nullptr, options));

    if (state.entity_declared)
        throw Error("xml.entity", name + ": the document declares entity '" + state.entity_name +
                                      "'; entity declarations are refused (XXE and expansion bombs)");
    if (!state.first_error.empty() && state.first_error_code == XML_ERR_INTERNAL_ERROR &&
        state.first_error.find("depth") != std::string::npos)
        throw Error("xml.too-deep", name + ": line " + std::to_string(state.first_error_line) + ": " + state.first_error);
    if (!document.doc_ || !parser->wellFormed) {
        const std::string detail = state.first_error.empty() ? "not well-formed" : state.first_error;
        throw Error("xml.malformed", name + ": line " + std::to_string(state.first_error_line) + ": " + detail);
    }
    if (!document.root()) throw Error("xml.empty", name + ": no root element");
    document.undefined_entities_ = std::move(state.undefined_entities);
    return document;
}

std::string_view local_name(const xmlNode* node) {
    if (!node || !node->name) return {};
    // One pass finds both the end and the last colon (names are short, this runs per node).
    const char* name = reinterpret_cast<const char*>(node->name);
    const char* start = name;
    const char* p = name;
    for (; *p; ++p)
        if (*p == ':') start = p + 1;
    return std::string_view(start, static_cast<size_t>(p - start));
}

bool is_element(const xmlNode* node) { return node && node->type == XML_ELEMENT_NODE; }

bool is_element(const xmlNode* node, std::string_view name) { return is_element(node) && local_name(node) == name; }

namespace {

const xmlAttr* find_attribute(const xmlNode* node, std::string_view name) {
    if (!is_element(node)) return nullptr;
    for (const xmlAttr* attr = node->properties; attr; attr = attr->next) {
        std::string_view attr_name(reinterpret_cast<const char*>(attr->name));
        const auto colon = attr_name.find(':');
        if (colon != std::string_view::npos) attr_name = attr_name.substr(colon + 1);
        if (attr_name == name) return attr;
    }
    return nullptr;
}

}  // namespace

std::string attribute(const xmlNode* node, std::string_view name) {
    const xmlAttr* attr = find_attribute(node, name);
    if (!attr || !attr->children) return {};
    if (attr->children->type == XML_TEXT_NODE && !attr->children->next)
        return std::string(node_text(attr->children));
    xmlChar* value = xmlNodeListGetString(node->doc, attr->children, 1);
    std::string out = value ? reinterpret_cast<const char*>(value) : "";
    xmlFree(value);
    return out;
}

bool has_attribute(const xmlNode* node, std::string_view name) { return find_attribute(node, name) != nullptr; }

const xmlNode* child(const xmlNode* node, std::string_view name) {
    if (!node) return nullptr;
    for (const xmlNode* c = node->children; c; c = c->next)
        if (is_element(c, name)) return c;
    return nullptr;
}

const xmlNode* find(const xmlNode* node, std::initializer_list<std::string_view> path) {
    for (std::string_view name : path) {
        node = child(node, name);
        if (!node) return nullptr;
    }
    return node;
}

std::vector<const xmlNode*> children(const xmlNode* node, std::string_view name) {
    std::vector<const xmlNode*> out;
    if (!node) return out;
    for (const xmlNode* c = node->children; c; c = c->next)
        if (is_element(c, name)) out.push_back(c);
    return out;
}

namespace {

void collect_descendants(const xmlNode* node, std::string_view name, std::initializer_list<std::string_view> stop_at,
                         std::vector<const xmlNode*>& out) {
    for (const xmlNode* c = node->children; c; c = c->next) {
        if (!is_element(c)) continue;
        const std::string_view here = local_name(c);
        if (here == name) out.push_back(c);
        bool stop = false;
        for (std::string_view s : stop_at) stop = stop || here == s;
        if (!stop) collect_descendants(c, name, stop_at, out);
    }
}

}  // namespace

std::vector<const xmlNode*> descendants(const xmlNode* node, std::string_view name,
                                        std::initializer_list<std::string_view> stop_at) {
    std::vector<const xmlNode*> out;
    if (node) collect_descendants(node, name, stop_at, out);
    return out;
}

bool has_descendant(const xmlNode* node, std::string_view name) {
    for (const xmlNode* c = node ? node->children : nullptr; c; c = c->next)
        if (is_element(c) && (local_name(c) == name || has_descendant(c, name))) return true;
    return false;
}

bool has_ancestor(const xmlNode* node, std::string_view name) {
    for (const xmlNode* p = node ? node->parent : nullptr; p && p->type == XML_ELEMENT_NODE; p = p->parent)
        if (local_name(p) == name) return true;
    return false;
}

std::string_view node_text(const xmlNode* node) {
    if (!node || !node->content) return {};
    return std::string_view(reinterpret_cast<const char*>(node->content));
}

}  // namespace pubforge::jats
