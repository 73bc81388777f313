// Archive benchmark: load >= 20k generated records (rate vs serialising them to JSONL and vs the JATS parse rate), then time queries.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include <unistd.h>

#include "../tests/archive/synthetic_records.hpp"
#include "bench_support.hpp"
#include "pubforge/archive/loader.hpp"
#include "pubforge/archive/query.hpp"
#include "pubforge/core/jsonl.hpp"

using namespace pubforge;

int main(int argc, char** argv) {
    const std::string repo = argc > 1 ? argv[1] : ".";
    const int count = argc > 2 ? std::stoi(argv[2]) : 20000;
    const std::string dir = (std::filesystem::temp_directory_path() / ("pubforge-archive-bench-" + std::to_string(::getpid()))).string();
    std::filesystem::create_directories(dir);
    const std::string path = dir + "/bench.sqlite";

    // Records are generated as they are consumed (in both runs) so memory stays flat.
    const auto record_at = [](int i) { return testing::synthetic_record(i, 1 + i % 5); };

    // Baseline: serialising the same records as JSONL in this process (generation not timed).
    double baseline_seconds = 0;
    size_t jsonl_bytes = 0, figures = 0;
    for (int i = 0; i < count; ++i) {
        const Record record = record_at(i);
        figures += record["figures"].size();
        bench::Stopwatch clock;
        jsonl_bytes += dump_json_line(record).size() + 1;
        baseline_seconds += clock.seconds();
    }

    // Records are generated in chunks outside the clocks, so the load rates measure
    // the Loader and SQLite only (the generator hashes image seeds and is not cheap).
    double load_seconds = 0, load_cpu_seconds = 0;
    {
        archive::Archive db = archive::Archive::open(path, archive::Archive::Mode::ReadWrite);
        RejectLog rejects;
        archive::Loader loader(db, {}, rejects);
        const int chunk = 1000;
        std::vector<Record> records;
        for (int start = 0; start < count; start += chunk) {
            records.clear();
            for (int i = start; i < std::min(count, start + chunk); ++i) records.push_back(record_at(i));
            bench::Stopwatch clock;
            bench::CpuStopwatch cpu;
            for (const Record& record : records) loader.add(record);
            if (start + chunk >= count) loader.finish();
            load_seconds += clock.seconds();
            load_cpu_seconds += cpu.seconds();
        }
        db.db().exec("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    const double archive_bytes = static_cast<double>(std::filesystem::file_size(path));

    archive::Archive db = archive::Archive::open(path, archive::Archive::Mode::ReadOnly);
    // Latency of one query with the exporters' filters, averaged; `broad` matches
    // most captions (the synthetic vocabulary is small), `selective` about 0.2%.
    const auto query_ms = [&](const std::vector<std::string>& queries, size_t& hits) {
        const int rounds = 5;
        bench::Stopwatch clock;
        for (int r = 0; r < rounds; ++r)
            for (const std::string& match : queries) {
                archive::QueryOptions options;
                options.match = match;
                options.license_classes = {"commercial"};
                options.year_min = 2010;
                options.limit = 100;
                hits += archive::query(db, options).size();
            }
        return clock.seconds() * 1000 / (rounds * queries.size());
    };
    size_t broad_hits = 0, selective_hits = 0;
    const double broad_ms = query_ms({"brain OR cerebral", "lesion AND stain"}, broad_hits);
    const double selective_ms = query_ms({"\"case 417\"", "\"case 42\" OR \"case 977\""}, selective_hits);
    bench::Stopwatch get_clock;
    for (int i = 0; i < 1000; ++i) archive::get_record(db, "PMC" + std::to_string(1000000 + (i * 7919) % count));
    const double get_ms = get_clock.seconds();  // 1000 gets: seconds = ms per get

    std::printf("archive load of %d synthetic articles (%zu figures)\n", count, figures);
    bench::report("load articles", count, "articles", load_seconds, baseline_seconds);
    bench::report("load figures", static_cast<double>(figures), "figures", load_seconds, baseline_seconds);
    std::printf("archive bytes per article    %12.0f   (JSONL %0.f, ratio %.2fx)\n", archive_bytes / count,
                static_cast<double>(jsonl_bytes) / count, archive_bytes / static_cast<double>(jsonl_bytes));
    std::printf("load CPU time                %12.1f articles/s of CPU (wall clock above; the machine is shared)\n",
                count / load_cpu_seconds);
    // The target: loading at least 10x the single-thread JATS parse rate,
    // both as CPU time on this machine, so other jobs' load cancels out.
    const std::vector<SourceDocument> docs = bench::load_jats_articles(bench::jats_corpus_dir(repo));
    const double parse_rate = docs.empty() ? 0 : bench::jats_parse_rate(docs, 5);
    std::printf("JATS parse CPU rate          %12.1f articles/s (%zu articles of %s, best of 5)\n", parse_rate,
                docs.size(), bench::jats_corpus_dir(repo).c_str());
    std::printf("load / JATS parse            %12.1fx   (target >= 10x)\n",
                parse_rate > 0 ? count / load_cpu_seconds / parse_rate : 0.0);
    std::printf("FTS query, broad             %12.2f ms  (%zu hits)\n", broad_ms, broad_hits);
    std::printf("FTS query, selective         %12.2f ms  (%zu hits)\n", selective_ms, selective_hits);
    std::printf("get_record latency           %12.3f ms\n", get_ms);
    std::printf("peak RSS                     %12.1f MiB\n", bench::peak_rss_mib());
    std::filesystem::remove_all(dir);
    return 0;
}
