// In-memory article source and the FTS5 matching it shares with the archive's semantics.
#include "pubforge/export/source.hpp"

#include <sqlite3.h>

#include <memory>

#include "pubforge/core/error.hpp"
#include "pubforge/core/jsonl.hpp"

namespace pubforge::exporter {
namespace {

void append(std::string& out, const nlohmann::json& value) {
    if (value.is_string() && !value.get_ref<const std::string&>().empty()) {
        if (!out.empty()) out += '\n';
        out += value.get_ref<const std::string&>();
    }
}

}  // namespace

std::string searchable_text(const Record& record) {
    std::string text;
    append(text, record.value("title", nlohmann::json()));
    append(text, record.value("abstract", nlohmann::json()));
    for (const auto& figure : record.value("figures", nlohmann::json::array()))
        if (figure.contains("caption") && figure["caption"].is_object()) append(text, figure["caption"].value("text", nlohmann::json()));
    for (const auto& section : record.value("sections", nlohmann::json::array())) {
        append(text, section.value("title", nlohmann::json()));
        for (const auto& paragraph : section.value("paragraphs", nlohmann::json::array()))
            append(text, paragraph.value("text", nlohmann::json()));
    }
    return text;
}

std::set<std::string> match_documents(const std::vector<std::pair<std::string, std::string>>& documents,
                                      const std::string& fts_query) {
    sqlite3* raw = nullptr;
    if (sqlite3_open(":memory:", &raw) != SQLITE_OK) throw Error("sqlite.open", "cannot open an in-memory database", true);
    std::unique_ptr<sqlite3, decltype(&sqlite3_close)> db(raw, &sqlite3_close);
    auto exec = [&](const char* sql) {
        if (sqlite3_exec(db.get(), sql, nullptr, nullptr, nullptr) != SQLITE_OK)
            throw Error("sqlite.exec", sqlite3_errmsg(db.get()), true);
    };
    exec("CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, text)");
    auto prepare = [&](const char* sql) {
        sqlite3_stmt* statement = nullptr;
        if (sqlite3_prepare_v2(db.get(), sql, -1, &statement, nullptr) != SQLITE_OK)
            throw Error("sqlite.prepare", sqlite3_errmsg(db.get()), true);
        return std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)>(statement, &sqlite3_finalize);
    };
    exec("BEGIN");
    auto insert = prepare("INSERT INTO docs(id, text) VALUES (?, ?)");
    for (const auto& [id, text] : documents) {
        sqlite3_bind_text(insert.get(), 1, id.data(), static_cast<int>(id.size()), SQLITE_TRANSIENT);
        sqlite3_bind_text(insert.get(), 2, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
        sqlite3_step(insert.get());
        sqlite3_reset(insert.get());
    }
    exec("COMMIT");
    auto query = prepare("SELECT id FROM docs WHERE docs MATCH ?");
    sqlite3_bind_text(query.get(), 1, fts_query.data(), static_cast<int>(fts_query.size()), SQLITE_TRANSIENT);
    std::set<std::string> ids;
    int rc;
    while ((rc = sqlite3_step(query.get())) == SQLITE_ROW)
        ids.insert(reinterpret_cast<const char*>(sqlite3_column_text(query.get(), 0)));
    if (rc != SQLITE_DONE) throw UsageError("--query: " + std::string(sqlite3_errmsg(db.get())));
    return ids;
}

RecordSource::RecordSource(std::vector<Record> records) {
    for (auto& record : records) {
        const std::string id = record.value("id", "");
        if (id.empty()) throw Error("record.invalid", "an article record has no id");
        // Loading the same article twice replaces it, as the archive does.
        records_[id] = std::move(record);
    }
}

RecordSource RecordSource::from_jsonl(const std::string& path) {
    JsonlReader reader(path);
    std::vector<Record> records;
    nlohmann::json record;
    while (reader.next(record)) records.push_back(std::move(record));
    return RecordSource(std::move(records));
}

std::vector<std::string> RecordSource::article_ids() const {
    std::vector<std::string> ids;
    for (const auto& entry : records_) ids.push_back(entry.first);
    return ids;
}

Record RecordSource::load(const std::string& id) const {
    const auto it = records_.find(id);
    if (it == records_.end()) throw Error("export.unknown-article", "no article " + id);
    return it->second;
}

std::set<std::string> RecordSource::match(const std::string& fts_query) const {
    std::vector<std::pair<std::string, std::string>> documents;
    for (const auto& [id, record] : records_) documents.emplace_back(id, searchable_text(record));
    return match_documents(documents, fts_query);
}

std::unique_ptr<ArticleSource> open_source(const std::string& db_path, const std::string& records_path) {
    if (db_path.empty() == records_path.empty()) throw UsageError("give exactly one of --db ARCHIVE or --records FILE.jsonl");
    if (!records_path.empty()) return std::make_unique<RecordSource>(RecordSource::from_jsonl(records_path));
    return open_archive_source(db_path);
}

nlohmann::json RecordSource::provenance() const {
    return {{"source", "records"}, {"articles", records_.size()}};
}

}  // namespace pubforge::exporter
