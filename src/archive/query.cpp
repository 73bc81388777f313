// Archive search: FTS5 MATCH plus article / figure filters, built as one parameterised SQL statement.
#include "pubforge/archive/query.hpp"

#include <cstdio>

#include "pubforge/core/error.hpp"

namespace pubforge::archive {

nlohmann::json QueryHit::to_json() const {
    nlohmann::json out = {{"article_id", article_id}, {"rank", rank}, {"title", title},
                          {"year", year ? nlohmann::json(*year) : nlohmann::json()},
                          {"journal", journal}, {"license_class", license_class}};
    if (!figure_id.empty()) {
        out["figure_id"] = figure_id;
        out["caption"] = caption;
    }
    return out;
}

namespace {

// Appends "AND column IN (?, ?...)" and collects the values.
void add_in(std::string& sql, std::vector<nlohmann::json>& params, const std::string& column,
            const std::vector<std::string>& values) {
    if (values.empty()) return;
    sql += " AND " + column + " IN (";
    for (size_t i = 0; i < values.size(); ++i) {
        sql += i ? ", ?" : "?";
        params.emplace_back(values[i]);
    }
    sql += ")";
}

}  // namespace

std::vector<QueryHit> query(Archive& archive, const QueryOptions& options) {
    const bool figures = options.target == QueryOptions::Target::Figures;
    std::vector<nlohmann::json> params;
    std::string hits;
    if (!options.match.empty()) {
        hits = "SELECT article_id, figure_id, bm25(search) AS rank FROM search WHERE search MATCH ?";
        params.emplace_back(options.match);
        if (figures) hits += " AND kind IN ('caption', 'subcaption')";
    } else {
        hits = figures ? "SELECT article_id, figure_id, 0.0 AS rank FROM figures"
                       : "SELECT id AS article_id, '' AS figure_id, 0.0 AS rank FROM articles";
    }
    // MATERIALIZED: bm25() only works in the MATCH query itself, never in a flattened outer query.
    std::string sql = "WITH h AS MATERIALIZED (" + hits + ") SELECT h.article_id, " +
                      std::string(figures ? "h.figure_id" : "''") +
                      ", min(h.rank) AS best, a.title, a.year, a.journal, a.license_class, " +
                      (figures ? "f.caption_text" : "NULL") + " FROM h JOIN articles a ON a.id = h.article_id";
    if (figures) sql += " JOIN figures f ON f.article_id = h.article_id AND f.figure_id = h.figure_id";
    sql += " WHERE 1";
    add_in(sql, params, "a.license_class", options.license_classes);
    add_in(sql, params, "a.journal", options.journals);
    if (options.year_from) {
        sql += " AND a.year >= ?";
        params.emplace_back(*options.year_from);
    }
    if (options.year_to) {
        sql += " AND a.year <= ?";
        params.emplace_back(*options.year_to);
    }
    if (!options.domains.empty()) {
        sql += " AND EXISTS (SELECT 1 FROM domains d WHERE d.article_id = h.article_id";
        if (figures) sql += " AND d.figure_id = h.figure_id";
        add_in(sql, params, "d.tag", options.domains);
        sql += ")";
    }
    sql += figures ? " GROUP BY h.article_id, h.figure_id" : " GROUP BY h.article_id";
    sql += " ORDER BY best, h.article_id" + std::string(figures ? ", h.figure_id" : "");
    if (options.limit) {
        sql += " LIMIT ?";
        params.emplace_back(static_cast<std::int64_t>(options.limit));
    }

    Transaction snapshot(archive.db(), Transaction::Kind::Deferred);
    std::vector<QueryHit> out;
    try {
        Statement statement = archive.db().prepare(sql);
        for (size_t i = 0; i < params.size(); ++i) statement.bind(static_cast<int>(i + 1), params[i]);
        while (statement.step()) {
            QueryHit hit;
            hit.article_id = statement.column_text(0);
            hit.figure_id = statement.column_text(1);
            hit.rank = statement.column_double(2);
            hit.title = statement.column_text(3);
            if (!statement.is_null(4)) hit.year = static_cast<int>(statement.column_int(4));
            hit.journal = statement.column_text(5);
            hit.license_class = statement.column_text(6);
            hit.caption = statement.column_text(7);
            out.push_back(std::move(hit));
        }
    } catch (const Error& e) {
        // The SQL around the MATCH is fixed and tested, so an SQLite error here is the user's query syntax.
        if (e.code() == "archive.sqlite" && !options.match.empty())
            throw UsageError("cannot use the search query `" + options.match + "` (FTS5 syntax): " + e.what());
        throw;
    }
    return out;
}

std::string format_hits(const std::vector<QueryHit>& hits) {
    std::string out;
    char line[512];
    std::snprintf(line, sizeof line, "%-9s %-16s %-12s %-5s %s\n", "rank", "article", "figure", "year", "caption / title");
    out += line;
    for (const QueryHit& hit : hits) {
        std::string text = hit.figure_id.empty() ? hit.title : hit.caption;
        if (text.size() > 100) text = text.substr(0, 97) + "...";
        std::snprintf(line, sizeof line, "%-9.3f %-16s %-12s %-5s %s\n", hit.rank, hit.article_id.c_str(),
                      hit.figure_id.c_str(), hit.year ? std::to_string(*hit.year).c_str() : "-", text.c_str());
        out += line;
    }
    return out;
}

}  // namespace pubforge::archive
