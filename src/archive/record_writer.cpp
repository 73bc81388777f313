// Writes one article record into the archive's tables, driven by the spec in record_specs.cpp.
#include <algorithm>
#include <cstdint>
#include <iterator>
#include <sstream>

#include "pubforge/core/error.hpp"
#include "record_tables.hpp"

namespace pubforge::archive::detail {
namespace {

std::vector<std::string> split_path(const char* path) {
    std::vector<std::string> parts;
    std::stringstream in(path);
    std::string part;
    while (std::getline(in, part, '/')) parts.push_back(part);
    return parts;
}

bool matches(const nlohmann::json& value, Kind kind) {
    switch (kind) {
        case Kind::Text: return value.is_string();
        case Kind::Integer: return value.is_number_integer();
        case Kind::Boolean: return value.is_boolean();
        case Kind::Number: return value.is_number();
        case Kind::Json: return !value.is_null();
        default: return false;
    }
}

bool is_image(const nlohmann::json& image) {
    if (!image.is_object() || image.size() != 5) return false;
    const auto field = [&](const char* name) { return image.contains(name) ? image[name] : nlohmann::json(); };
    return field("sha256").is_string() && field("sha256").get_ref<const std::string&>().size() == 64 &&
           field("format").is_string() && field("width").is_number_integer() && field("height").is_number_integer() &&
           field("bytes").is_number_integer();
}

using Path = std::vector<std::string>;

// The value at `parts` in `row`, or null when a level is missing or not an object.
const nlohmann::json* find_path(const nlohmann::json& row, const Path& parts) {
    const nlohmann::json* node = &row;
    for (const std::string& part : parts) {
        if (!node->is_object()) return nullptr;
        const auto found = node->find(part);
        if (found == node->end()) return nullptr;
        node = &*found;
    }
    return node;
}

// `node` (an object) without the fields at the `consumed` paths (from level `depth`),
// and without the objects that only held consumed fields: what a row keeps as `extra`.
// Only what stays is copied, so the large arrays that went to child tables never are.
nlohmann::json without(const nlohmann::json& node, const std::vector<const Path*>& consumed, size_t depth) {
    nlohmann::json out = nlohmann::json::object();
    std::vector<const Path*> below;
    for (auto field = node.begin(); field != node.end(); ++field) {
        below.clear();
        bool whole = false;
        for (const Path* path : consumed)
            if ((*path)[depth] == field.key()) {
                if (path->size() == depth + 1) whole = true;
                else below.push_back(path);
            }
        if (whole) continue;
        if (below.empty()) {
            out[field.key()] = field.value();
            continue;
        }
        nlohmann::json rest = without(field.value(), below, depth + 1);
        if (!rest.empty()) out[field.key()] = std::move(rest);
    }
    return out;
}

// An array becomes rows only when it is non-empty and every element has the row
// shape; anything else (an empty array, odd elements) stays in `extra` as written.
bool is_row_array(const nlohmann::json& value, const TableSpec& spec) {
    if (!value.is_array() || value.empty()) return false;
    for (const auto& element : value)
        if (spec.scalar_column ? !element.is_string() : !element.is_object()) return false;
    return true;
}

}  // namespace

RecordWriter::RecordWriter(Database& db) : db_(db) {}

Statement& RecordWriter::statement(const std::string& sql) { return db_.cached(sql); }

const std::vector<std::string>& RecordWriter::path_parts(const char* path) {
    auto found = paths_.find(path);
    if (found == paths_.end()) found = paths_.emplace(path, split_path(path)).first;
    return found->second;
}

std::string RecordWriter::insert_sql(const TableSpec& spec) {
    std::vector<std::string> names(spec.keys.begin(), spec.keys.end());
    names.insert(names.end(), spec.supplied.begin(), spec.supplied.end());
    for (const auto& [column, value] : spec.fixed) names.push_back(column);
    if (spec.has_position) names.push_back("position");
    if (spec.scalar_column) names.push_back(spec.scalar_column);
    for (const Column& column : spec.columns) names.push_back(column.name);
    if (!spec.scalar_column) names.push_back("extra");
    std::string sql = std::string("INSERT INTO ") + spec.table + " (";
    std::string placeholders;
    for (size_t i = 0; i < names.size(); ++i) {
        sql += (i ? ", " : "") + names[i];
        placeholders += i ? ", ?" : "?";
    }
    sql += ") VALUES (" + placeholders + ")";
    if (spec.upsert_key) {
        sql += std::string(" ON CONFLICT(") + spec.upsert_key + ") DO UPDATE SET ";
        bool first = true;
        for (const std::string& name : names)
            if (name != spec.upsert_key) {
                sql += (first ? "" : ", ") + name + " = excluded." + name;
                first = false;
            }
    }
    return sql;
}

nlohmann::json RecordWriter::image_sha256(const nlohmann::json* image) {
    if (!image || !is_image(*image)) return nullptr;
    const nlohmann::json& i = *image;
    statement("INSERT OR IGNORE INTO images (sha256, format, width, height, bytes) VALUES (?, ?, ?, ?, ?)")
        .bind_all(i["sha256"], i["format"], i["width"], i["height"], i["bytes"])
        .run();
    return i["sha256"];
}

void RecordWriter::insert_row(const TableSpec& spec, const nlohmann::json& row,
                              std::map<std::string, nlohmann::json> keys, std::int64_t position) {
    auto found = inserts_.find(&spec);
    if (found == inserts_.end()) found = inserts_.emplace(&spec, db_.prepare(insert_sql(spec))).first;
    Statement& insert = found->second;
    int index = 1;
    for (const char* key : spec.keys) insert.bind(index++, keys.count(key) ? keys[key] : nlohmann::json(""));
    for (const char* name : spec.supplied) {
        const auto found = keys.find(name);
        insert.bind(index++, found == keys.end() ? nlohmann::json() : found->second);
        if (found != keys.end()) keys.erase(found);  // children get their parent's keys only
    }
    for (const auto& [column, value] : spec.fixed) insert.bind(index++, value);
    if (spec.has_position) insert.bind(index++, position);
    if (spec.scalar_column) {
        insert.bind(index++, row).run();
        return;
    }
    // A field lands in its column only when it has the column's kind; the paths that
    // did are left out of `extra`, everything else stays there as written.
    std::vector<const Path*> consumed;
    for (const Column& column : spec.columns) {
        nlohmann::json value;
        if (column.kind == Kind::Derived) {
            value = column.derive(row);
        } else {
            const Path& path = path_parts(column.path);
            const nlohmann::json* field = find_path(row, path);
            if (column.kind == Kind::Image) value = image_sha256(field);
            else if (field && matches(*field, column.kind)) value = column.kind == Kind::Json ? nlohmann::json(field->dump()) : *field;
            if (!value.is_null()) consumed.push_back(&path);
        }
        if (spec.child_key_from && std::string(column.name) == spec.child_key_from) keys[spec.child_key_as] = value;
        insert.bind(index++, value);
    }
    if (spec.child_key_from && std::string(spec.child_key_from) == "position") keys[spec.child_key_as] = position;
    std::vector<std::pair<const TableSpec*, const nlohmann::json*>> children;
    for (const TableSpec* child : spec.children) {
        const Path& path = path_parts(child->array);
        const nlohmann::json* rows = find_path(row, path);
        if (!rows || !is_row_array(*rows, *child)) continue;
        children.emplace_back(child, rows);
        consumed.push_back(&path);
    }
    const nlohmann::json rest = without(row, consumed, 0);
    insert.bind(index, rest.empty() ? nlohmann::json() : nlohmann::json(rest.dump())).run();
    for (const auto& [child, rows] : children)
        for (size_t i = 0; i < rows->size(); ++i) insert_row(*child, (*rows)[i], keys, static_cast<std::int64_t>(i));
}

bool RecordWriter::remove(const std::string& article_id) {
    // One statement finds and deletes the article (no SELECT first); its FTS rows
    // are deleted only when it existed.
    Statement& remove = statement("DELETE FROM articles WHERE id = ? RETURNING search_first, search_last");
    remove.bind(1, article_id);
    if (!remove.step()) {
        remove.reset();
        return false;
    }
    const nlohmann::json first = remove.column_json(0), last = remove.column_json(1);
    while (remove.step()) {
    }
    remove.reset();
    if (first.is_number_integer() && last.is_number_integer())
        pending_deletes_.emplace_back(first.get<std::int64_t>(), last.get<std::int64_t>());
    return true;
}

std::pair<nlohmann::json, nlohmann::json> RecordWriter::insert_search_rows(const Record& record) {
    if (!first_pending_rowid_) {
        // Rowids are given explicitly so the article row can hold its range before the rows exist.
        Statement& max = statement("SELECT coalesce(max(rowid), 0) FROM search");
        max.step();
        first_pending_rowid_ = next_search_rowid_ = max.column_json(0).get<std::int64_t>() + 1;
        max.reset();
    }
    std::vector<SearchDocument> documents = search_documents(record);
    if (documents.empty()) return {nullptr, nullptr};
    const std::int64_t first = next_search_rowid_;
    const std::string& id = record["id"].get_ref<const std::string&>();
    for (SearchDocument& document : documents)
        pending_search_.push_back({next_search_rowid_++, id, std::move(document)});
    return {first, next_search_rowid_ - 1};
}

void RecordWriter::reindex(const Record& record) {
    const auto [first, last] = insert_search_rows(record);
    statement("UPDATE articles SET search_first = ?, search_last = ? WHERE id = ?").bind_all(first, last, record["id"]).run();
}

void RecordWriter::rollback_search(const SearchMark& mark) {
    pending_search_.resize(std::min(pending_search_.size(), mark.rows));
    pending_deletes_.resize(std::min(pending_deletes_.size(), mark.deletes));
    next_search_rowid_ = mark.next_rowid;
    if (!mark.next_rowid) first_pending_rowid_ = 0;
}

void RecordWriter::flush_search() {
    // Ranges below the held-back rowids are rows written by earlier transactions; the
    // others name held-back rows of an article replaced within this one, never written.
    std::vector<std::pair<std::int64_t, std::int64_t>> replaced;
    for (const auto& range : pending_deletes_) {
        if (first_pending_rowid_ && range.first >= first_pending_rowid_) replaced.push_back(range);
        else statement("DELETE FROM search WHERE rowid BETWEEN ? AND ?").bind_all(range.first, range.second).run();
    }
    std::sort(replaced.begin(), replaced.end());
    const auto is_replaced = [&](std::int64_t rowid) {
        auto after = std::upper_bound(replaced.begin(), replaced.end(), std::make_pair(rowid, INT64_MAX));
        return after != replaced.begin() && std::prev(after)->second >= rowid;
    };
    Statement& add = statement(
        "INSERT INTO search (rowid, title, abstract, captions, body, kind, article_id, figure_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    const auto text = [](const std::string& value) { return value.empty() ? nlohmann::json() : nlohmann::json(value); };
    for (const PendingSearchRow& row : pending_search_) {
        if (is_replaced(row.rowid)) continue;
        const SearchDocument& document = row.document;
        add.bind(1, row.rowid).bind(2, text(document.title)).bind(3, text(document.abstract)).bind(4, text(document.captions));
        add.bind(5, text(document.body)).bind(6, document.kind).bind(7, row.article_id).bind(8, document.figure_id).run();
    }
    pending_search_.clear();
    pending_deletes_.clear();
    first_pending_rowid_ = next_search_rowid_ = 0;
}

void RecordWriter::insert(const Record& record, std::int64_t provenance_id) {
    // The FTS rows go first so the article row is written once, with their rowid range.
    auto [search_first, search_last] = insert_search_rows(record);
    insert_row(article_spec(), record,
               {{"provenance_id", provenance_id}, {"search_first", std::move(search_first)},
                {"search_last", std::move(search_last)}},
               0);
    const std::string& id = record["id"].get_ref<const std::string&>();
    if (record.contains("ids") && record["ids"].is_object())
        for (const auto& [kind, value] : record["ids"].items())
            if (value.is_string())
                statement("INSERT INTO identifiers (article_id, kind, value) VALUES (?, ?, ?)").bind_all(id, kind, value).run();
}

}  // namespace pubforge::archive::detail
