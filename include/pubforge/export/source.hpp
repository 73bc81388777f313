// Where exporters read articles from: the SQLite archive, or article records loaded into an in-memory archive.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pubforge/archive/archive.hpp"
#include "pubforge/archive/filter.hpp"
#include "pubforge/core/record.hpp"

namespace pubforge::exporter {

class ArticleSource {
public:
    virtual ~ArticleSource() = default;
    // Every article id, sorted, so exports walk articles in a stable order.
    virtual std::vector<std::string> article_ids() const = 0;
    // Every article in id order with the verdict of the archive's filter builder (archive/filter.hpp), the one
    // `archive query` uses; throws UsageError on a text query FTS5 rejects.
    virtual std::vector<archive::ArticleVerdict> select(const archive::Filter& filter) const = 0;
    // The article record (article.schema.json), with imported responses under "responses".
    virtual Record load(const std::string& id) const = 0;
    // Only what an image exporter reads: the article row and its figures (archive::Projection).
    virtual Record load(const std::string& id, const archive::Projection& projection) const = 0;
    // What the manifest records about where the data came from (never a local path).
    virtual nlohmann::json provenance() const = 0;
};

// The archive (data/schemas/archive.sql) read as article records: ids, verdicts by archive::select_articles,
// records by archive::get_record and get_projection, provenance by archive::content_summary.
class ArchiveSource : public ArticleSource {
public:
    explicit ArchiveSource(std::shared_ptr<archive::Archive> archive);

    std::vector<std::string> article_ids() const override;
    std::vector<archive::ArticleVerdict> select(const archive::Filter& filter) const override;
    Record load(const std::string& id) const override;
    Record load(const std::string& id, const archive::Projection& projection) const override;
    nlohmann::json provenance() const override;

protected:
    std::shared_ptr<archive::Archive> archive_;
};

// Article records (tests, `export --records`) loaded by the archive's own Loader into an in-memory archive, so
// they are read, searched and filtered exactly as an archive is: one implementation, not two. A record that
// fails validate_record throws record.invalid; the same id twice keeps the last, as a load does.
class RecordSource : public ArchiveSource {
public:
    explicit RecordSource(const std::vector<Record>& records);
    // Reads article records from a JSONL file ("-" = stdin); a malformed line throws.
    static RecordSource from_jsonl(const std::string& path);

    nlohmann::json provenance() const override;

private:
    size_t articles_ = 0;
};

std::unique_ptr<ArticleSource> open_archive_source(const std::string& db_path);

// The source a command line names: an archive (--db) or article records (--records
// FILE.jsonl, e.g. align's output); exactly one. Throws UsageError otherwise.
std::unique_ptr<ArticleSource> open_source(const std::string& db_path, const std::string& records_path);

}  // namespace pubforge::exporter
