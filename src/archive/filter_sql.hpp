// The filter as SQL fragments, internal to the archive: filter.cpp and query.cpp build their statements from them.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pubforge/archive/filter.hpp"

namespace pubforge::archive {
namespace detail {

// The filter as SQL over `articles a` (and `domains d` for the figure filter), for the statements of this module.
struct FilterSql {
    std::string sql;
    std::vector<nlohmann::json> params;
};
// A CASE expression: the first article filter the row fails (the reason names above), NULL when kept.
// `with_match` includes the FTS condition (a query that ranks its own MATCH leaves it out).
FilterSql reject_reason_sql(const Filter& filter, bool with_match);
// "EXISTS (...)" over the domains of figure (article_expr, figure_expr), or of any figure of the article when
// figure_expr is empty; empty sql when the filter has no domains.
FilterSql domain_sql(const Filter& filter, const std::string& article_expr, const std::string& figure_expr);
// Rethrows an SQLite error of a statement carrying the user's FTS5 query as the UsageError it is.
[[noreturn]] void rethrow_query_error(const std::string& match);

}  // namespace detail
}  // namespace pubforge::archive
