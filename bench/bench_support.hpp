// Benchmark helpers: wall-clock timing, peak resident memory, and the ratio line every bench prints.
#pragma once

#include <chrono>
#include <string>

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

// Peak resident set size of this process so far, in MiB (VmHWM from /proc/self/status).
double peak_rss_mib();

// Prints "name: X units/s (baseline Y units/s, ratio Z)" on stdout.
void report(const std::string& name, double count, const std::string& unit, double seconds, double baseline_seconds);

}  // namespace pubforge::bench
