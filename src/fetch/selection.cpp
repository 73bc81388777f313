// Fetch options to a selection: --license, --since, --until, --pmcids, --shard, --limit (no libcurl here: pubforge checks them).
#include "pubforge/core/error.hpp"
#include "pubforge/fetch/fetch.hpp"

namespace pubforge::fetch {
namespace {

std::optional<std::int64_t> parse_bound(const std::string& text, const char* option, bool end_of_day) {
    if (text.empty()) return std::nullopt;
    const auto time = parse_list_time(text);
    if (!time) throw UsageError(std::string(option) + " expects YYYY-MM-DD or YYYY-MM-DD HH:MM:SS, got '" + text + "'");
    // --until 2020-06-30 keeps what was updated during that day.
    return end_of_day && text.size() == 10 ? *time + 86399 : *time;
}

}  // namespace

Selection make_selection(const FetchOptions& options) {
    if (options.jobs < 1) throw UsageError("-j must be at least 1");
    if (options.rate < 0 || options.retries < 0 || options.backoff < 0 || options.timeout <= 0)
        throw UsageError("--rate, --retries and --backoff must be >= 0, --timeout > 0");
    Selection selection;
    if (!options.license.empty()) selection.license_classes = parse_license_classes(options.license);
    selection.since = parse_bound(options.since, "--since", false);
    selection.until = parse_bound(options.until, "--until", true);
    if (!options.pmcids.empty()) selection.pmcids = parse_pmcids(options.pmcids);
    if (!options.shard.empty()) selection.shard = Shard::parse(options.shard);
    selection.limit = options.limit;
    return selection;
}

}  // namespace pubforge::fetch
