// A small RAII layer over the SQLite C API (Database, Statement, Transaction) shared by every module that reads or writes the archive.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

struct sqlite3;
struct sqlite3_stmt;

namespace pubforge::archive {

// SQLite failures become pubforge::Error with these codes, so callers can tell a
// document-level problem (a constraint) from a run-level one (busy, corrupt, I/O):
//   archive.busy        another process holds the write lock past the busy timeout (fatal)
//   archive.corrupt     not a database, or a damaged one (fatal)
//   archive.constraint  a UNIQUE / FOREIGN KEY / NOT NULL constraint failed (not fatal)
//   archive.sqlite      anything else (fatal)
[[noreturn]] void throw_sqlite_error(sqlite3* db, int code, const std::string& context);

class Statement {
public:
    Statement(sqlite3* db, const std::string& sql);
    ~Statement();
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    // Parameters are 1-based, as in SQLite. bind(i, json) maps null -> NULL, booleans
    // -> 0/1, integers and reals keep their storage class, strings -> TEXT, and
    // arrays / objects -> their compact JSON text.
    Statement& bind(int index, std::nullptr_t);
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view value);
    Statement& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
    Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
    Statement& bind(int index, const nlohmann::json& value);

    // Binds every argument in order from parameter 1.
    template <typename... Args>
    Statement& bind_all(const Args&... args) {
        int index = 1;
        (bind(index++, args), ...);
        return *this;
    }

    // Advances to the next row: true while a row is available, false when done.
    bool step();
    // Steps until done (for INSERT / UPDATE / DELETE), then resets for reuse.
    void run();
    // Resets the statement and clears its bindings so it can be run again.
    void reset();

    int column_count() const;
    std::string column_name(int column) const;
    bool is_null(int column) const;
    std::int64_t column_int(int column) const;
    double column_double(int column) const;
    std::string column_text(int column) const;
    // The value with its storage class: NULL -> null, INTEGER -> integer,
    // REAL -> float, TEXT / BLOB -> string.
    nlohmann::json column_json(int column) const;

private:
    sqlite3* db_ = nullptr;
    sqlite3_stmt* statement_ = nullptr;
    std::string sql_;
};

class Database {
public:
    enum class Mode { ReadOnly, ReadWrite, Create };

    // Opens the file with foreign keys on and the given busy timeout. No pragma
    // that writes is issued here, so opening a file that is not a database
    // leaves it untouched (the first read then throws archive.corrupt).
    Database(const std::string& path, Mode mode, int busy_timeout_ms = 10000);
    ~Database();
    Database(Database&& other) noexcept;
    Database& operator=(Database&& other) noexcept;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    // Runs one or more statements separated by ';' (schema scripts, pragmas).
    void exec(const std::string& sql);
    Statement prepare(const std::string& sql) const { return Statement(db_, sql); }
    // A statement prepared once per connection and kept: for hot paths that run the
    // same SQL per row. Callers leave it reset (run(), or reset() after stepping).
    Statement& cached(const std::string& sql);
    // The first column of the first row of a query, as JSON (null when no row).
    nlohmann::json scalar(const std::string& sql) const;

    std::int64_t last_insert_rowid() const;
    int changes() const;
    int user_version() const;
    bool read_only() const;
    void set_user_version(int version);

    const std::string& path() const { return path_; }
    sqlite3* handle() const { return db_; }

private:
    sqlite3* db_ = nullptr;
    std::string path_;
    std::map<std::string, std::unique_ptr<Statement>> cache_;
};

// BEGIN IMMEDIATE (or DEFERRED for readers) on construction; ROLLBACK on
// destruction unless commit() ran, so an exception never leaves half a batch.
class Transaction {
public:
    enum class Kind { Deferred, Immediate };
    explicit Transaction(Database& db, Kind kind = Kind::Immediate);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    Database& db_;
    bool open_ = true;
};

// A named SAVEPOINT inside a transaction: release() keeps its changes, the
// destructor otherwise rolls back to it (one bad record, not the whole batch).
class Savepoint {
public:
    Savepoint(Database& db, std::string name);
    ~Savepoint();
    Savepoint(const Savepoint&) = delete;
    Savepoint& operator=(const Savepoint&) = delete;
    void release();

private:
    Database& db_;
    std::string name_;
    bool open_ = true;
};

}  // namespace pubforge::archive
