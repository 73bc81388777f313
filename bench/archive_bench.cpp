// Archive benchmark: load >= 20k generated records, then time queries; baseline = serialising the same records to JSONL.
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
    const int count = argc > 2 ? std::stoi(argv[2]) : 20000;
    const std::string dir = (std::filesystem::temp_directory_path() / ("pubforge-archive-bench-" + std::to_string(::getpid()))).string();
    std::filesystem::create_directories(dir);
    const std::string path = dir + "/bench.sqlite";

    std::vector<Record> records;
    records.reserve(count);
    size_t figures = 0;
    for (int i = 0; i < count; ++i) {
        records.push_back(testing::synthetic_record(i, 1 + i % 5));
        figures += records.back()["figures"].size();
    }

    // Baseline: what writing the same records as JSONL costs in this process.
    bench::Stopwatch baseline_clock;
    size_t jsonl_bytes = 0;
    for (const Record& record : records) jsonl_bytes += dump_json_line(record).size() + 1;
    const double baseline_seconds = baseline_clock.seconds();

    double load_seconds = 0;
    {
        archive::Archive db = archive::Archive::open(path, archive::Archive::Mode::ReadWrite);
        RejectLog rejects;
        bench::Stopwatch clock;
        archive::Loader loader(db, {}, rejects);
        for (const Record& record : records) loader.add(record);
        loader.finish();
        load_seconds = clock.seconds();
        db.db().exec("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    const double archive_bytes = static_cast<double>(std::filesystem::file_size(path));

    archive::Archive db = archive::Archive::open(path, archive::Archive::Mode::ReadOnly);
    const std::vector<std::string> queries = {"brain OR cerebral", "\"axial cohort\"", "lesion AND stain", "tumour"};
    const int rounds = 20;
    bench::Stopwatch query_clock;
    size_t hits = 0;
    for (int r = 0; r < rounds; ++r)
        for (const std::string& match : queries) {
            archive::QueryOptions options;
            options.match = match;
            options.license_classes = {"commercial"};
            options.year_from = 2010;
            hits += archive::query(db, options).size();
        }
    const double query_ms = query_clock.seconds() * 1000 / (rounds * queries.size());
    bench::Stopwatch get_clock;
    for (int i = 0; i < 1000; ++i) archive::get_record(db, records[(i * 7919) % count]["id"]);
    const double get_ms = get_clock.seconds();  // per 1000 gets, in seconds = ms per get

    std::printf("archive load of %d synthetic articles (%zu figures)\n", count, figures);
    bench::report("load articles", count, "articles", load_seconds, baseline_seconds);
    bench::report("load figures", static_cast<double>(figures), "figures", load_seconds, baseline_seconds);
    std::printf("archive bytes per article    %12.0f   (JSONL %0.f, ratio %.2fx)\n", archive_bytes / count,
                static_cast<double>(jsonl_bytes) / count, archive_bytes / static_cast<double>(jsonl_bytes));
    std::printf("FTS query + filters latency  %12.2f ms  (%zu hits over %zu queries)\n", query_ms, hits,
                rounds * queries.size());
    std::printf("get_record latency           %12.3f ms\n", get_ms);
    std::printf("peak RSS                     %12.1f MiB\n", bench::peak_rss_mib());
    std::filesystem::remove_all(dir);
    return 0;
}
