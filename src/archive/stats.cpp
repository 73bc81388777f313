// Archive statistics: SQL aggregates over the normalised tables, and their text rendering.
#include "pubforge/archive/stats.hpp"

#include <algorithm>
#include <cstdio>

namespace pubforge::archive {
namespace {

nlohmann::json count(Database& db, const std::string& sql) {
    const nlohmann::json value = db.scalar(sql);
    return value.is_null() ? nlohmann::json(0) : value;
}

// {"value": count} from a query returning (value, count); NULL values are "(none)".
nlohmann::json breakdown(Database& db, const std::string& sql) {
    nlohmann::json out = nlohmann::json::object();
    Statement statement = db.prepare(sql);
    while (statement.step()) {
        const std::string key = statement.is_null(0) ? "(none)" : statement.column_text(0);
        out[key] = statement.column_int(1);
    }
    return out;
}

// [{"bucket", "count"}] in bucket order, from a query returning (order, label, count).
nlohmann::json histogram(Database& db, const std::string& sql) {
    nlohmann::json out = nlohmann::json::array();
    Statement statement = db.prepare(sql);
    while (statement.step()) out.push_back({{"bucket", statement.column_text(1)}, {"count", statement.column_int(2)}});
    return out;
}

}  // namespace

nlohmann::json stats(Archive& archive) {
    Database& db = archive.db();
    Transaction snapshot(db, Transaction::Kind::Deferred);
    nlohmann::json totals = {
        {"articles", count(db, "SELECT count(*) FROM articles")},
        {"words", count(db, "SELECT sum(coalesce(words_abstract, 0) + coalesce(words_body, 0) + coalesce(words_captions, 0)) FROM articles")},
        {"figures", count(db, "SELECT count(*) FROM figures")},
        {"images", count(db, "SELECT count(DISTINCT image_sha256) FROM graphics")},
        {"compound_figures", count(db, "SELECT count(*) FROM figures f WHERE compound = 1 OR "
                                       "(SELECT count(*) FROM subfigures s WHERE s.article_id = f.article_id AND s.figure_id = f.figure_id) > 1")},
        {"panels", count(db, "SELECT count(*) FROM subfigures")},
        {"subcaptions", count(db, "SELECT count(*) FROM subcaptions")},
        {"links", count(db, "SELECT count(*) FROM links")},
        {"mentions", count(db, "SELECT count(*) FROM mentions")},
        {"tables", count(db, "SELECT count(*) FROM article_tables")},
        {"references", count(db, "SELECT count(*) FROM bibliography")},
        {"responses", count(db, "SELECT count(*) FROM responses")},
        {"missing_images", count(db, "SELECT count(*) FROM graphics WHERE image_sha256 IS NULL")},
        {"warnings", count(db, "SELECT count(*) FROM warnings")},
    };
    return {
        {"totals", totals},
        {"by_license_class", breakdown(db, "SELECT license_class, count(*) FROM articles GROUP BY 1")},
        {"by_year", breakdown(db, "SELECT year, count(*) FROM articles GROUP BY 1")},
        {"by_journal", breakdown(db, "SELECT journal, count(*) FROM articles GROUP BY 1")},
        {"by_article_type", breakdown(db, "SELECT article_type, count(*) FROM articles GROUP BY 1")},
        {"by_domain", breakdown(db, "SELECT tag, count(DISTINCT article_id || '/' || figure_id) FROM domains GROUP BY 1")},
        {"warnings_by_code", breakdown(db, "SELECT code, count(*) FROM warnings GROUP BY 1")},
        {"image_sizes", histogram(db, R"SQL(
            SELECT CASE WHEN side < 256 THEN 0 WHEN side < 512 THEN 1 WHEN side < 1024 THEN 2 WHEN side < 2048 THEN 3 ELSE 4 END AS k,
                   CASE WHEN side < 256 THEN 'longest side < 256 px' WHEN side < 512 THEN '256-511 px'
                        WHEN side < 1024 THEN '512-1023 px' WHEN side < 2048 THEN '1024-2047 px' ELSE '>= 2048 px' END,
                   count(*)
            FROM (SELECT max(width, height) AS side FROM images WHERE sha256 IN (SELECT image_sha256 FROM graphics))
            GROUP BY k ORDER BY k)SQL")},
        {"caption_words", histogram(db, R"SQL(
            SELECT CASE WHEN w = 0 THEN 0 WHEN w < 10 THEN 1 WHEN w < 50 THEN 2 WHEN w < 100 THEN 3 WHEN w < 200 THEN 4 ELSE 5 END AS k,
                   CASE WHEN w = 0 THEN '0 words' WHEN w < 10 THEN '1-9 words' WHEN w < 50 THEN '10-49 words'
                        WHEN w < 100 THEN '50-99 words' WHEN w < 200 THEN '100-199 words' ELSE '>= 200 words' END,
                   count(*)
            FROM (SELECT coalesce(caption_words, 0) AS w FROM figures) GROUP BY k ORDER BY k)SQL")},
    };
}

std::string format_stats(const nlohmann::json& stats, size_t top) {
    std::string out;
    char line[256];
    const auto row = [&](const std::string& name, long long value) {
        std::snprintf(line, sizeof line, "  %-36s %12lld\n", name.c_str(), value);
        out += line;
    };
    out += "totals\n";
    for (const char* key : {"articles", "words", "figures", "images", "compound_figures", "panels", "subcaptions", "links",
                            "mentions", "tables", "references", "responses", "missing_images", "warnings"})
        row(key, stats["totals"].value(key, 0LL));
    for (const char* key : {"by_license_class", "by_year", "by_journal", "by_article_type", "by_domain", "warnings_by_code"}) {
        std::vector<std::pair<long long, std::string>> items;
        for (const auto& [name, value] : stats[key].items()) items.emplace_back(-value.get<long long>(), name);
        // Years read best in year order; the other breakdowns by count, largest first.
        if (std::string(key) == "by_year")
            std::sort(items.begin(), items.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
        else
            std::sort(items.begin(), items.end());
        out += std::string(key) + "\n";
        for (size_t i = 0; i < items.size() && i < top; ++i) row(items[i].second, -items[i].first);
        if (items.size() > top) out += "  ... " + std::to_string(items.size() - top) + " more (--json lists all)\n";
    }
    for (const char* key : {"image_sizes", "caption_words"}) {
        out += std::string(key) + "\n";
        for (const auto& bucket : stats[key]) row(bucket["bucket"].get<std::string>(), bucket["count"].get<long long>());
    }
    return out;
}

}  // namespace pubforge::archive
