// Safe libxml2 parsing of untrusted article XML, and the small node helpers the JATS reader walks the tree with.
#pragma once

#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <libxml/tree.h>

namespace pubforge::jats {

// A parsed document. Parsing never touches the network or the file system (no
// DTD is loaded, XML_PARSE_NONET), never substitutes entities, and refuses any
// document that declares entities, so neither XXE nor "billion laughs" can run.
class XmlDocument {
public:
    // Throws Error with code xml.entity (an <!ENTITY> declaration), xml.too-deep
    // (nesting past libxml2's 256 levels), xml.malformed (not well-formed,
    // truncated, undeclared entity without any DTD) or xml.empty.
    static XmlDocument parse(std::string_view bytes, const std::string& name);

    const xmlNode* root() const { return xmlDocGetRootElement(doc_.get()); }

    // Names of entity references left unexpanded because their DTD was not
    // loaded (e.g. &nbsp; in a document whose DTD is only referenced).
    const std::set<std::string>& undefined_entities() const { return undefined_entities_; }

private:
    struct Free {
        void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
    };
    std::unique_ptr<xmlDoc, Free> doc_;
    std::set<std::string> undefined_entities_;
};

// Element name without any namespace prefix ("mml:math" -> "math").
std::string_view local_name(const xmlNode* node);

bool is_element(const xmlNode* node);
bool is_element(const xmlNode* node, std::string_view name);

// Value of the first attribute with this local name (any namespace), "" when absent.
std::string attribute(const xmlNode* node, std::string_view name);
bool has_attribute(const xmlNode* node, std::string_view name);

// First child element with this local name, or nullptr.
const xmlNode* child(const xmlNode* node, std::string_view name);

// Follows child elements by name: find(meta, {"title-group", "article-title"}).
const xmlNode* find(const xmlNode* node, std::initializer_list<std::string_view> path);

// Child elements with this local name, in document order.
std::vector<const xmlNode*> children(const xmlNode* node, std::string_view name);

// Descendant elements with this local name, in document order, not descending
// into elements named in `stop_at` (e.g. nested sub-articles).
std::vector<const xmlNode*> descendants(const xmlNode* node, std::string_view name,
                                        std::initializer_list<std::string_view> stop_at = {});

// True when some descendant element has this local name (stops at the first).
bool has_descendant(const xmlNode* node, std::string_view name);

// True when an ancestor of `node` (not the node itself) has this local name.
bool has_ancestor(const xmlNode* node, std::string_view name);

// Raw text of a text, CDATA or attribute value node.
std::string_view node_text(const xmlNode* node);

}  // namespace pubforge::jats
