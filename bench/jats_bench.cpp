// JATS parse throughput (articles/s, MB/s, one thread) against a bare libxml2 parse of the same bytes, plus peak RSS.
#include <libxml/parser.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "bench_support.hpp"
#include "pubforge/core/error.hpp"
#include "pubforge/core/files.hpp"
#include "pubforge/jats/jats_reader.hpp"
#include "pubforge/jats/xml_document.hpp"

namespace fs = std::filesystem;
using namespace pubforge;


int main(int argc, char** argv) {
    const fs::path repo = argc > 1 ? fs::path(argv[1]) : fs::current_path();
    const fs::path corpus = bench::jats_corpus_dir(repo.string());
    const std::vector<SourceDocument> docs = bench::load_jats_articles(corpus.string());
    if (docs.empty()) {
        std::fprintf(stderr, "jats_bench: no article XML under %s\n", corpus.string().c_str());
        return 1;
    }
    size_t total_bytes = 0;
    for (const auto& doc : docs) total_bytes += doc.bytes.size();
    // Enough rounds for about 40 MB of XML per side, so timer noise stays small.
    const int rounds = static_cast<int>(std::max<size_t>(3, (40u << 20) / std::max<size_t>(total_bytes, 1)));
    std::printf("corpus %s: %zu articles, %.2f MB, best of %d rounds\n", corpus.string().c_str(), docs.size(),
                total_bytes / 1e6, rounds);

    // Rounds alternate the three runs and each keeps its fastest round (thread CPU
    // time): on a shared machine that is the measurement least disturbed by others.
    xmlInitParser();
    ImageStore store((fs::temp_directory_path() / "pubforge-jats-bench-store").string());
    jats::JatsOptions options;
    options.store_images = false;
    double bare_seconds = 1e30, safe_seconds = 1e30, reader_seconds = 1e30;
    size_t figures = 0, failures = 0;
    for (int r = 0; r < rounds; ++r) {
        bench::CpuStopwatch bare;
        for (const auto& doc : docs) {
            xmlDoc* parsed = xmlReadMemory(doc.bytes.data(), static_cast<int>(doc.bytes.size()), nullptr, nullptr,
                                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
            xmlFreeDoc(parsed);
        }
        bare_seconds = std::min(bare_seconds, bare.seconds());

        // The reader's own libxml2 parse (entity hooks, error capture), to split the cost.
        bench::CpuStopwatch safe;
        for (const auto& doc : docs) {
            try {
                jats::XmlDocument::parse(doc.bytes, doc.path);
            } catch (const Error&) {
            }
        }
        safe_seconds = std::min(safe_seconds, safe.seconds());

        bench::CpuStopwatch reader;
        figures = 0;
        for (const auto& doc : docs) {
            try {
                figures += jats::parse_jats(doc, store, options)["figures"].size();
            } catch (const Error&) {
                ++failures;
            }
        }
        reader_seconds = std::min(reader_seconds, reader.seconds());
    }

    const double articles = static_cast<double>(docs.size());
    const double megabytes = static_cast<double>(total_bytes) / 1e6;
    bench::report("jats parse (articles)", articles, "articles", reader_seconds, bare_seconds);
    bench::report("jats parse (MB)", megabytes, "MB", reader_seconds, bare_seconds);
    bench::report("safe XML parse only (MB)", megabytes, "MB", safe_seconds, bare_seconds);
    std::printf("figures per round %zu, failures %zu, peak RSS %.1f MiB\n", figures, failures,
                bench::peak_rss_mib());
    fs::remove_all(store.root());
    return failures == 0 ? 0 : 1;
}
