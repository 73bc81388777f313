// PMC-OA file lists (oa_file_list.csv, with or without its header) and plain lists of PMCIDs or paths, and the selection fetch applies to them.
#pragma once

#include <cstdint>
#include <istream>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "pubforge/core/inputs.hpp"
#include "pubforge/core/rejects.hpp"

namespace pubforge::fetch {

// One file to fetch: `path` is appended to the base URL and kept under the mirror.
struct ListEntry {
    size_t line = 0;                    // 1-based line of the list it came from
    std::string path;                   // oa_package/ac/6a/PMC7112410.tar.gz (checked: relative, no "." segments)
    std::string pmcid;                  // PMC7112410, from the Accession ID column or the file name; may be empty
    std::optional<std::int64_t> updated;  // Last Updated, seconds since 1970 (UTC); none in plain lists
    std::string license;                // the License column as written ("CC BY", "NO-CC CODE"); empty in plain lists
    std::string license_class;          // commercial / noncommercial / other (jats::normalise_license); empty if no column
};

// Reads a list. Lines may be:
// - a PMC file list row: File,Article Citation,Accession ID,Last Updated,PMID,License (the citation may hold
//   commas; the header line "File,..." is skipped; Last Updated as PMC writes it, YYYY-MM-DD HH:MM:SS, or as a
//   spreadsheet saved it, DD-MM-YY HH:MM);
// - a relative path (oa_package/ac/6a/PMC7112410.tar.gz);
// - a PMCID (PMC7112410), which becomes `id_path` with {pmcid} replaced; with an empty `id_path` the line is
//   rejected (fetch.no-id-path): PMC's package paths are hashed and cannot be derived from the PMCID.
// Blank lines and lines starting with '#' are skipped; CR line ends are accepted. A line that is none of these
// is added to `rejects` (input "NAME:LINE", stage fetch, code fetch.list-malformed), one whose path would leave
// the mirror (absolute, "..", a hidden segment) as fetch.unsafe-path; the list goes on.
std::vector<ListEntry> read_file_list(std::istream& in, const std::string& name, const std::string& id_path,
                                      RejectLog& rejects);

// Throws Error("fetch.unsafe-path") unless `path` is relative, non-empty, without empty, "." or ".." segments,
// without segments starting with '.', backslashes or control characters.
void check_relative_path(const std::string& path);

// "YYYY-MM-DD", "YYYY-MM-DD HH:MM[:SS]" or "DD-MM-YY HH:MM" (UTC) to seconds since 1970; nullopt if none fits.
std::optional<std::int64_t> parse_list_time(const std::string& text);

struct Selection {
    std::set<std::string> license_classes;  // empty: any
    std::optional<std::int64_t> since;      // Last Updated >= since
    std::optional<std::int64_t> until;      // Last Updated <= until (a date alone means the end of that day)
    std::set<std::string> pmcids;           // empty: any
    Shard shard;                            // by file name, the same hash as `pubforge run --shard`
    long limit = -1;                        // -1: no limit; applied last, in list order
};

// Keeps the entries the selection accepts, in list order; also drops repeated paths (the first one wins).
// An entry without a licence column is "other"; one without a date fails --since/--until.
std::vector<ListEntry> select_entries(std::vector<ListEntry> entries, const Selection& selection);

// Parses "commercial,noncommercial" (throws UsageError on any other word).
std::set<std::string> parse_license_classes(const std::string& text);
// Parses "PMC1,PMC2" or "@file" (one PMCID per line); throws UsageError when the file cannot be read.
std::set<std::string> parse_pmcids(const std::string& text);

}  // namespace pubforge::fetch
