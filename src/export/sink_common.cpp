// Helpers every export sink shares: sample file names, per-sample metadata, TSV-safe captions.
#include "sinks.hpp"

#include "pubforge/core/jsonl.hpp"

namespace pubforge::exporter::detail {

std::string image_name(const ExportItem& item, const PreparedImage& image) { return item.key + "." + image.extension; }

nlohmann::json item_metadata(const ExportItem& item, const PreparedImage& image) {
    const ArticleInfo& article = *item.article;
    nlohmann::json context = nlohmann::json::array();
    for (const auto& mention : item.mentions) context.push_back(mention.sentence);
    nlohmann::json out = {
        {"key", item.key},
        {"accession_id", article.pmcid},
        {"pmid", article.pmid},
        {"doi", article.doi},
        {"article_id", article.id},
        {"article_title", article.title},
        {"article_journal", article.journal},
        {"article_year", article.year ? nlohmann::json(*article.year) : nlohmann::json()},
        {"article_type", article.article_type},
        {"language", article.language},
        {"license", article.license_code},
        {"license_class", article.license_class},
        {"fig_id", item.figure_id},
        {"fig_label", item.figure_label},
        {"fig_kind", item.figure_kind},
        {"caption", item.caption},
        {"image_context", context},
        {"image_hash", item.image ? item.image->sha256 : ""},
        {"image_file_name", image_name(item, image)},
        {"source_format", image.source_format},
        {"width", image.width},
        {"height", image.height},
        {"domains", item.domains},
        {"split", item.split},
    };
    if (item.unit == Unit::Panel) {
        out["parent_key"] = item.parent_key;
        out["panel_id"] = item.panel_id;
        out["panel_label"] = item.panel_label;
        out["panel_box"] = item.panel_box ? nlohmann::json(*item.panel_box) : nlohmann::json();
        out["caption_source"] = item.caption_source;
        out["figure_caption"] = item.figure_caption;
    }
    return out;
}

JsonArrayFile::JsonArrayFile(OutputFolder& folder, std::string relative) : stream_(folder, std::move(relative)) {
    stream_.write("[");
}

void JsonArrayFile::add(const nlohmann::json& element) {
    stream_.write((elements_++ ? ",\n" : "\n") + dump_json_line(element));
}

void JsonArrayFile::close() {
    stream_.write(elements_ ? "\n]\n" : "]\n");
    stream_.close();
}

std::string tsv_field(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) out += (c == '\t' || c == '\n' || c == '\r') ? ' ' : c;
    if (out.find('"') == std::string::npos) return out;
    // CSV-style quoting, which pandas and Python's csv read back with sep='\t'.
    std::string quoted = "\"";
    for (char c : out) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
}

}  // namespace pubforge::exporter::detail
