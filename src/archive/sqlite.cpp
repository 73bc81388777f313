// RAII wrappers over the SQLite C API, with SQLite result codes mapped to pubforge error codes.
#include "pubforge/archive/sqlite.hpp"

#include <sqlite3.h>

#include "pubforge/core/error.hpp"

namespace pubforge::archive {

void throw_sqlite_error(sqlite3* db, int code, const std::string& context) {
    const std::string detail = db ? sqlite3_errmsg(db) : sqlite3_errstr(code);
    switch (code & 0xff) {
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            throw Error("archive.busy", context + ": the archive is locked by another process (" + detail + ")", true);
        case SQLITE_NOTADB:
        case SQLITE_CORRUPT:
            throw Error("archive.corrupt", context + ": not a valid SQLite archive (" + detail + ")", true);
        case SQLITE_CONSTRAINT:
            throw Error("archive.constraint", context + ": " + detail);
        default:
            throw Error("archive.sqlite", context + ": " + detail, true);
    }
}

Statement::Statement(sqlite3* db, const std::string& sql) : db_(db), sql_(sql) {
    const int rc = sqlite3_prepare_v3(db, sql.c_str(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                      &statement_, nullptr);
    if (rc != SQLITE_OK) throw_sqlite_error(db, rc, "preparing `" + sql.substr(0, 80) + "`");
}

Statement::~Statement() { sqlite3_finalize(statement_); }

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_), statement_(other.statement_), sql_(std::move(other.sql_)) {
    other.statement_ = nullptr;
}

Statement& Statement::operator=(Statement&& other) noexcept {
    if (this != &other) {
        sqlite3_finalize(statement_);
        db_ = other.db_;
        statement_ = other.statement_;
        sql_ = std::move(other.sql_);
        other.statement_ = nullptr;
    }
    return *this;
}

namespace {
void check_bind(sqlite3* db, int rc, const std::string& sql) {
    if (rc != SQLITE_OK) throw_sqlite_error(db, rc, "binding a parameter of `" + sql.substr(0, 80) + "`");
}
}  // namespace

Statement& Statement::bind(int index, std::nullptr_t) {
    check_bind(db_, sqlite3_bind_null(statement_, index), sql_);
    return *this;
}

Statement& Statement::bind(int index, std::int64_t value) {
    check_bind(db_, sqlite3_bind_int64(statement_, index, value), sql_);
    return *this;
}

Statement& Statement::bind(int index, double value) {
    check_bind(db_, sqlite3_bind_double(statement_, index, value), sql_);
    return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
    check_bind(db_, sqlite3_bind_text64(statement_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8),
               sql_);
    return *this;
}

Statement& Statement::bind(int index, const nlohmann::json& value) {
    switch (value.type()) {
        case nlohmann::json::value_t::null: return bind(index, nullptr);
        case nlohmann::json::value_t::boolean: return bind(index, std::int64_t{value.get<bool>() ? 1 : 0});
        case nlohmann::json::value_t::number_integer: return bind(index, value.get<std::int64_t>());
        case nlohmann::json::value_t::number_unsigned: return bind(index, static_cast<std::int64_t>(value.get<std::uint64_t>()));
        case nlohmann::json::value_t::number_float: return bind(index, value.get<double>());
        case nlohmann::json::value_t::string: return bind(index, std::string_view(value.get_ref<const std::string&>()));
        default: return bind(index, value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    }
}

bool Statement::step() {
    const int rc = sqlite3_step(statement_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    sqlite3_reset(statement_);
    throw_sqlite_error(db_, rc, "running `" + sql_.substr(0, 80) + "`");
}

void Statement::run() {
    while (step()) {
    }
    reset();
}

void Statement::reset() {
    sqlite3_reset(statement_);
    sqlite3_clear_bindings(statement_);
}

int Statement::column_count() const { return sqlite3_column_count(statement_); }
std::string Statement::column_name(int column) const { return sqlite3_column_name(statement_, column); }
bool Statement::is_null(int column) const { return sqlite3_column_type(statement_, column) == SQLITE_NULL; }
std::int64_t Statement::column_int(int column) const { return sqlite3_column_int64(statement_, column); }
double Statement::column_double(int column) const { return sqlite3_column_double(statement_, column); }

std::string Statement::column_text(int column) const {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement_, column));
    return text ? std::string(text, static_cast<size_t>(sqlite3_column_bytes(statement_, column))) : std::string();
}

nlohmann::json Statement::column_json(int column) const {
    switch (sqlite3_column_type(statement_, column)) {
        case SQLITE_NULL: return nullptr;
        case SQLITE_INTEGER: return column_int(column);
        case SQLITE_FLOAT: return column_double(column);
        default: return column_text(column);
    }
}

Database::Database(const std::string& path, Mode mode, int busy_timeout_ms) : path_(path) {
    const int flags = mode == Mode::ReadOnly   ? SQLITE_OPEN_READONLY
                      : mode == Mode::ReadWrite ? SQLITE_OPEN_READWRITE
                                                : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    const int rc = sqlite3_open_v2(path.c_str(), &db_, flags | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        const std::string detail = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
        sqlite3_close(db_);
        db_ = nullptr;
        throw Error("archive.open", "cannot open the archive " + path + ": " + detail, true);
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, busy_timeout_ms);
    exec("PRAGMA foreign_keys = ON");
}

Database::~Database() {
    cache_.clear();  // statements are finalised before the connection closes
    sqlite3_close_v2(db_);
}

Database::Database(Database&& other) noexcept
    : db_(other.db_), path_(std::move(other.path_)), cache_(std::move(other.cache_)) {
    other.db_ = nullptr;
}

Database& Database::operator=(Database&& other) noexcept {
    if (this != &other) {
        cache_.clear();
        sqlite3_close_v2(db_);
        db_ = other.db_;
        path_ = std::move(other.path_);
        cache_ = std::move(other.cache_);
        other.db_ = nullptr;
    }
    return *this;
}

Statement& Database::cached(const std::string& sql) {
    auto found = cache_.find(sql);
    if (found == cache_.end()) found = cache_.emplace(sql, std::make_unique<Statement>(db_, sql)).first;
    return *found->second;
}

void Database::exec(const std::string& sql) {
    char* message = nullptr;
    const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
        sqlite3_free(message);
        throw_sqlite_error(db_, rc, path_ + ": `" + sql.substr(0, 80) + "`");
    }
}

nlohmann::json Database::scalar(const std::string& sql) const {
    Statement statement = prepare(sql);
    return statement.step() ? statement.column_json(0) : nlohmann::json();
}

std::int64_t Database::last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }
int Database::changes() const { return sqlite3_changes(db_); }

int Database::user_version() const { return static_cast<int>(scalar("PRAGMA user_version").get<std::int64_t>()); }

bool Database::read_only() const { return sqlite3_db_readonly(db_, "main") == 1; }

void Database::set_user_version(int version) { exec("PRAGMA user_version = " + std::to_string(version)); }

Transaction::Transaction(Database& db, Kind kind) : db_(db) {
    db_.exec(kind == Kind::Immediate ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
}

Transaction::~Transaction() {
    if (!open_) return;
    try {
        db_.exec("ROLLBACK");
    } catch (const Error&) {
        // Rolling back after a failed statement may find no transaction left; nothing to undo then.
    }
}

void Transaction::commit() {
    db_.exec("COMMIT");
    open_ = false;
}

// Savepoints run once per record in a load, so their statements are cached rather than re-parsed.
Savepoint::Savepoint(Database& db, std::string name) : db_(db), name_(std::move(name)) {
    db_.cached("SAVEPOINT " + name_).run();
}

Savepoint::~Savepoint() {
    if (!open_) return;
    try {
        db_.cached("ROLLBACK TO " + name_).run();
        db_.cached("RELEASE " + name_).run();
    } catch (const Error&) {
        // The enclosing transaction is gone already; its own rollback covers this savepoint.
    }
}

void Savepoint::release() {
    db_.cached("RELEASE " + name_).run();
    open_ = false;
}

}  // namespace pubforge::archive
