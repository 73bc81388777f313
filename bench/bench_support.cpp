// Benchmark helpers: CPU clock, /proc-based peak memory, uniform reporting, the JATS bench corpus.
#include "bench_support.hpp"

#include <time.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "pubforge/core/error.hpp"
#include "pubforge/core/files.hpp"
#include "pubforge/core/store.hpp"
#include "pubforge/jats/jats_reader.hpp"

namespace pubforge::bench {

namespace fs = std::filesystem;

double CpuStopwatch::now() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

std::string jats_corpus_dir(const std::string& repo) {
    const fs::path shared = fs::path(repo) / ".." / "shared" / "corpus" / "jats";
    return (fs::is_directory(shared) ? shared : fs::path(repo) / "tests" / "fixtures" / "jats").string();
}

std::vector<SourceDocument> load_jats_articles(const std::string& root) {
    std::vector<std::string> paths;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
        const std::string ext = it->path().extension().string();
        const std::string path = it->path().string();
        if (!it->is_regular_file() || (ext != ".xml" && ext != ".nxml")) continue;
        if (path.find("/groundtruth/") != std::string::npos || path.find("/hostile/") != std::string::npos ||
            it->path().filename() == "manifest.xml")
            continue;
        paths.push_back(path);
    }
    std::sort(paths.begin(), paths.end());
    std::vector<SourceDocument> docs;
    for (const auto& path : paths) {
        SourceDocument doc;
        doc.path = path;
        doc.kind = "jats";
        doc.format = Format::Xml;
        doc.bytes = read_file(path);
        doc.sha256 = std::string(64, '0');  // hashing the input is open_document's cost, not the reader's
        doc.input_bytes = doc.bytes.size();
        // No package files: the benches measure XML reading, not image hashing or disk reads.
        doc.resources = make_memory_resolver({});
        docs.push_back(std::move(doc));
    }
    return docs;
}

double jats_parse_rate(const std::vector<SourceDocument>& docs, int rounds) {
    ImageStore store((fs::temp_directory_path() / "pubforge-bench-jats-rate-store").string());
    jats::JatsOptions options;
    options.store_images = false;
    double best = 1e30;
    size_t parsed = 0;
    for (int r = 0; r < rounds; ++r) {
        CpuStopwatch clock;
        parsed = 0;
        for (const auto& doc : docs) {
            try {
                jats::parse_jats(doc, store, options);
                ++parsed;
            } catch (const Error&) {
            }
        }
        best = std::min(best, clock.seconds());
    }
    fs::remove_all(store.root());
    return best > 0 ? static_cast<double>(parsed) / best : 0;
}

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
