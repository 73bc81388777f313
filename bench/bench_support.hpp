// Benchmark helpers: wall-clock and CPU timing, peak resident memory, the ratio line every bench prints, the JATS bench corpus.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "pubforge/core/document.hpp"

namespace pubforge::bench {

class Stopwatch {
public:
    Stopwatch() : start_(std::chrono::steady_clock::now()) {}
    double seconds() const {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    }

private:
    std::chrono::steady_clock::time_point start_;
};

// CPU time of this thread: on a machine shared with other jobs, wall time also
// counts the time the scheduler gave to others; CPU time counts only this work.
class CpuStopwatch {
public:
    CpuStopwatch() : start_(now()) {}
    double seconds() const { return now() - start_; }
    static double now();

private:
    double start_;
};

// The JATS corpus the benches parse: ../shared/corpus/jats next to the repo when
// present, else the repo's tests/fixtures/jats.
std::string jats_corpus_dir(const std::string& repo);

// Article XML under `root` as in-memory documents without package files (docling's
// ground truth, DAR manifests and hostile fixtures are not articles), in path order.
std::vector<SourceDocument> load_jats_articles(const std::string& root);

// Single-thread CPU rate (articles/s) of jats::parse_jats over `docs`, best of `rounds`.
double jats_parse_rate(const std::vector<SourceDocument>& docs, int rounds);

// Peak resident set size of this process so far, in MiB (VmHWM from /proc/self/status).
double peak_rss_mib();

// Prints "name: X units/s (baseline Y units/s, ratio Z)" on stdout.
void report(const std::string& name, double count, const std::string& unit, double seconds, double baseline_seconds);

}  // namespace pubforge::bench
