// The one definition of the article and figure filters: `archive query` and every exporter select through it.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "pubforge/archive/archive.hpp"

namespace pubforge::archive {

// Every list means "any of" and is empty for "any". Text values compare ASCII case-insensitively
// ("plos one" selects "PLoS ONE"), whether the caller is `archive query` or an exporter; an article
// without the field never matches a non-empty list.
struct Filter {
    std::vector<std::string> license_classes;  // commercial, noncommercial, other
    std::vector<std::string> license_codes;    // CC-BY-4.0, ...
    std::vector<std::string> journals;         // journal titles, whole title
    std::vector<std::string> article_types;    // research-article, case-report, ...
    std::vector<std::string> languages;        // en, pt, ...
    std::optional<int> year_min, year_max;     // inclusive; an article without a year fails either bound
    std::string match;                         // FTS5 query over the article's searchable text (docs/archive.md)
    std::vector<std::string> domains;          // figure domain tags

    bool selects_figures() const { return !domains.empty(); }
};

// One article as the article-level filters see it: its first failing filter, in the order license-class,
// license-code, year-unknown, year, journal, article-type, language, query; nothing when it is kept.
struct ArticleVerdict {
    std::string id;
    std::optional<std::string> reject;
    // With filter.domains: the ids of its figures that carry one of the tags (panels inherit their figure's).
    std::set<std::string> domain_figures;
};

// Every article of the archive in id order with its verdict: exporters count rejected articles by reason,
// so they are listed too. Throws UsageError for a match FTS5 cannot parse.
std::vector<ArticleVerdict> select_articles(Archive& archive, const Filter& filter);

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
