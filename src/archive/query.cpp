// Archive search: FTS5 MATCH ranked by bm25, narrowed by the shared filter builder (filter.hpp), as one SQL statement.
#include "pubforge/archive/query.hpp"

#include <cstdio>

#include "filter_sql.hpp"
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

std::vector<QueryHit> query(Archive& archive, const QueryOptions& options) {
    const bool figures = options.target == QueryOptions::Target::Figures;
    std::vector<nlohmann::json> params;
    std::string hits;
    if (!options.match.empty()) {
        // Figure rows hold a figure's caption and subcaptions, article rows the whole article (record_writer.cpp).
        hits = "SELECT article_id, figure_id, bm25(search) AS rank FROM search WHERE search MATCH ? AND kind = ";
        hits += figures ? "'figure'" : "'article'";
        params.emplace_back(options.match);
    } else {
        hits = figures ? "SELECT article_id, figure_id, 0.0 AS rank FROM figures"
                       : "SELECT id AS article_id, '' AS figure_id, 0.0 AS rank FROM articles";
    }
    // MATERIALIZED: bm25() only works in the MATCH query itself, never in a flattened outer query.
    std::string sql = "WITH h AS MATERIALIZED (" + hits + ") SELECT h.article_id, " +
                      std::string(figures ? "h.figure_id" : "''") +
                      ", h.rank, a.title, a.year, a.journal, a.license_class, " +
                      (figures ? "f.caption_text" : "NULL") + " FROM h JOIN articles a ON a.id = h.article_id";
    if (figures) sql += " JOIN figures f ON f.article_id = h.article_id AND f.figure_id = h.figure_id";
    // The article filters exactly as the exporters apply them; the MATCH is already in h.
    const detail::FilterSql reason = detail::reject_reason_sql(options, false);
    sql += " WHERE " + reason.sql + " IS NULL";
    params.insert(params.end(), reason.params.begin(), reason.params.end());
    const detail::FilterSql domains = detail::domain_sql(options, "h.article_id", figures ? "h.figure_id" : "");
    if (!domains.sql.empty()) {
        sql += " AND " + domains.sql;
        params.insert(params.end(), domains.params.begin(), domains.params.end());
    }
    sql += " ORDER BY h.rank, h.article_id" + std::string(figures ? ", h.figure_id" : "");
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
    } catch (...) {
        detail::rethrow_query_error(options.match);
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
