// Full-text search (FTS5) over the archive with the filters the exporters share.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pubforge/archive/archive.hpp"
#include "pubforge/archive/filter.hpp"

namespace pubforge::archive {

// The text query and filters are the exporters' own (filter.hpp), so `archive query` selects what an export would.
struct QueryOptions : Filter {
    enum class Target { Figures, Articles } target = Target::Figures;
    size_t limit = 20;  // 0 = no limit
};

// One hit, best first (bm25 rank, then article and figure id, so ties are stable).
// Figure search matches one figure's caption and subcaptions taken together; article search
// matches the article's title, abstract, captions, subcaptions and body as one document,
// so "A AND B" finds an article with A in its title and B in its abstract.
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
