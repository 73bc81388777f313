// The record -> tables map (data/schemas/archive.sql): which field of which object lands in which column.
#include "record_tables.hpp"

namespace pubforge::archive::detail {
namespace {

nlohmann::json caption_words(const nlohmann::json& figure) {
    const auto* text = figure.contains("caption") && figure["caption"].is_object() && figure["caption"].contains("text")
                           ? &figure["caption"]["text"]
                           : nullptr;
    return text && text->is_string() ? nlohmann::json(count_words(text->get<std::string>())) : nlohmann::json();
}

nlohmann::json caption_chars(const nlohmann::json& figure) {
    const auto* text = figure.contains("caption") && figure["caption"].is_object() && figure["caption"].contains("text")
                           ? &figure["caption"]["text"]
                           : nullptr;
    return text && text->is_string() ? nlohmann::json(text->get_ref<const std::string&>().size()) : nlohmann::json();
}

const std::vector<const char*> kArticleKey = {"article_id"};
const std::vector<const char*> kFigureKey = {"article_id", "figure_id"};

TableSpec child(const char* table, const char* array, const std::vector<const char*>& keys, std::vector<Column> columns) {
    TableSpec spec;
    spec.table = table;
    spec.array = array;
    spec.keys = keys;
    spec.columns = std::move(columns);
    return spec;
}

TableSpec figure_child(const char* table, const char* array, std::vector<Column> columns) {
    return child(table, array, kFigureKey, std::move(columns));
}

TableSpec article_child(const char* table, const char* array, std::vector<Column> columns) {
    return child(table, array, kArticleKey, std::move(columns));
}

TableSpec keyword_spec(const char* array, const char* kind) {
    TableSpec spec = article_child("keywords", array, {});
    spec.fixed = {{"kind", kind}};
    spec.scalar_column = "term";
    return spec;
}

}  // namespace

const TableSpec& article_spec() {
    using K = Kind;
    static const TableSpec warnings = [] {
        TableSpec spec = figure_child("warnings", "warnings", {{"code", "code", K::Text}, {"message", "message", K::Text}});
        return spec;
    }();
    static const TableSpec graphics = figure_child(
        "graphics", "graphics", {{"href", "href", K::Text}, {"member", "member", K::Text}, {"image_sha256", "image", K::Image}});
    static const TableSpec subfigures = figure_child(
        "subfigures", "subfigures",
        {{"subfigure_id", "id", K::Text}, {"graphic", "graphic", K::Integer}, {"box", "box", K::Json},
         {"label", "label", K::Text}, {"image_sha256", "image", K::Image}, {"score", "score", K::Number},
         {"method", "method", K::Text}});
    static const TableSpec subcaptions = figure_child(
        "subcaptions", "subcaptions", {{"label", "label", K::Text}, {"text", "text", K::Text}, {"span", "span", K::Json}});
    static const TableSpec links = figure_child(
        "links", "links",
        {{"subfigure_id", "subfigure", K::Text}, {"label", "label", K::Text}, {"method", "method", K::Text},
         {"score", "score", K::Number}});
    static const TableSpec mentions = figure_child(
        "mentions", "mentions",
        {{"paragraph", "paragraph", K::Text}, {"section", "section", K::Text}, {"sentence", "sentence", K::Text},
         {"start_offset", "start", K::Integer}, {"end_offset", "end", K::Integer}, {"text", "text", K::Text},
         {"panels", "panels", K::Json}});
    static const TableSpec domains = figure_child(
        "domains", "domains", {{"tag", "tag", K::Text}, {"phrases", "phrases", K::Json}, {"source", "source", K::Text}});
    static const TableSpec figures = [] {
        TableSpec spec = article_child(
            "figures", "figures",
            {{"figure_id", "id", K::Text}, {"label", "label", K::Text}, {"kind", "kind", K::Text},
             {"caption_title", "caption/title", K::Text}, {"caption_text", "caption/text", K::Text},
             {"caption_list_items", "caption/list_items", K::Json}, {"caption_words", "", K::Derived, caption_words},
             {"caption_chars", "", K::Derived, caption_chars}, {"shared_caption", "shared_caption", K::Text},
             {"page", "page", K::Integer}, {"bbox", "bbox", K::Json}, {"compound", "compound", K::Boolean},
             {"unlinked", "unlinked", K::Json}});
        spec.child_key_from = "figure_id";
        spec.child_key_as = "figure_id";
        spec.children = {&graphics, &subfigures, &subcaptions, &links, &mentions, &domains, &warnings};
        return spec;
    }();
    static const TableSpec paragraphs = [] {
        TableSpec spec = article_child("paragraphs", "paragraphs",
                                       {{"paragraph_id", "id", K::Text}, {"text", "text", K::Text},
                                        {"page", "page", K::Integer}, {"xrefs", "xrefs", K::Json}});
        spec.keys = {"article_id", "section_position"};
        return spec;
    }();
    static const TableSpec sections = [] {
        TableSpec spec = article_child("sections", "sections",
                                       {{"section_id", "id", K::Text}, {"title", "title", K::Text}, {"level", "level", K::Integer}});
        spec.child_key_from = "position";
        spec.child_key_as = "section_position";
        spec.children = {&paragraphs};
        return spec;
    }();
    static const TableSpec affiliations =
        article_child("affiliations", "affiliations", {{"affiliation_id", "id", K::Text}, {"text", "text", K::Text}});
    static const TableSpec authors = article_child(
        "authors", "authors",
        {{"name", "name", K::Text}, {"given", "given", K::Text}, {"surname", "surname", K::Text},
         {"orcid", "orcid", K::Text}, {"collab", "collab", K::Boolean}, {"corresponding", "corresponding", K::Boolean},
         {"affiliation_ids", "affiliations", K::Json}});
    static const TableSpec keywords = keyword_spec("keywords", "keyword");
    static const TableSpec subjects = keyword_spec("subjects", "subject");
    static const TableSpec tables = article_child(
        "article_tables", "tables",
        {{"table_id", "id", K::Text}, {"label", "label", K::Text}, {"kind", "kind", K::Text},
         {"caption_title", "caption/title", K::Text}, {"caption_text", "caption/text", K::Text},
         {"caption_list_items", "caption/list_items", K::Json}, {"text", "text", K::Text},
         {"graphics", "graphics", K::Json}, {"page", "page", K::Integer}, {"bbox", "bbox", K::Json}});
    static const TableSpec bibliography = article_child(
        "bibliography", "references",
        {{"reference_id", "id", K::Text}, {"label", "label", K::Text}, {"text", "text", K::Text},
         {"title", "title", K::Text}, {"source", "source", K::Text}, {"year", "year", K::Text},
         {"authors", "authors", K::Json}, {"ids", "ids", K::Json}});
    static const TableSpec responses = [] {
        TableSpec spec = article_child(
            "responses", "responses",
            {{"custom_id", "custom_id", K::Text}, {"figure_id", "figure_id", K::Text},
             {"subfigure_id", "subfigure_id", K::Text}, {"task", "task", K::Text}, {"model", "model", K::Text},
             {"payload", "payload", K::Json}, {"status", "status", K::Text}});
        spec.has_position = false;
        spec.upsert_key = "custom_id";
        spec.order_by = "id";
        return spec;
    }();
    static const TableSpec articles = [] {
        TableSpec spec;
        spec.table = "articles";
        spec.array = nullptr;
        spec.has_position = false;
        spec.order_by = "id";
        spec.columns = {
            {"id", "id", K::Text}, {"pmcid", "ids/pmcid", K::Text}, {"pmid", "ids/pmid", K::Text},
            {"doi", "ids/doi", K::Text}, {"publisher_id", "ids/publisher_id", K::Text}, {"title", "title", K::Text},
            {"journal", "journal/title", K::Text}, {"publisher", "journal/publisher", K::Text},
            {"year", "year", K::Integer}, {"article_type", "article_type", K::Text},
            {"language", "language", K::Text}, {"license_code", "license/code", K::Text},
            {"license_class", "license/class", K::Text}, {"license_url", "license/url", K::Text},
            {"license_text", "license/text", K::Text}, {"abstract", "abstract", K::Text},
            {"words_abstract", "word_counts/abstract", K::Integer}, {"words_body", "word_counts/body", K::Integer},
            {"words_captions", "word_counts/captions", K::Integer}, {"pages", "pages", K::Integer},
            {"source_kind", "source/kind", K::Text}, {"source_path", "source/path", K::Text},
            {"source_member", "source/member", K::Text}, {"source_sha256", "source/sha256", K::Text},
            {"source_bytes", "source/bytes", K::Integer}, {"stages", "stages", K::Json}};
        // Written with the row rather than by an UPDATE afterwards: one B-tree write per article.
        spec.supplied = {"provenance_id", "search_first", "search_last"};
        spec.child_key_from = "id";
        spec.child_key_as = "article_id";
        spec.children = {&affiliations, &authors, &keywords, &subjects, &sections, &figures,
                         &tables,       &bibliography, &warnings, &responses};
        return spec;
    }();
    return articles;
}

}  // namespace pubforge::archive::detail
