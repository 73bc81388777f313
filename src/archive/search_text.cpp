// The archive's searchable text: what an article's and each figure's full-text document hold, defined once.
#include "record_tables.hpp"

namespace pubforge::archive::detail {
namespace {

const nlohmann::json* field(const nlohmann::json& object, const char* name) {
    if (!object.is_object()) return nullptr;
    const auto found = object.find(name);
    return found == object.end() ? nullptr : &*found;
}

// Appends a non-empty string field on a line of its own.
void append(std::string& out, const nlohmann::json* text) {
    if (!text || !text->is_string() || text->get_ref<const std::string&>().empty()) return;
    if (!out.empty()) out += '\n';
    out += text->get_ref<const std::string&>();
}

const nlohmann::json& array_at(const nlohmann::json& object, const char* name) {
    static const nlohmann::json empty = nlohmann::json::array();
    const nlohmann::json* value = field(object, name);
    return value && value->is_array() ? *value : empty;
}

}  // namespace

std::vector<SearchDocument> search_documents(const Record& record) {
    SearchDocument article;
    std::vector<SearchDocument> figures;
    append(article.title, field(record, "title"));
    append(article.abstract, field(record, "abstract"));
    for (const auto& figure : array_at(record, "figures")) {
        SearchDocument document;
        document.kind = "figure";
        const nlohmann::json* id = field(figure, "id");
        document.figure_id = id && id->is_string() ? id->get<std::string>() : "";
        if (const nlohmann::json* caption = field(figure, "caption")) append(document.captions, field(*caption, "text"));
        for (const auto& subcaption : array_at(figure, "subcaptions")) append(document.captions, field(subcaption, "text"));
        if (document.captions.empty()) continue;
        if (!article.captions.empty()) article.captions += '\n';
        article.captions += document.captions;
        figures.push_back(std::move(document));
    }
    for (const auto& section : array_at(record, "sections"))
        for (const auto& paragraph : array_at(section, "paragraphs")) append(article.body, field(paragraph, "text"));
    std::vector<SearchDocument> out;
    if (!article.title.empty() || !article.abstract.empty() || !article.captions.empty() || !article.body.empty())
        out.push_back(std::move(article));
    for (SearchDocument& figure : figures) out.push_back(std::move(figure));
    return out;
}

}  // namespace pubforge::archive::detail
