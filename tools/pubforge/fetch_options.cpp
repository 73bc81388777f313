// The options of `pubforge fetch` (shared by pubforge, for --help and checking, and by pubforge-fetch, which runs them).
#include "fetch_options.hpp"

namespace pubforge::cli {

void add_fetch_options(CLI::App& command, FetchCommand& fetch) {
    auto& o = fetch.options;
    command.add_option("list", o.list, "PMC file list (oa_file_list.csv, with or without header), or PMCIDs/paths one a line; - = stdin")
        ->required();
    command.add_option("-o,--output", o.mirror, "Mirror folder: each file lands at MIRROR/<its path in the list>")->required();
    command.add_option("--base-url", o.base_url, "Prefix of every download URL (http(s)://, ftp:// or file://)")->capture_default_str();
    command.add_option("--id-path", o.id_path, "Path for bare PMCID lines, with {pmcid} (e.g. '{pmcid}/fullTextXML')");
    command.add_option("--license", o.license, "Keep these licence classes of the License column: commercial,noncommercial,other");
    command.add_option("--since", o.since, "Keep files whose Last Updated is on or after this date (YYYY-MM-DD[ HH:MM:SS])");
    command.add_option("--until", o.until, "Keep files whose Last Updated is on or before this date");
    command.add_option("--pmcids", o.pmcids, "Keep only these PMCIDs: PMC1,PMC2 or @file (one a line)");
    command.add_option("--shard", o.shard, "Fetch only shard K of N (K/N, by hash of the file name, as run --shard)");
    command.add_option("--limit", o.limit, "Keep the first N selected files");
    command.add_option("--rate", o.rate, "New requests per second, retries included (0 = no limit)")->capture_default_str();
    command.add_option("--retries", o.retries, "Further attempts after a connection error, timeout, 5xx or 429")->capture_default_str();
    command.add_option("--backoff", o.backoff, "Seconds before the first retry, doubled each time (at most 60)")->capture_default_str();
    command.add_option("--timeout", o.timeout, "Seconds per transfer before it is abandoned (and retried)")->capture_default_str();
    command.add_flag("--verify", o.verify, "Re-check the files already in the mirror; fetch again those that fail");
    add_batch_flags(command, fetch.batch, false, false);
    command.get_option("--jobs")->description("Transfers at once");
}

}  // namespace pubforge::cli
