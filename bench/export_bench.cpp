// Benchmark: pairs exported per second (copy-through and re-encoding) against `cp` of the same image bytes, with peak RSS.
#include <cstdio>
#include <cstdlib>
#include <unistd.h>
#include <filesystem>
#include <string>
#include <vector>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "bench_support.hpp"
#include "pubforge/core/store.hpp"
#include "pubforge/export/exporter.hpp"

namespace fs = std::filesystem;
using namespace pubforge;

namespace {

// A photo-like JPEG (gradients and shapes), about the size of a journal figure.
std::string figure_jpeg(int seed) {
    cv::Mat image(768, 1024, CV_8UC3);
    cv::RNG rng(static_cast<uint64_t>(seed) + 1);
    cv::randu(image, cv::Scalar::all(0), cv::Scalar::all(255));
    cv::GaussianBlur(image, image, cv::Size(0, 0), 6);
    for (int i = 0; i < 12; ++i)
        cv::circle(image, cv::Point(rng.uniform(0, 1024), rng.uniform(0, 768)), rng.uniform(10, 200),
                   cv::Scalar(rng.uniform(0, 255), rng.uniform(0, 255), rng.uniform(0, 255)), cv::FILLED);
    std::vector<uchar> bytes;
    cv::imencode(".jpg", image, bytes, {cv::IMWRITE_JPEG_QUALITY, 90});
    return std::string(bytes.begin(), bytes.end());
}

Record article(ImageStore& store, int index, int figures) {
    Record record = {{"schema", 1}, {"id", "PMC" + std::to_string(100000 + index)}, {"source", {{"kind", "jats"}, {"path", "x"}, {"sha256", std::string(64, 'a')}}},
                     {"title", "Benchmark article"}, {"year", 2020}, {"license", {{"code", "CC-BY-4.0"}, {"class", "commercial"}}},
                     {"figures", nlohmann::json::array()}, {"tables", nlohmann::json::array()}, {"warnings", nlohmann::json::array()}};
    // Body text and references as a real article has them (tens of kilobytes): what a pairs export never reads.
    nlohmann::json sections = nlohmann::json::array();
    for (int s = 0; s < 6; ++s) {
        nlohmann::json paragraphs = nlohmann::json::array();
        for (int p = 0; p < 5; ++p) {
            std::string text;
            for (int w = 0; w < 120; ++w) text += (w ? " " : "") + std::string(w % 7 ? "tissue" : "lesion") + std::to_string((s * 5 + p + w) % 97);
            paragraphs.push_back({{"id", "p" + std::to_string(s) + "." + std::to_string(p)}, {"text", text}});
        }
        sections.push_back({{"id", "sec" + std::to_string(s)}, {"title", "Results"}, {"paragraphs", paragraphs}});
    }
    record["sections"] = sections;
    record["references"] = nlohmann::json::array();
    for (int r = 0; r < 40; ++r)
        record["references"].push_back({{"id", "ref" + std::to_string(r)}, {"text", "Smith J, Doe A. A study of brains. J Neuro. 2001;12:34-56."}});
    for (int f = 0; f < figures; ++f) {
        const StoredImage image = store.put(figure_jpeg(index * figures + f));
        record["figures"].push_back({{"id", "fig" + std::to_string(f + 1)}, {"label", "Figure " + std::to_string(f + 1)},
                                     {"caption", {{"text", "Axial MRI of the brain showing a ring-enhancing lesion in the left frontal lobe."}}},
                                     {"graphics", {{{"href", "f.jpg"}, {"image", image.to_json()}}}}});
    }
    return record;
}

}  // namespace

int main(int argc, char** argv) {
    const std::string root = argc > 1 ? argv[1] : ".";
    const fs::path work = fs::temp_directory_path() / ("pubforge-export-bench-" + std::to_string(::getpid()));
    fs::create_directories(work);
    const int articles = 100, figures = 3;
    ImageStore store((work / "store").string());
    std::vector<Record> records;
    for (int i = 0; i < articles; ++i) records.push_back(article(store, i, figures));
    const exporter::RecordSource source(records);
    const double pairs = articles * figures;

    // Baseline: cp of the very bytes an export copies through.
    bench::Stopwatch cp_clock;
    const std::string command = "cp -r '" + (work / "store").string() + "' '" + (work / "cp").string() + "'";
    if (std::system(command.c_str()) != 0) std::fprintf(stderr, "cp failed\n");
    const double cp_seconds = cp_clock.seconds();

    auto run = [&](const std::string& name, exporter::ExportOptions options) {
        options.prompts_dir = root + "/data/prompts";
        bench::Stopwatch clock;
        const auto summary = exporter::run_export(source, store, (work / name).string(), options);
        bench::report(name, static_cast<double>(summary.items), "pairs", clock.seconds(), cp_seconds);
    };
    exporter::ExportOptions webdataset;
    webdataset.kind = exporter::Kind::Pairs;
    // The 2-thread run goes first: oneTBB sizes its worker pool on the first arena it sees.
    exporter::ExportOptions reencode = webdataset;
    reencode.image.max_side = 512;
    reencode.image.format = "jpg";
    reencode.jobs = 2;
    run("pairs re-encode 512 jpg j2", reencode);
    reencode.jobs = 1;
    run("pairs re-encode 512 jpg j1", reencode);
    run("pairs webdataset copy", webdataset);
    exporter::ExportOptions files = webdataset;
    files.pairs.layouts = {"imagefolder", "tsv"};
    run("pairs imagefolder copy", files);
    exporter::ExportOptions dedupe = webdataset;
    dedupe.filters.near_duplicate_distance = 4;
    run("pairs webdataset + pHash", dedupe);
    std::printf("%.0f pairs (%d articles), cp baseline %.3f s, peak RSS %.1f MiB\n", pairs, articles, cp_seconds, bench::peak_rss_mib());
    fs::remove_all(work);
    return 0;
}
