// The archive: opening (creation, forward migrations, corruption checks) and reading one article back as its record.
#pragma once

#include <optional>
#include <string>

#include "pubforge/archive/sqlite.hpp"
#include "pubforge/core/record.hpp"

namespace pubforge::archive {

// The schema version this build writes (PRAGMA user_version). Older archives are
// migrated forward on open; newer ones are refused (archive.too-new).
constexpr int kSchemaVersion = 3;

class Archive {
public:
    enum class Mode { ReadOnly, ReadWrite };

    // ReadWrite creates the file when missing (WAL mode). Throws fatal errors:
    // archive.missing (ReadOnly, no file), archive.corrupt (not SQLite or damaged;
    // the file is left untouched), archive.foreign (an SQLite file that is not a
    // pubforge archive), archive.too-new, archive.busy.
    static Archive open(const std::string& path, Mode mode, int busy_timeout_ms = 10000);

    Database& db() { return db_; }
    const std::string& path() const { return db_.path(); }

private:
    explicit Archive(Database db) : db_(std::move(db)) {}
    Database db_;
};

// The article's record rebuilt from the tables, equal to the record that was loaded
// (plus any imported "responses"); nullopt when the archive has no such article.
std::optional<Record> get_record(Archive& archive, const std::string& article_id);

// What an exporter reads of an article instead of the whole record: the article row (ids, metadata, licence,
// abstract) and its figures with their graphics, subfigures, subcaptions, links and domains; mentions and imported
// responses when asked. Sections, paragraphs, tables, references, authors, keywords and warnings are never read.
// The result has the record's shape (the fields read are exactly get_record's), not the schema's required fields.
struct Projection {
    bool mentions = true;
    bool responses = false;
};
std::optional<Record> get_projection(Archive& archive, const std::string& article_id, const Projection& projection);

// The SQL scripts of the schema: the full current one, and the step from version-1 to version (the step to 3
// also rebuilds the search index from the tables, which Archive::open does after the script).
const char* schema_sql();
const char* migration_sql(int version);

}  // namespace pubforge::archive
