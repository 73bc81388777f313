// Benchmark helpers: /proc-based peak memory and uniform reporting.
#include "bench_support.hpp"

#include <cstdio>
#include <fstream>

namespace pubforge::bench {

double peak_rss_mib() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmHWM:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
    return 0.0;
}

void report(const std::string& name, double count, const std::string& unit, double seconds, double baseline_seconds) {
    const double rate = seconds > 0 ? count / seconds : 0;
    const double baseline = baseline_seconds > 0 ? count / baseline_seconds : 0;
    std::printf("%-28s %12.1f %s/s   baseline %12.1f %s/s   cost ratio %.2fx\n", name.c_str(), rate, unit.c_str(),
                baseline, unit.c_str(), baseline_seconds > 0 ? seconds / baseline_seconds : 0.0);
}

}  // namespace pubforge::bench
