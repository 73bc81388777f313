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

}  // namespace pubforge::archive
