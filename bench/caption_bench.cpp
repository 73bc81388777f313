// Caption splitting throughput (captions/s, one thread) over the CompFigSep captions, against one std::regex pass.
#include <cstdio>
#include <regex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bench_support.hpp"
#include "pubforge/core/files.hpp"
#include "pubforge/text/caption_split.hpp"

namespace {

// The 1,162 CompFigSep captions when ../shared/corpus is there, else generated look-alikes.
std::vector<std::string> load_captions(const std::string& root) {
    std::vector<std::string> captions;
    try {
        const auto data = nlohmann::json::parse(
            pubforge::read_file(root + "/../shared/corpus/captions/compfigsep-prostate/prostate_data.json"));
        for (const auto& [key, entry] : data.items()) captions.push_back(entry.value("caption", ""));
    } catch (const std::exception&) {
        for (int k = 0; k < 1000; ++k)
            captions.push_back("Immunohistochemistry of case " + std::to_string(k) +
                               ". (A) Normal gland with basal cells. (B) PIN lesion, Gleason 3+3 (n = 5). (C) Carcinoma "
                               "as in (A), see Fig. 2B. Scale bars, 50 um.");
    }
    return captions;
}

}  // namespace

int main(int argc, char** argv) {
    const std::string root = argc > 1 ? argv[1] : ".";
    const std::vector<std::string> captions = load_captions(root);
    const int rounds = 20;
    size_t labels = 0;
    pubforge::bench::Stopwatch split_clock;
    for (int r = 0; r < rounds; ++r)
        for (const std::string& c : captions) labels += pubforge::text::split_caption(c).subcaptions.size();
    const double split_seconds = split_clock.seconds();

    // Baseline: the "one regular expression" splitter the issue compares against.
    const std::regex label(R"(\(([A-Za-z])\))");
    size_t matches = 0;
    pubforge::bench::Stopwatch regex_clock;
    for (int r = 0; r < rounds; ++r)
        for (const std::string& c : captions)
            matches += static_cast<size_t>(std::distance(std::sregex_iterator(c.begin(), c.end(), label), std::sregex_iterator()));
    const double regex_seconds = regex_clock.seconds();

    const double count = static_cast<double>(captions.size()) * rounds;
    std::printf("%zu captions x %d rounds, %zu labels found (regex baseline: %zu)\n", captions.size(), rounds,
                labels / rounds, matches / rounds);
    pubforge::bench::report("split_caption", count, "captions", split_seconds, regex_seconds);
    std::printf("peak RSS %.1f MiB\n", pubforge::bench::peak_rss_mib());
    return 0;
}
