// pubforge fetch: download the files of a PMC-OA file list into a local mirror with libcurl, politely, resumably, verified.
// This module links libcurl and lives in its own library (pubforge_fetch_lib), used by the pubforge-fetch
// helper only, so the pubforge binary never loads libcurl and its tree at start-up (docs/architecture.md).
#pragma once

#include <cstdint>
#include <functional>
#include <istream>
#include <map>
#include <string>
#include <vector>

#include "pubforge/core/rejects.hpp"
#include "pubforge/fetch/file_list.hpp"

namespace pubforge::fetch {

// PMC's public HTTPS base for oa_package/...: the list's File column is appended to it.
inline constexpr const char* kDefaultBaseUrl = "https://ftp.ncbi.nlm.nih.gov/pub/pmc/";

struct FetchOptions {
    std::string list = "-";     // the file list: a path, or "-" for stdin
    std::string mirror;         // MIRROR: each file lands at MIRROR/<its path in the list>
    std::string base_url = kDefaultBaseUrl;  // http(s)://, ftp:// or file://
    std::string id_path;        // where a bare PMCID line points, with {pmcid}
    // Selection, as the user wrote it (checked by make_selection).
    std::string license;        // "commercial,noncommercial,other"
    std::string since, until;   // YYYY-MM-DD[ HH:MM:SS]
    std::string pmcids;         // "PMC1,PMC2" or "@file"
    std::string shard;          // "K/N"
    long limit = -1;
    // Transfers.
    int jobs = 1;               // transfers at once
    double rate = 3;            // new requests per second, retries included; 0 = no limit
    int retries = 5;            // further attempts after a retryable failure
    double backoff = 1;         // seconds before the first retry, doubled each time (at most 60 s)
    double timeout = 600;       // seconds per transfer, connection included
    double connect_timeout = 30;
    bool verify = false;        // re-check files already in the mirror (and fetch again those that fail)
};

// Throws UsageError for a bad --license, --since, --until, --pmcids, --shard, -j, --rate, --retries, --backoff
// or --timeout. Needs no libcurl (src/fetch/selection.cpp is in pubforge_lib), so pubforge checks before it execs.
Selection make_selection(const FetchOptions& options);

struct Progress {
    size_t total = 0;           // files to look at (selected)
    size_t done = 0;            // fetched + skipped + failed so far
    size_t fetched = 0, skipped = 0, failed = 0;
    std::uint64_t bytes = 0;    // bytes received so far, finished transfers and those in flight
    double seconds = 0;
};

struct FetchSummary {
    size_t listed = 0;          // entries read from the list (malformed lines excluded)
    size_t selected = 0;
    size_t fetched = 0;         // downloaded, verified and renamed into place
    size_t skipped = 0;         // already in the mirror and not stale (and verified, with --verify)
    size_t failed = 0;          // rejected after their retries (the rejects log has them)
    size_t resumed = 0;         // transfers that continued a partial file with a range request
    size_t retries = 0;         // attempts beyond the first, over all files
    std::uint64_t bytes = 0;    // bytes received
    double seconds = 0;
};

using ProgressCallback = std::function<void(const Progress&)>;

// Downloads `entries` into options.mirror. A partial download lives in MIRROR/.partial/<path> (a hidden folder:
// `pubforge run MIRROR` never takes it for an input) and is resumed with a range request by the next attempt or
// run; a complete one is checked (size against Content-Length, verify_download) and renamed into place.
// A file that still fails after its retries goes to `rejects` (input: its path, stage fetch) and the batch goes
// on. Throws Error("io.write", fatal) when the mirror cannot be written (disk full): the file in flight is
// never left under its final name. Throws Error("interrupted") on SIGINT/SIGTERM (partials are kept).
// `progress` is called about twice a second and once at the end.
FetchSummary fetch_entries(const std::vector<ListEntry>& entries, const FetchOptions& options, RejectLog& rejects,
                           const ProgressCallback& progress = {});

// The whole command: reads the list (options.list, or `stdin_list` for "-"; an unreadable list is a
// UsageError), selects, and fetches. summary.listed counts the entries read.
FetchSummary run_fetch(const FetchOptions& options, std::istream& stdin_list, RejectLog& rejects,
                       const ProgressCallback& progress = {});

}  // namespace pubforge::fetch
