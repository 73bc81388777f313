// The JATS reader's parts (metadata, body, floats, references, mentions) and what they share.
#pragma once

#include <map>
#include <string>

#include <libxml/tree.h>

#include "pubforge/core/document.hpp"
#include "pubforge/core/record.hpp"
#include "pubforge/core/store.hpp"
#include "pubforge/jats/jats_reader.hpp"

namespace pubforge::jats::detail {

struct ReadContext {
    const SourceDocument& doc;
    ImageStore& store;
    const JatsOptions& options;
};

// metadata.cpp: ids, title, journal, dates, year, article_type, language, license,
// authors, affiliations, keywords, subjects and abstract, from <front> (or a sub-article's <front-stub>).
void read_metadata(const xmlNode* article, Record& record);

// sections.cpp: body sections, flattened in document order, each with its paragraphs and xrefs;
// and, shaped the same way, the text of the floats placed in the body (captions, attributions,
// cells), which is not body text but whose figure references are mentions all the same.
struct BodyText {
    nlohmann::json sections = nlohmann::json::array();
    nlohmann::json float_texts = nlohmann::json::array();
};
BodyText read_sections(const xmlNode* body);

// The whole abstract as text: one paragraph per line, sections separated by a blank line.
std::string read_abstract(const xmlNode* abstract);

// floats.cpp: figures and tables of one scope (the article without its
// sub-articles, or one sub-article), with every graphic resolved and stored.
struct Floats {
    nlohmann::json figures = nlohmann::json::array();
    nlohmann::json tables = nlohmann::json::array();
    std::map<std::string, size_t> figure_by_id;  // fig and fig-group ids -> index into figures
    std::vector<size_t> without_id;              // figures whose <fig> has no id (xrefs fall back to the label)
    std::vector<const xmlNode*> sub_articles;    // met on the way, in document order, not read
};
Floats read_floats(const xmlNode* scope, ReadContext& context);

// references.cpp: <ref-list> entries with every pub-id.
nlohmann::json read_references(const xmlNode* back);

// figure_mentions.cpp: every figure xref of the sections becomes a mention of the figure(s) it names.
struct MentionCounts {
    size_t dangling = 0;   // figure xrefs whose target is no figure of this scope
    size_t recovered = 0;  // figure xrefs matched by label number to a figure without an id
};
MentionCounts attach_mentions(const nlohmann::json& sections, Floats& floats);

}  // namespace pubforge::jats::detail
