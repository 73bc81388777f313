// How an article record maps onto the archive's tables: one declarative spec drives both the writer and the reader.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "pubforge/archive/sqlite.hpp"
#include "pubforge/core/record.hpp"

namespace pubforge::archive::detail {

// How a record field is stored in its column. A field goes into its column only
// when it has a non-null value of this kind; otherwise it stays in the row's `extra`
// JSON, which is what makes the round trip exact (absent vs null vs empty).
enum class Kind {
    Text,
    Integer,
    Boolean,   // stored 0/1
    Number,    // integer or real, kept as written (column declared without a type)
    Json,      // any non-null value, stored as compact JSON text
    Image,     // the schema's image object -> images row + its sha256 here
    Derived,   // computed from the row on insert, never read back
};

struct Column {
    const char* name;
    const char* path;  // field path in the row object, '/' between levels ("caption/text")
    Kind kind;
    nlohmann::json (*derive)(const nlohmann::json& row) = nullptr;
};

struct TableSpec {
    const char* table;
    const char* array;                 // the parent's field holding these rows (nullptr for articles)
    std::vector<const char*> keys;     // key columns filled from the parent (missing -> '')
    std::vector<std::pair<const char*, const char*>> fixed;  // key columns with a constant value
    bool has_position = true;          // rows carry their 0-based index in the array
    const char* scalar_column = nullptr;  // rows are strings stored here, not objects
    std::vector<Column> columns;
    const char* child_key_from = nullptr;  // this table's column whose value children get ...
    const char* child_key_as = nullptr;    // ... under this column name
    std::vector<const TableSpec*> children;
    const char* upsert_key = nullptr;  // rows outlive their article and are replaced by this unique key
    std::vector<const char*> supplied;  // columns the writer fills itself (not record fields, never read back)
    const char* order_by = "position";
};

// The articles table and, below it, every table of the record tree.
const TableSpec& article_spec();

// One full-text document (data/schemas/archive.sql, table `search`). The article's holds its
// title, abstract, every caption and subcaption, and its body, so a query's terms may match across fields; a
// figure's holds its caption and subcaptions in `captions`. Fields are joined by line breaks.
struct SearchDocument {
    const char* kind = "article";  // article | figure
    std::string figure_id;
    std::string title, abstract, captions, body;
};
// The one definition of searchable text (search_text.cpp): the article's document first (when it has any
// text), then one per figure with a caption or subcaption. The writer indexes it and migration 3 rebuilds from it.
std::vector<SearchDocument> search_documents(const Record& record);

// Writes records into the tables (the caller holds the transaction).
class RecordWriter {
public:
    explicit RecordWriter(Database& db);
    // Deletes the article and everything below it (not its responses); true when it existed.
    bool remove(const std::string& article_id);
    void insert(const Record& record, std::int64_t provenance_id);

    // Full-text rows are held back and written by flush_search(), once per transaction:
    // FTS5 writes out its pending terms at every savepoint, so writing them per record
    // (each record has its own savepoint) would cost a segment per record.
    struct SearchMark {
        size_t rows = 0, deletes = 0;
        std::int64_t next_rowid = 0;
    };
    SearchMark search_mark() const { return {pending_search_.size(), pending_deletes_.size(), next_search_rowid_}; }
    // Forgets what was held back since `mark` (the record's savepoint was rolled back).
    void rollback_search(const SearchMark& mark);
    // Writes the held-back deletes and rows; call inside the transaction, before commit.
    void flush_search();
    // Holds back the search documents of an article already in the tables and points its row at them
    // (the migration to version 3 rebuilds the index this way); flush_search() writes them.
    void reindex(const Record& record);

private:
    Statement& statement(const std::string& sql);
    // `keys` holds the parent's key values and, for the articles row, the supplied columns.
    void insert_row(const TableSpec& spec, const nlohmann::json& row, std::map<std::string, nlohmann::json> keys,
                    std::int64_t position);
    // A column path split at '/', computed once per spec column for the life of the writer.
    const std::vector<std::string>& path_parts(const char* path);
    std::string insert_sql(const TableSpec& spec);
    // Stores the image object's row (once per sha256) and returns its sha256; null when
    // `image` is absent or not an image object (it then stays in the row's `extra`).
    nlohmann::json image_sha256(const nlohmann::json* image);
    // Inserts the record's full-text rows; returns their rowid range (nulls when none).
    std::pair<nlohmann::json, nlohmann::json> insert_search_rows(const Record& record);

    struct PendingSearchRow {
        std::int64_t rowid;
        std::string article_id;
        SearchDocument document;
    };
    Database& db_;
    std::vector<PendingSearchRow> pending_search_;
    std::vector<std::pair<std::int64_t, std::int64_t>> pending_deletes_;  // rowid ranges of replaced articles
    std::int64_t first_pending_rowid_ = 0;  // 0: nothing held back, rowids not yet read
    std::int64_t next_search_rowid_ = 0;
    std::map<const TableSpec*, Statement> inserts_;
    std::map<const char*, std::vector<std::string>> paths_;
};

// Rebuilds records from the tables.
class RecordReader {
public:
    explicit RecordReader(Database& db);
    // The whole record, or with `tables` only the article row and the tables named there (and below them).
    std::optional<Record> read(const std::string& article_id, const std::set<std::string>* tables = nullptr);

private:
    nlohmann::json read_image(const std::string& sha256);
    std::vector<nlohmann::json> read_rows(const TableSpec& spec, const std::map<std::string, nlohmann::json>& keys);
    std::string select_sql(const TableSpec& spec);

    Database& db_;
    const std::set<std::string>* tables_ = nullptr;  // of the read in progress; null = every table
};

}  // namespace pubforge::archive::detail
