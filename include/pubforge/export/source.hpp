// Where exporters read articles from: the SQLite archive, or article records held in memory (tests, JSONL files).
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pubforge/core/record.hpp"

namespace pubforge::exporter {

class ArticleSource {
public:
    virtual ~ArticleSource() = default;
    // Every article id, sorted, so exports walk articles in a stable order.
    virtual std::vector<std::string> article_ids() const = 0;
    // The article record (article.schema.json), with imported responses under "responses".
    virtual Record load(const std::string& id) const = 0;
    // Ids of the articles an FTS5 query matches (titles, abstracts, captions, body);
    // throws UsageError on a query FTS5 rejects.
    virtual std::set<std::string> match(const std::string& fts_query) const = 0;
    // What the manifest records about where the data came from (never a local path).
    virtual nlohmann::json provenance() const = 0;
};

// Article records in memory; full-text queries run on an in-memory SQLite FTS5
// index built on first use, so they mean exactly what they mean on the archive.
class RecordSource : public ArticleSource {
public:
    explicit RecordSource(std::vector<Record> records);
    // Reads article records from a JSONL file ("-" = stdin); a malformed line throws.
    static RecordSource from_jsonl(const std::string& path);

    std::vector<std::string> article_ids() const override;
    Record load(const std::string& id) const override;
    std::set<std::string> match(const std::string& fts_query) const override;
    nlohmann::json provenance() const override;

private:
    std::map<std::string, Record> records_;
};

// The archive (data/schemas/archive.sql) read as article records; src/export/archive_source.cpp.
std::unique_ptr<ArticleSource> open_archive_source(const std::string& db_path);

// The source a command line names: an archive (--db) or article records (--records
// FILE.jsonl, e.g. align's output); exactly one. Throws UsageError otherwise.
std::unique_ptr<ArticleSource> open_source(const std::string& db_path, const std::string& records_path);

// The searchable text of a record as the FTS index holds it: title, abstract, captions and body.
std::string searchable_text(const Record& record);

// Runs an FTS5 query over (id, text) documents in a throwaway in-memory database.
std::set<std::string> match_documents(const std::vector<std::pair<std::string, std::string>>& documents,
                                      const std::string& fts_query);

}  // namespace pubforge::exporter
