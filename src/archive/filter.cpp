// The filter builder: one list of article conditions read as a reject reason (exporters) or a WHERE (archive query).
#include "pubforge/archive/filter.hpp"

#include <algorithm>

#include "filter_sql.hpp"
#include "pubforge/core/error.hpp"

namespace pubforge::archive {
namespace detail {
namespace {

// "? , ?, ..." for the values, appended to params.
std::string placeholders(const std::vector<std::string>& values, std::vector<nlohmann::json>& params) {
    std::string out;
    for (const std::string& value : values) {
        out += out.empty() ? "?" : ", ?";
        params.emplace_back(value);
    }
    return out;
}

// NOCASE folds ASCII only, as users type journal names and licence codes; coalesce makes an absent field ''
// so a NOT IN never yields NULL (which a CASE would read as "kept").
std::string listed(const char* column, const std::vector<std::string>& values, std::vector<nlohmann::json>& params) {
    return std::string("coalesce(") + column + ", '') COLLATE NOCASE IN (" + placeholders(values, params) + ")";
}

}  // namespace

FilterSql reject_reason_sql(const Filter& filter, bool with_match) {
    FilterSql out;
    std::string cases;
    const auto reject_unless = [&](const std::string& condition, const char* reason) {
        cases += " WHEN NOT (" + condition + ") THEN '" + reason + "'";
    };
    if (!filter.license_classes.empty())
        reject_unless(listed("a.license_class", filter.license_classes, out.params), "license-class");
    if (!filter.license_codes.empty())
        reject_unless(listed("a.license_code", filter.license_codes, out.params), "license-code");
    if (filter.year_min || filter.year_max) {
        reject_unless("a.year IS NOT NULL", "year-unknown");
        if (filter.year_min) {
            reject_unless("a.year >= ?", "year");
            out.params.emplace_back(*filter.year_min);
        }
        if (filter.year_max) {
            reject_unless("a.year <= ?", "year");
            out.params.emplace_back(*filter.year_max);
        }
    }
    if (!filter.journals.empty()) reject_unless(listed("a.journal", filter.journals, out.params), "journal");
    if (!filter.article_types.empty())
        reject_unless(listed("a.article_type", filter.article_types, out.params), "article-type");
    if (!filter.languages.empty()) reject_unless(listed("a.language", filter.languages, out.params), "language");
    if (with_match && !filter.match.empty()) {
        // The article's own row: its title, abstract, captions and body are one document, so A AND B may
        // match across them (record_writer.cpp writes it).
        reject_unless("a.id IN (SELECT article_id FROM search WHERE search MATCH ? AND kind = 'article')", "query");
        out.params.emplace_back(filter.match);
    }
    out.sql = cases.empty() ? "NULL" : "CASE" + cases + " END";
    return out;
}

FilterSql domain_sql(const Filter& filter, const std::string& article_expr, const std::string& figure_expr) {
    FilterSql out;
    if (filter.domains.empty()) return out;
    out.sql = "EXISTS (SELECT 1 FROM domains d WHERE d.article_id = " + article_expr;
    if (!figure_expr.empty()) out.sql += " AND d.figure_id = " + figure_expr;
    out.sql += " AND " + listed("d.tag", filter.domains, out.params) + ")";
    return out;
}

void rethrow_query_error(const std::string& match) {
    try {
        throw;
    } catch (const Error& e) {
        // The SQL around the MATCH is fixed and tested, so an SQLite error here is the user's query syntax.
        if (e.code() == "archive.sqlite" && !match.empty())
            throw UsageError("cannot use the search query `" + match + "` (FTS5 syntax): " + e.what());
        throw;
    }
}

}  // namespace detail

std::vector<ArticleVerdict> select_articles(Archive& archive, const Filter& filter) {
    Transaction snapshot(archive.db(), Transaction::Kind::Deferred);
    std::vector<ArticleVerdict> out;
    try {
        const detail::FilterSql reason = detail::reject_reason_sql(filter, true);
        Statement articles = archive.db().prepare("SELECT a.id, " + reason.sql + " FROM articles a ORDER BY a.id");
        for (size_t i = 0; i < reason.params.size(); ++i) articles.bind(static_cast<int>(i + 1), reason.params[i]);
        while (articles.step()) {
            ArticleVerdict verdict;
            verdict.id = articles.column_text(0);
            if (!articles.is_null(1)) verdict.reject = articles.column_text(1);
            out.push_back(std::move(verdict));
        }
    } catch (...) {
        detail::rethrow_query_error(filter.match);
    }
    if (filter.domains.empty()) return out;
    // The same EXISTS the figure search uses, over every figure once (ids come back in article order).
    const detail::FilterSql domains = detail::domain_sql(filter, "f.article_id", "f.figure_id");
    Statement figures = archive.db().prepare("SELECT f.article_id, f.figure_id FROM figures f WHERE " + domains.sql +
                                             " ORDER BY f.article_id");
    for (size_t i = 0; i < domains.params.size(); ++i) figures.bind(static_cast<int>(i + 1), domains.params[i]);
    auto verdict = out.begin();
    while (figures.step()) {
        const std::string article_id = figures.column_text(0);
        verdict = std::lower_bound(verdict, out.end(), article_id,
                                   [](const ArticleVerdict& v, const std::string& id) { return v.id < id; });
        if (verdict != out.end() && verdict->id == article_id) verdict->domain_figures.insert(figures.column_text(1));
    }
    return out;
}

}  // namespace pubforge::archive
