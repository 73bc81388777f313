// Full-text search (FTS5) over the archive with the filters the exporters share.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pubforge/archive/archive.hpp"

namespace pubforge::archive {

struct QueryOptions {
    std::string match;                          // FTS5 syntax ("brain OR cerebral"); empty = filters only
    std::vector<std::string> license_classes;   // any of
    std::optional<int> year_from, year_to;      // inclusive
    std::vector<std::string> journals;          // any of, exact title
    std::vector<std::string> domains;           // figure domain tags, any of
    enum class Target { Figures, Articles } target = Target::Figures;
    size_t limit = 20;                          // 0 = no limit
};

// One hit, best first (bm25 rank, then article and figure id, so ties are stable).
// Figure search matches captions and subcaptions; article search matches titles,
// abstracts, captions, subcaptions and body text.
struct QueryHit {
    std::string article_id;
    std::string figure_id;   // empty for article hits
    double rank = 0;         // bm25: lower is better; 0 without a text query
    std::string title;       // article title
    std::string caption;     // figure caption (figure hits)
    std::optional<int> year;
    std::string journal;
    std::string license_class;
    nlohmann::json to_json() const;
};

// Throws UsageError for a query FTS5 cannot parse.
std::vector<QueryHit> query(Archive& archive, const QueryOptions& options);

// Hits as an aligned text table (rank, article, figure, year, caption or title).
std::string format_hits(const std::vector<QueryHit>& hits);

}  // namespace pubforge::archive
