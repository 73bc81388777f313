// Private to src/export: the per-kind writers the export driver feeds, in export order.
#pragma once

#include <map>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "pubforge/export/exporter.hpp"
#include "output.hpp"

namespace pubforge::exporter::detail {

// Receives every accepted item (split and key set) with its image bytes, in export order.
class ItemSink {
public:
    virtual ~ItemSink() = default;
    virtual void add(const ExportItem& item, const PreparedImage& image) = 0;
    // Called after the last item of each article (for per-article outputs).
    virtual void end_article() {}
    // Writes what is still pending; after this only the manifest is written.
    virtual void finish() = 0;
    // Kind-specific numbers for the manifest's "counts".
    virtual void describe(nlohmann::json& counts) const { (void)counts; }
};

// Receives every accepted article (text export).
class ArticleSink {
public:
    virtual ~ArticleSink() = default;
    virtual bool add(const Record& record, const std::string& split) = 0;  // false: nothing written
    virtual void finish() = 0;
    virtual void describe(nlohmann::json& counts) const = 0;
    virtual std::uint64_t words() const = 0;
};

std::unique_ptr<ItemSink> make_pairs_sink(OutputFolder& folder, const ExportOptions& options);
std::unique_ptr<ItemSink> make_mentions_sink(OutputFolder& folder, const ExportOptions& options);
std::unique_ptr<ItemSink> make_llava_sink(OutputFolder& folder, const ExportOptions& options);
std::unique_ptr<ItemSink> make_requests_sink(OutputFolder& folder, const ExportOptions& options);
std::unique_ptr<ArticleSink> make_text_sink(OutputFolder& folder, const ExportOptions& options);

// A JSON array written one element per line, so a large split never sits in memory.
class JsonArrayFile {
public:
    JsonArrayFile(OutputFolder& folder, std::string relative);
    void add(const nlohmann::json& element);
    void close();

private:
    OutputFolder::Stream stream_;
    size_t elements_ = 0;
};

// Shared by the sinks.
std::string image_name(const ExportItem& item, const PreparedImage& image);  // KEY.ext
// Per-sample metadata with BIOMEDICA-like field names; never the article's full text.
nlohmann::json item_metadata(const ExportItem& item, const PreparedImage& image);
// Caption safe for one TSV field: tabs and line breaks become spaces; quoted when it holds a quote.
std::string tsv_field(const std::string& text);

}  // namespace pubforge::exporter::detail
