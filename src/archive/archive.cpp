// Opening an archive: refuse non-SQLite files untouched, create the schema, apply forward migrations.
#include "pubforge/archive/archive.hpp"

#include <filesystem>
#include <iterator>
#include <fstream>
#include <set>

#include "pubforge/core/error.hpp"
#include "record_tables.hpp"

namespace pubforge::embedded {
extern const char* const archive_schema_sql;  // data/schemas/archive.sql, embedded by cmake/Embed.cmake
}

namespace pubforge::archive {
namespace fs = std::filesystem;

namespace {

// Version 1 had neither the responses table nor figures.caption_chars; this step
// adds both and fills caption_chars for the figures already there.
constexpr const char* kMigrationTo2 = R"SQL(
ALTER TABLE figures ADD COLUMN caption_chars INTEGER;
UPDATE figures SET caption_chars = length(CAST(caption_text AS BLOB)) WHERE caption_text IS NOT NULL;
CREATE INDEX figures_caption_chars ON figures(caption_chars);
CREATE TABLE responses (
  id INTEGER PRIMARY KEY,
  custom_id TEXT NOT NULL UNIQUE,
  article_id TEXT NOT NULL REFERENCES articles(id) DEFERRABLE INITIALLY DEFERRED,
  figure_id TEXT,
  subfigure_id TEXT,
  task TEXT,
  model TEXT,
  payload TEXT,
  status TEXT,
  extra TEXT
);
CREATE INDEX responses_article ON responses(article_id, figure_id);
CREATE INDEX responses_task ON responses(task, status);
)SQL";

// Version 2 indexed each title, abstract, caption, subcaption and body as a row of its own, so a query could not
// match across them; version 3 has one document per article and one per figure (search_text.cpp), rebuilt here
// from the records the tables hold.
constexpr const char* kMigrationTo3 = R"SQL(
DROP TABLE search;
CREATE VIRTUAL TABLE search USING fts5(
  title, abstract, captions, body,
  kind UNINDEXED,
  article_id UNINDEXED,
  figure_id UNINDEXED,
  tokenize = 'unicode61 remove_diacritics 2'
);
UPDATE articles SET search_first = NULL, search_last = NULL;
)SQL";

void rebuild_search(Database& db) {
    std::vector<std::string> ids;
    Statement select = db.prepare("SELECT id FROM articles ORDER BY id");
    while (select.step()) ids.push_back(select.column_text(0));
    detail::RecordReader reader(db);
    detail::RecordWriter writer(db);
    // Only what the search documents hold (search_text.cpp): captions, subcaptions, paragraphs.
    static const std::set<std::string> searched = {"figures", "subcaptions", "sections", "paragraphs"};
    for (const std::string& id : ids)
        if (const auto record = reader.read(id, &searched)) writer.reindex(*record);
    writer.flush_search();
}

// Migration to version N: kMigrations[N - 2], its SQL and the rebuild it needs (if any) once the SQL has run.
struct Migration {
    const char* sql;
    void (*after)(Database&);
};
const Migration kMigrations[] = {{kMigrationTo2, nullptr}, {kMigrationTo3, rebuild_search}};
static_assert(std::size(kMigrations) == kSchemaVersion - 1, "one migration to each schema version after 1");

// An existing non-empty file must start with the SQLite header; checked before
// SQLite touches it, so a wrong path never gets a -wal file or a rewritten header.
void require_sqlite_header(const std::string& path) {
    std::error_code ec;
    if (!fs::exists(path, ec) || fs::file_size(path, ec) == 0) return;
    std::ifstream in(path, std::ios::binary);
    char header[16] = {};
    in.read(header, sizeof header);
    if (in.gcount() != sizeof header || std::string(header, sizeof header) != std::string("SQLite format 3\0", 16))
        throw Error("archive.corrupt", path + " is not an SQLite database (left untouched)", true);
}

void create_or_migrate(Database& db) {
    Transaction transaction(db);
    const int version = db.user_version();  // again under the write lock: another process may have won the race
    if (version == 0) {
        if (db.scalar("SELECT count(*) FROM sqlite_master").get<std::int64_t>() > 0)
            throw Error("archive.foreign", db.path() + " is an SQLite database but not a pubforge archive", true);
        db.exec(schema_sql());
    } else {
        for (int step = version + 1; step <= kSchemaVersion; ++step) {
            const Migration& migration = kMigrations[step - 2];
            db.exec(migration.sql);
            if (migration.after) migration.after(db);
        }
    }
    db.set_user_version(kSchemaVersion);
    transaction.commit();
}

}  // namespace

const char* schema_sql() { return embedded::archive_schema_sql; }

const char* migration_sql(int version) {
    if (version >= 2 && version <= kSchemaVersion) return kMigrations[version - 2].sql;
    throw Error("archive.schema", "no migration to schema version " + std::to_string(version), true);
}

Archive Archive::open(const std::string& path, Mode mode, int busy_timeout_ms) {
    std::error_code ec;
    if (mode == Mode::ReadOnly && !fs::exists(path, ec))
        throw Error("archive.missing", "no archive at " + path, true);
    require_sqlite_header(path);

    Database db(path, mode == Mode::ReadOnly ? Database::Mode::ReadOnly : Database::Mode::Create, busy_timeout_ms);
    const int version = db.user_version();
    if (version > kSchemaVersion)
        throw Error("archive.too-new",
                    path + " has schema version " + std::to_string(version) + "; this pubforge reads up to " +
                        std::to_string(kSchemaVersion),
                    true);
    if (version < kSchemaVersion) {
        if (mode == Mode::ReadOnly) {
            if (version == 0) throw Error("archive.foreign", path + " is not a pubforge archive", true);
            // Migrations are applied on open whatever the caller's mode, through a writer.
            { Archive writer = open(path, Mode::ReadWrite, busy_timeout_ms); }
            return open(path, Mode::ReadOnly, busy_timeout_ms);
        }
        db.exec("PRAGMA journal_mode = WAL");
        create_or_migrate(db);
    } else if (mode == Mode::ReadWrite) {
        db.exec("PRAGMA journal_mode = WAL");
    }
    // WAL with synchronous=NORMAL stays consistent after a crash (a killed process
    // loses at most the uncommitted batch); only power loss may drop the last commits.
    // A 64 MiB page cache keeps a batch's index pages in memory instead of spilling
    // them to the WAL mid-transaction (the load was write-bound without it).
    db.exec("PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY");
    if (mode == Mode::ReadWrite) db.exec("PRAGMA synchronous = NORMAL");
    return Archive(std::move(db));
}

namespace {

// One consistent view while loaders commit; `tables` limits the child tables read (nullptr: all).
std::optional<Record> read_in_snapshot(Archive& archive, const std::string& article_id,
                                       const std::set<std::string>* tables) {
    Transaction snapshot(archive.db(), Transaction::Kind::Deferred);
    return detail::RecordReader(archive.db()).read(article_id, tables);
}

std::set<std::string> projection_tables(bool mentions, bool responses) {
    std::set<std::string> tables = {"figures", "graphics", "subfigures", "subcaptions", "links", "domains"};
    if (mentions) tables.insert("mentions");
    if (responses) tables.insert("responses");
    return tables;
}

}  // namespace

std::optional<Record> get_record(Archive& archive, const std::string& article_id) {
    return read_in_snapshot(archive, article_id, nullptr);
}

std::optional<Record> get_projection(Archive& archive, const std::string& article_id, const Projection& projection) {
    // The four table sets, built once: exporters ask for one per article.
    static const std::set<std::string> sets[2][2] = {
        {projection_tables(false, false), projection_tables(false, true)},
        {projection_tables(true, false), projection_tables(true, true)}};
    return read_in_snapshot(archive, article_id, &sets[projection.mentions][projection.responses]);
}

}  // namespace pubforge::archive
