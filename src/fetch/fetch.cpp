// The fetch command in the library: read the list, select, hand the entries to the downloader (links libcurl).
#include "pubforge/fetch/fetch.hpp"

#include <fstream>

#include "pubforge/core/error.hpp"

namespace pubforge::fetch {

FetchSummary run_fetch(const FetchOptions& options, std::istream& stdin_list, RejectLog& rejects,
                       const ProgressCallback& progress) {
    if (options.mirror.empty()) throw UsageError("fetch needs -o MIRROR");
    const Selection selection = make_selection(options);
    std::vector<ListEntry> entries;
    if (options.list == "-") {
        entries = read_file_list(stdin_list, "stdin", options.id_path, rejects);
    } else {
        std::ifstream in(options.list);
        if (!in) throw UsageError("cannot read the file list " + options.list);
        entries = read_file_list(in, options.list, options.id_path, rejects);
    }
    const size_t listed = entries.size();
    FetchSummary summary = fetch_entries(select_entries(std::move(entries), selection), options, rejects, progress);
    summary.listed = listed;
    return summary;
}

}  // namespace pubforge::fetch
