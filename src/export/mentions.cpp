// Figure records with their in-text mentions, in the LLaVA-Med / CNS-Obsidian shape, JSONL or one JSON array.
#include <map>

#include "pubforge/align/domains.hpp"
#include "pubforge/core/jsonl.hpp"
#include "sinks.hpp"

namespace pubforge::exporter::detail {
namespace {

nlohmann::json mention_record(const ExportItem& item, const std::string& image, const std::string& source_format) {
    const ArticleInfo& article = *item.article;
    nlohmann::json mentions = nlohmann::json::array();
    for (const auto& mention : item.mentions)
        mentions.push_back({{"tokens", mention.sentence}, {"section", mention.section}, {"reference", mention.reference}});
    nlohmann::json out = {
        {"pair_id", item.key},
        {"pmid", article.pmid},
        {"pmcid", article.pmcid},
        {"fig_id", item.figure_id},
        {"fig_label", item.figure_label},
        {"fig_caption", item.caption},
        {"in_text_mention", mentions},
        {"image", image},
        {"source_format", source_format},
        {"paper", {{"article_id", article.id},
                   {"title", article.title},
                   {"journal", article.journal},
                   {"year", article.year ? nlohmann::json(*article.year) : nlohmann::json()},
                   {"doi", article.doi},
                   {"license", article.license_code}}},
        {"domain", align::DomainVocabulary::shared()->llava_med(item.domains)},
        {"domain_tags", item.domains},
    };
    if (item.unit == Unit::Panel) {
        out["parent_key"] = item.parent_key;
        out["panel_label"] = item.panel_label;
    }
    return out;
}

class MentionsSink : public ItemSink {
public:
    MentionsSink(OutputFolder& folder, const ExportOptions& options) : folder_(folder), options_(options) {}

    void add(const ExportItem& item, const PreparedImage& image) override {
        const std::string name = image_name(item, image);
        folder_.write("images/" + name, image.bytes);
        const nlohmann::json record = mention_record(item, name, image.source_format);
        if (options_.mentions.json_array) {
            auto it = arrays_.find(item.split);
            if (it == arrays_.end()) it = arrays_.emplace(item.split, std::make_unique<JsonArrayFile>(folder_, item.split + ".json")).first;
            it->second->add(record);
        } else {
            auto it = lines_.find(item.split);
            if (it == lines_.end())
                it = lines_.emplace(item.split, std::make_unique<OutputFolder::Stream>(folder_, item.split + ".jsonl")).first;
            it->second->write(dump_json_line(record) + "\n");
        }
        mentions_ += item.mentions.size();
    }

    void finish() override {
        for (auto& entry : arrays_) entry.second->close();
        for (auto& entry : lines_) entry.second->close();
    }

    void describe(nlohmann::json& counts) const override { counts["mentions"] = mentions_; }

private:
    OutputFolder& folder_;
    const ExportOptions& options_;
    std::map<std::string, std::unique_ptr<JsonArrayFile>> arrays_;
    std::map<std::string, std::unique_ptr<OutputFolder::Stream>> lines_;
    size_t mentions_ = 0;
};

}  // namespace

std::unique_ptr<ItemSink> make_mentions_sink(OutputFolder& folder, const ExportOptions& options) {
    return std::make_unique<MentionsSink>(folder, options);
}

}  // namespace pubforge::exporter::detail
