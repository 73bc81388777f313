// Crop benchmark: figures/s for decode + panel detection on one thread, against decoding the same images alone.
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include <opencv2/core/utility.hpp>
#include <opencv2/imgcodecs.hpp>

#include "bench_support.hpp"
#include "pubforge/core/allocator.hpp"
#include "pubforge/core/files.hpp"
#include "pubforge/image/decode.hpp"
#include "pubforge/image/panels.hpp"
#include "pubforge/image/synthetic_figures.hpp"

namespace fs = std::filesystem;
using namespace pubforge;

namespace {

// Corpus figures when ../shared/corpus is there, else 60 generated figures (PNG and JPEG).
std::vector<std::string> load_images(const std::string& root) {
    std::vector<std::string> images;
    const fs::path corpus = fs::path(root) / ".." / "shared" / "corpus" / "figures";
    if (fs::exists(corpus)) {
        std::vector<fs::path> paths;
        for (const auto& entry : fs::recursive_directory_iterator(corpus)) {
            const std::string ext = entry.path().extension().string();
            if (entry.is_regular_file() && (ext == ".jpg" || ext == ".png") &&
                entry.path().string().find("publaynet") == std::string::npos)
                paths.push_back(entry.path());
        }
        std::sort(paths.begin(), paths.end());
        for (const auto& p : paths) images.push_back(read_file(p.string()));
        std::printf("images: %zu corpus figures\n", images.size());
        return images;
    }
    for (std::uint32_t seed = 1; seed <= 60; ++seed) {
        std::vector<uchar> bytes;
        cv::imencode(seed % 2 ? ".png" : ".jpg", make_synthetic_figure(seed).image, bytes);
        images.emplace_back(bytes.begin(), bytes.end());
    }
    std::printf("images: %zu generated figures (corpus absent)\n", images.size());
    return images;
}

}  // namespace

int main(int argc, char** argv) {
    const std::string root = argc > 1 ? argv[1] : ".";
    retain_freed_memory();  // as the CLI does: page faults on fresh buffers would dominate both sides
    cv::setNumThreads(1);  // single thread: the ratio, not OpenCV's parallelism, is measured
    const std::vector<std::string> images = load_images(root);
    const int rounds = 5;
    // Warm-up: the glyph templates are rendered once per process.
    detect_panels(decode_image(images.front()));

    bench::Stopwatch decode_clock;
    size_t pixels = 0;
    for (int r = 0; r < rounds; ++r)
        for (const std::string& bytes : images) pixels += decode_image(bytes).total();
    const double decode_seconds = decode_clock.seconds();

    bench::Stopwatch crop_clock;
    size_t panels = 0;
    for (int r = 0; r < rounds; ++r)
        for (const std::string& bytes : images) panels += detect_panels(decode_image(bytes)).panels.size();
    const double crop_seconds = crop_clock.seconds();

    const double figures = static_cast<double>(images.size()) * rounds;
    bench::report("crop (decode + detect)", figures, "figures", crop_seconds, decode_seconds);
    std::printf("panels per figure %.2f, megapixels decoded %.1f\n", static_cast<double>(panels) / figures,
                static_cast<double>(pixels) / 1e6);
    std::printf("peak RSS %.1f MiB\n", bench::peak_rss_mib());
    return 0;
}
