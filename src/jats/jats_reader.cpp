// The JATS reader's entry point: parse safely, check it is an article, and assemble the record from its parts.
#include "pubforge/jats/jats_reader.hpp"

#include "pubforge/core/error.hpp"
#include "pubforge/jats/xml_document.hpp"
#include "reader_parts.hpp"
#include "text.hpp"

namespace pubforge::jats {
namespace {

using nlohmann::json;

// The <article> element: the root, or the one article of a PMC <pmc-articleset> download.
const xmlNode* find_article(const xmlNode* root, const std::string& path) {
    const xmlNode* article = is_element(root, "article") ? root : nullptr;
    if (!article && is_element(root, "pmc-articleset")) article = child(root, "article");
    if (!article)
        throw Error("xml.not-jats", path + ": the root element is <" + std::string(local_name(root)) +
                                        ">, not a JATS <article>");
    if (!child(article, "front"))
        throw Error("xml.not-jats", path + ": <article> has no <front>, so it is not JATS");
    return article;
}

json source_of(const SourceDocument& doc) {
    json source = {{"kind", doc.kind.empty() ? "jats" : doc.kind}, {"path", doc.path}, {"sha256", doc.sha256},
                   {"bytes", doc.input_bytes}};
    if (!doc.member.empty()) source["member"] = doc.member;
    return source;
}

size_t caption_words(const json& floats) {
    size_t words = 0;
    for (const json& f : floats) words += count_words(f["caption"].value("text", ""));
    return words;
}

// Mentions from body paragraphs and from the floats placed in the body; what could
// not be matched (or was matched by label only) is a warning on the record.
void attach_all_mentions(const detail::BodyText& text, detail::Floats& floats, Record& record, const std::string& where) {
    detail::MentionCounts counts = detail::attach_mentions(text.sections, floats);
    const detail::MentionCounts in_floats = detail::attach_mentions(text.float_texts, floats);
    counts.dangling += in_floats.dangling;
    counts.recovered += in_floats.recovered;
    if (counts.dangling > 0)
        add_warning(record, "xref.dangling",
                    std::to_string(counts.dangling) + " figure reference(s)" + where + " point to no figure");
    if (counts.recovered > 0)
        add_warning(record, "xref.by-label",
                    std::to_string(counts.recovered) + " figure reference(s)" + where +
                        " name no id; matched to a figure by the number in its label");
}

// Appends the sub-article and, after it, any sub-articles nested in it (document order).
void read_sub_article(const xmlNode* sub, detail::ReadContext& context, Record& record, json& sub_articles) {
    json out = json::object();
    if (const std::string id = attribute(sub, "id"); !id.empty()) out["id"] = id;
    if (const std::string type = attribute(sub, "article-type"); !type.empty()) out["article_type"] = type;
    if (const std::string lang = attribute(sub, "lang"); !lang.empty()) out["language"] = lang;
    const xmlNode* stub = child(sub, "front-stub");
    if (!stub) stub = find(sub, {"front", "article-meta"});
    const std::string title = inline_text(find(stub, {"title-group", "article-title"}));
    if (!title.empty()) out["title"] = title;
    detail::Floats floats = detail::read_floats(sub, context);
    attach_all_mentions(detail::read_sections(child(sub, "body")), floats, record,
                        " of sub-article '" + out.value("id", "") + "'");
    out["figures"] = std::move(floats.figures);
    out["tables"] = std::move(floats.tables);
    sub_articles.push_back(std::move(out));
    for (const xmlNode* nested : floats.sub_articles) read_sub_article(nested, context, record, sub_articles);
}

}  // namespace

Record parse_jats(const SourceDocument& doc, ImageStore& store, const JatsOptions& options) {
    const XmlDocument xml = XmlDocument::parse(doc.bytes, doc.path);
    const xmlNode* article = find_article(xml.root(), doc.path);

    Record record = {{"schema", kRecordSchemaVersion}, {"source", source_of(doc)}, {"warnings", json::array()}};
    detail::read_metadata(article, record);
    record["id"] = make_article_id(record["ids"], doc.sha256);

    detail::ReadContext context{doc, store, options};
    const xmlNode* body = child(article, "body");
    if (!body) add_warning(record, "jats.no-body", "the article has no <body>: metadata and abstract only");
    detail::BodyText text = detail::read_sections(body);
    detail::Floats floats = detail::read_floats(article, context);
    attach_all_mentions(text, floats, record, "");
    record["sections"] = std::move(text.sections);
    record["figures"] = std::move(floats.figures);
    record["tables"] = std::move(floats.tables);
    record["references"] = detail::read_references(child(article, "back"));

    json sub_articles = json::array();
    for (const xmlNode* sub : floats.sub_articles) read_sub_article(sub, context, record, sub_articles);
    if (!sub_articles.empty()) record["sub_articles"] = std::move(sub_articles);

    size_t body_words = 0;
    for (const json& section : record["sections"])
        for (const json& p : section["paragraphs"]) body_words += count_words(p["text"].get<std::string>());
    record["word_counts"] = {{"abstract", count_words(record.value("abstract", ""))},
                             {"body", body_words},
                             {"captions", caption_words(record["figures"]) + caption_words(record["tables"])}};

    if (!xml.undefined_entities().empty()) {
        std::string names;
        for (const std::string& name : xml.undefined_entities()) names += (names.empty() ? "" : ", ") + name;
        add_warning(record, "xml.undefined-entity",
                    "entities left unexpanded because the DTD is never loaded: " + names);
    }
    return record;
}

}  // namespace pubforge::jats
