// Full-text corpus for language-model pretraining: one article per JSON line, optional plain-text files.
#include <map>

#include "pubforge/core/jsonl.hpp"
#include "pubforge/export/item.hpp"
#include "sinks.hpp"

namespace pubforge::exporter::detail {
namespace {

std::string string_at(const nlohmann::json& object, const char* name) {
    const auto it = object.find(name);
    return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

void add_block(std::string& text, const std::string& block) {
    if (block.empty()) return;
    if (!text.empty()) text += "\n\n";
    text += block;
}

class TextSink : public ArticleSink {
public:
    TextSink(OutputFolder& folder, const ExportOptions& options) : folder_(folder), options_(options.text) {}

    bool add(const Record& record, const std::string& split) override {
        const ArticleInfo info = ArticleInfo::from_record(record);
        std::string text;
        add_block(text, info.title);
        add_block(text, string_at(record, "abstract"));
        nlohmann::json sections = nlohmann::json::array();
        for (const auto& section : record.value("sections", nlohmann::json::array())) {
            std::string body;
            for (const auto& paragraph : section.value("paragraphs", nlohmann::json::array()))
                add_block(body, string_at(paragraph, "text"));
            const std::string title = string_at(section, "title");
            sections.push_back({{"title", title}, {"text", body}});
            add_block(text, title);
            add_block(text, body);
        }
        nlohmann::json line = {{"id", info.id},          {"pmcid", info.pmcid},     {"pmid", info.pmid},
                               {"doi", info.doi},        {"title", info.title},     {"abstract", string_at(record, "abstract")},
                               {"sections", sections},   {"journal", info.journal}, {"article_type", info.article_type},
                               {"language", info.language}, {"license", info.license_code}, {"license_class", info.license_class}};
        line["year"] = info.year ? nlohmann::json(*info.year) : nlohmann::json();
        if (options_.captions) {
            nlohmann::json captions = nlohmann::json::array();
            for (const auto& figure : record.value("figures", nlohmann::json::array())) {
                const std::string caption = figure.contains("caption") && figure["caption"].is_object() ? string_at(figure["caption"], "text") : "";
                if (caption.empty()) continue;
                captions.push_back({{"id", string_at(figure, "id")}, {"label", string_at(figure, "label")}, {"caption", caption}});
                add_block(text, (string_at(figure, "label").empty() ? "" : string_at(figure, "label") + ". ") + caption);
            }
            line["captions"] = captions;
        }
        if (options_.tables) {
            nlohmann::json tables = nlohmann::json::array();
            for (const auto& table : record.value("tables", nlohmann::json::array())) {
                const std::string caption = table.contains("caption") && table["caption"].is_object() ? string_at(table["caption"], "text") : "";
                const std::string cells = string_at(table, "text");
                if (caption.empty() && cells.empty()) continue;
                tables.push_back({{"id", string_at(table, "id")}, {"label", string_at(table, "label")}, {"caption", caption}, {"text", cells}});
                add_block(text, (string_at(table, "label").empty() ? "" : string_at(table, "label") + ". ") + caption);
                add_block(text, cells);
            }
            line["tables"] = tables;
        }
        if (text.empty()) return false;
        const size_t words = count_words(text);
        line["text"] = text;
        line["word_count"] = words;
        words_ += words;
        split_words_[split] += words;
        auto it = streams_.find(split);
        if (it == streams_.end()) it = streams_.emplace(split, std::make_unique<OutputFolder::Stream>(folder_, split + ".jsonl")).first;
        it->second->write(dump_json_line(line) + "\n");
        if (options_.plain_text) folder_.write(split + "/text/" + info.id + ".txt", text + "\n");
        return true;
    }

    void finish() override {
        for (auto& entry : streams_) entry.second->close();
    }

    void describe(nlohmann::json& counts) const override {
        counts["words"] = words_;
        counts["words_per_split"] = split_words_;
    }

    std::uint64_t words() const override { return words_; }

private:
    OutputFolder& folder_;
    const TextOptions& options_;
    std::map<std::string, std::unique_ptr<OutputFolder::Stream>> streams_;
    std::uint64_t words_ = 0;
    std::map<std::string, std::uint64_t> split_words_;
};

}  // namespace

std::unique_ptr<ArticleSink> make_text_sink(OutputFolder& folder, const ExportOptions& options) {
    return std::make_unique<TextSink>(folder, options);
}

}  // namespace pubforge::exporter::detail
