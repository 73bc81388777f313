// Writes one article record into the archive's tables, driven by the spec in record_specs.cpp.
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

// Moves the value at the path `parts` out of `rest` when `accept` says so, dropping
// parent objects the move left empty; returns null when the value stays.
template <typename Accept>
nlohmann::json take(nlohmann::json& rest, const std::vector<std::string>& parts, Accept accept) {
    nlohmann::json* chain[8] = {&rest};  // record paths are at most a few levels deep
    size_t depth = 1;
    for (size_t i = 0; i + 1 < parts.size() && depth < 8; ++i) {
        nlohmann::json& parent = *chain[depth - 1];
        if (!parent.is_object()) return nullptr;
        const auto found = parent.find(parts[i]);
        if (found == parent.end() || !found->is_object()) return nullptr;
        chain[depth++] = &*found;
    }
    if (depth != parts.size()) return nullptr;
    nlohmann::json& parent = *chain[depth - 1];
    if (!parent.is_object()) return nullptr;
    const auto found = parent.find(parts.back());
    if (found == parent.end() || !accept(*found)) return nullptr;
    nlohmann::json value = std::move(*found);
    parent.erase(found);
    for (size_t i = depth - 1; i > 0 && chain[i]->empty(); --i) chain[i - 1]->erase(parts[i - 1]);
    return value;
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

nlohmann::json RecordWriter::take_image(nlohmann::json& rest, const char* path) {
    nlohmann::json image = take(rest, path_parts(path), is_image);
    if (image.is_null()) return nullptr;
    statement("INSERT OR IGNORE INTO images (sha256, format, width, height, bytes) VALUES (?, ?, ?, ?, ?)")
        .bind_all(image["sha256"], image["format"], image["width"], image["height"], image["bytes"])
        .run();
    return image["sha256"];
}

void RecordWriter::insert_row(const TableSpec& spec, nlohmann::json row, std::map<std::string, nlohmann::json> keys,
                              std::int64_t position) {
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
    // Derived values come from the row as given, before fields are moved out of it.
    std::vector<nlohmann::json> derived;
    for (const Column& column : spec.columns)
        if (column.kind == Kind::Derived) derived.push_back(column.derive(row));
    nlohmann::json& rest = row;  // fields are moved out as they land in columns; what remains is `extra`
    size_t next_derived = 0;
    for (const Column& column : spec.columns) {
        nlohmann::json value;
        if (column.kind == Kind::Derived) value = std::move(derived[next_derived++]);
        else if (column.kind == Kind::Image) value = take_image(rest, column.path);
        else value = take(rest, path_parts(column.path), [&](const nlohmann::json& v) { return matches(v, column.kind); });
        if (column.kind == Kind::Json && !value.is_null()) value = value.dump();
        if (spec.child_key_from && std::string(column.name) == spec.child_key_from) keys[spec.child_key_as] = value;
        insert.bind(index++, value);
    }
    if (spec.child_key_from && std::string(spec.child_key_from) == "position") keys[spec.child_key_as] = position;
    std::vector<std::pair<const TableSpec*, nlohmann::json>> children;
    for (const TableSpec* child : spec.children) {
        nlohmann::json rows =
            take(rest, path_parts(child->array), [&](const nlohmann::json& v) { return is_row_array(v, *child); });
        if (!rows.is_null()) children.emplace_back(child, std::move(rows));
    }
    insert.bind(index, rest.empty() ? nlohmann::json() : nlohmann::json(rest.dump())).run();
    for (auto& [child, rows] : children)
        for (size_t i = 0; i < rows.size(); ++i) insert_row(*child, std::move(rows[i]), keys, static_cast<std::int64_t>(i));
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
    if (!first.is_null())
        statement("DELETE FROM search WHERE rowid BETWEEN ? AND ?").bind_all(first, last).run();
    return true;
}

std::pair<nlohmann::json, nlohmann::json> RecordWriter::insert_search_rows(const Record& record) {
    const std::string& id = record["id"].get_ref<const std::string&>();
    Statement& add = statement("INSERT INTO search (text, kind, article_id, figure_id) VALUES (?, ?, ?, ?)");
    std::int64_t first = 0, last = 0;
    const auto add_text = [&](const nlohmann::json* text, const char* kind, const nlohmann::json* figure_id) {
        if (!text || !text->is_string() || text->get_ref<const std::string&>().empty()) return;
        add.bind(1, text->get_ref<const std::string&>()).bind(2, kind).bind(3, id);
        add.bind(4, figure_id && figure_id->is_string() ? figure_id->get_ref<const std::string&>() : std::string()).run();
        last = db_.last_insert_rowid();
        if (!first) first = last;
    };
    const auto field = [](const nlohmann::json& object, const char* name) -> const nlohmann::json* {
        if (!object.is_object()) return nullptr;
        const auto found = object.find(name);
        return found == object.end() ? nullptr : &*found;
    };
    add_text(field(record, "title"), "title", nullptr);
    add_text(field(record, "abstract"), "abstract", nullptr);
    for (const auto& figure : record["figures"]) {
        const nlohmann::json* figure_id = field(figure, "id");
        const nlohmann::json* caption = field(figure, "caption");
        if (caption) add_text(field(*caption, "text"), "caption", figure_id);
        if (const nlohmann::json* subcaptions = field(figure, "subcaptions"); subcaptions && subcaptions->is_array())
            for (const auto& subcaption : *subcaptions) add_text(field(subcaption, "text"), "subcaption", figure_id);
    }
    std::string body;
    if (const nlohmann::json* sections = field(record, "sections"); sections && sections->is_array())
        for (const auto& section : *sections)
            if (const nlohmann::json* paragraphs = field(section, "paragraphs"); paragraphs && paragraphs->is_array())
                for (const auto& paragraph : *paragraphs)
                    if (const nlohmann::json* text = field(paragraph, "text"); text && text->is_string()) {
                        if (!body.empty()) body += '\n';
                        body += text->get_ref<const std::string&>();
                    }
    const nlohmann::json body_text = std::move(body);
    add_text(&body_text, "body", nullptr);
    return {first ? nlohmann::json(first) : nlohmann::json(), last ? nlohmann::json(last) : nlohmann::json()};
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
