// SQL behind `pubforge report`: histograms the stats do not hold, and the seeded, journal- and year-spread figure samples.
#include "pubforge/archive/report_queries.hpp"

#include <sqlite3.h>

namespace pubforge::archive {
namespace {

// pf_sample_hash(text, seed): FNV-1a over the seed's 8 bytes then the text, as a
// signed 64-bit integer. Ordering by it is a shuffle that depends only on ids and seed.
void sample_hash(sqlite3_context* context, int, sqlite3_value** values) {
    std::uint64_t hash = 1469598103934665603ULL;
    const auto mix = [&hash](unsigned char byte) {
        hash ^= byte;
        hash *= 1099511628211ULL;
    };
    const auto seed = static_cast<std::uint64_t>(sqlite3_value_int64(values[1]));
    for (int i = 0; i < 8; ++i) mix(static_cast<unsigned char>(seed >> (8 * i)));
    const unsigned char* text = sqlite3_value_text(values[0]);
    for (int i = 0, n = sqlite3_value_bytes(values[0]); text && i < n; ++i) mix(text[i]);
    sqlite3_result_int64(context, static_cast<sqlite3_int64>(hash));
}

void register_sample_hash(Database& db) {
    const int rc = sqlite3_create_function(db.handle(), "pf_sample_hash", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr,
                                           sample_hash, nullptr, nullptr);
    if (rc != SQLITE_OK) throw_sqlite_error(db.handle(), rc, "registering pf_sample_hash");
}

// (bucket, count) rows of an integer-valued query, as [{"bucket", "count"}].
nlohmann::json counts(Database& db, const std::string& sql) {
    nlohmann::json out = nlohmann::json::array();
    Statement statement = db.prepare(sql);
    while (statement.step()) out.push_back({{"bucket", statement.column_int(0)}, {"count", statement.column_int(1)}});
    return out;
}

// `where` narrows the figures (a condition on f.*); the strata are (journal, year).
std::vector<FigureRef> sample(Archive& archive, const std::string& where, size_t count, std::uint64_t seed) {
    Database& db = archive.db();
    register_sample_hash(db);
    Statement statement = db.prepare(R"SQL(
        WITH candidates AS (
            SELECT f.article_id, f.figure_id, a.journal, a.year,
                   pf_sample_hash(f.article_id || '/' || f.figure_id, ?1) AS h
            FROM figures f JOIN articles a ON a.id = f.article_id
            WHERE EXISTS (SELECT 1 FROM graphics g WHERE g.article_id = f.article_id
                          AND g.figure_id = f.figure_id AND g.image_sha256 IS NOT NULL) AND )SQL" +
                                     where + R"SQL(),
        ranked AS (SELECT *, row_number() OVER (PARTITION BY journal, year ORDER BY h, article_id, figure_id) AS turn
                   FROM candidates)
        SELECT article_id, figure_id FROM ranked ORDER BY turn, h, article_id, figure_id LIMIT ?2)SQL");
    statement.bind(1, static_cast<std::int64_t>(seed)).bind(2, static_cast<std::int64_t>(count));
    std::vector<FigureRef> out;
    while (statement.step()) out.push_back({statement.column_text(0), statement.column_text(1)});
    return out;
}

}  // namespace

nlohmann::json report_distributions(Archive& archive) {
    Database& db = archive.db();
    Transaction snapshot(db, Transaction::Kind::Deferred);
    nlohmann::json sizes = nlohmann::json::array();
    Statement statement = db.prepare(R"SQL(
        SELECT (width / 50) * 50, (height / 50) * 50, count(*) FROM images
        WHERE sha256 IN (SELECT image_sha256 FROM graphics) GROUP BY 1, 2 ORDER BY 1, 2)SQL");
    while (statement.step())
        sizes.push_back({{"width", statement.column_int(0)}, {"height", statement.column_int(1)}, {"count", statement.column_int(2)}});
    return {
        {"figures_per_article", counts(db, R"SQL(
            SELECT n, count(*) FROM (SELECT (SELECT count(*) FROM figures f WHERE f.article_id = a.id) AS n FROM articles a)
            GROUP BY n ORDER BY n)SQL")},
        {"panels_per_compound", counts(db, R"SQL(
            SELECT n, count(*) FROM (SELECT count(*) AS n FROM subfigures GROUP BY article_id, figure_id)
            WHERE n > 1 GROUP BY n ORDER BY n)SQL")},
        {"image_sizes", std::move(sizes)},
    };
}

std::vector<FigureRef> sample_figures(Archive& archive, size_t count, std::uint64_t seed) {
    return sample(archive, "1", count, seed);
}

std::vector<FigureRef> sample_unaligned_figures(Archive& archive, size_t count, std::uint64_t seed) {
    return sample(archive,
                  "(SELECT count(*) FROM subfigures s WHERE s.article_id = f.article_id AND s.figure_id = f.figure_id) > 1 "
                  "AND f.unlinked IS NOT NULL AND (json_array_length(f.unlinked, '$.subfigures') > 0 "
                  "OR json_array_length(f.unlinked, '$.labels') > 0)",
                  count, seed);
}

}  // namespace pubforge::archive
