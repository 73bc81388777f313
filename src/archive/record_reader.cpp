// Rebuilds an article record from the archive's tables, the inverse of record_writer.cpp.
#include <sstream>

#include "pubforge/core/error.hpp"
#include "record_tables.hpp"

namespace pubforge::archive::detail {
namespace {

void put(nlohmann::json& object, const char* path, nlohmann::json value) {
    std::stringstream in(path);
    std::string part;
    std::vector<std::string> parts;
    while (std::getline(in, part, '/')) parts.push_back(part);
    nlohmann::json* target = &object;
    for (size_t i = 0; i + 1 < parts.size(); ++i) target = &(*target)[parts[i]];
    (*target)[parts.back()] = std::move(value);
}

bool stored(const Column& column) { return column.kind != Kind::Derived; }

}  // namespace

RecordReader::RecordReader(Database& db) : db_(db) {}

std::string RecordReader::select_sql(const TableSpec& spec) {
    std::string sql = "SELECT ";
    if (spec.scalar_column) sql += spec.scalar_column;
    else {
        for (const Column& column : spec.columns)
            if (stored(column)) sql += std::string(column.name) + ", ";
        sql += spec.has_position ? "position, extra" : "NULL, extra";
    }
    sql += std::string(" FROM ") + spec.table + " WHERE ";
    bool first = true;
    for (const char* key : spec.keys) {
        sql += std::string(first ? "" : " AND ") + key + " = ?";
        first = false;
    }
    for (const auto& [column, value] : spec.fixed) sql += std::string(" AND ") + column + " = '" + value + "'";
    if (spec.keys.empty()) sql += std::string(spec.columns.front().name) + " = ?";
    return sql + " ORDER BY " + spec.order_by;
}

nlohmann::json RecordReader::read_image(const std::string& sha256) {
    Statement& select = db_.cached("SELECT format, width, height, bytes FROM images WHERE sha256 = ?");
    select.bind(1, sha256);
    if (!select.step()) {
        select.reset();
        throw Error("archive.corrupt", "image " + sha256 + " is referenced but has no row in images", true);
    }
    nlohmann::json image = {{"sha256", sha256},
                            {"format", select.column_json(0)},
                            {"width", select.column_json(1)},
                            {"height", select.column_json(2)},
                            {"bytes", select.column_json(3)}};
    select.reset();
    return image;
}

std::vector<nlohmann::json> RecordReader::read_rows(const TableSpec& spec,
                                                    const std::map<std::string, nlohmann::json>& keys) {
    Statement& select = db_.cached(select_sql(spec));  // prepared once per connection
    int index = 1;
    for (const char* key : spec.keys) select.bind(index++, keys.count(key) ? keys.at(key) : nlohmann::json(""));
    if (spec.keys.empty()) select.bind(1, keys.at("id"));

    // Rows are collected first: reading children reuses statements, and a
    // statement cannot be stepped by two readers at once.
    struct Pending {
        nlohmann::json row;
        std::map<std::string, nlohmann::json> child_keys;
    };
    std::vector<Pending> pending;
    std::vector<nlohmann::json> images;
    while (select.step()) {
        if (spec.scalar_column) {
            pending.push_back({select.column_json(0), {}});
            continue;
        }
        const int extra_column = select.column_count() - 1;
        nlohmann::json row = select.is_null(extra_column) ? nlohmann::json::object()
                                                          : nlohmann::json::parse(select.column_text(extra_column));
        std::map<std::string, nlohmann::json> child_keys = keys;
        int column_index = 0;
        for (const Column& column : spec.columns) {
            if (!stored(column)) continue;
            const nlohmann::json value = select.column_json(column_index++);
            if (spec.child_key_from && std::string(column.name) == spec.child_key_from) child_keys[spec.child_key_as] = value;
            if (value.is_null()) continue;
            switch (column.kind) {
                case Kind::Boolean: put(row, column.path, value.get<std::int64_t>() != 0); break;
                case Kind::Json: put(row, column.path, nlohmann::json::parse(value.get<std::string>())); break;
                case Kind::Image: put(row, column.path, read_image(value.get<std::string>())); break;
                default: put(row, column.path, value);
            }
        }
        if (spec.child_key_from && std::string(spec.child_key_from) == "position")
            child_keys[spec.child_key_as] = select.column_json(column_index);
        pending.push_back({std::move(row), std::move(child_keys)});
    }
    select.reset();

    std::vector<nlohmann::json> rows;
    for (Pending& item : pending) {
        for (const TableSpec* child : spec.children) {
            if (tables_ && !tables_->count(child->table)) continue;  // a projection: the table is never read
            std::vector<nlohmann::json> child_rows = read_rows(*child, item.child_keys);
            if (!child_rows.empty()) item.row[child->array] = std::move(child_rows);
        }
        rows.push_back(std::move(item.row));
    }
    return rows;
}

std::optional<Record> RecordReader::read(const std::string& article_id, const std::set<std::string>* tables) {
    tables_ = tables;
    std::vector<nlohmann::json> rows = read_rows(article_spec(), {{"id", article_id}});
    tables_ = nullptr;
    if (rows.empty()) return std::nullopt;
    return std::move(rows.front());
}

}  // namespace pubforge::archive::detail
