// The fuzz entry points: each feeds bytes to one reader with the limits a batch run would use.
#include "entry_points.hpp"

#include <unistd.h>

#include <filesystem>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

#include "pubforge/core/document.hpp"
#include "pubforge/core/error.hpp"
#include "pubforge/core/image_probe.hpp"
#include "pubforge/core/store.hpp"
#include "pubforge/image/decode.hpp"
#include "pubforge/image/panels.hpp"
#include "pubforge/jats/jats_reader.hpp"
#include "pubforge/pdf/pdf_reader.hpp"
#include "pubforge/text/caption_split.hpp"

namespace pubforge::fuzz {
namespace {

namespace fs = std::filesystem;

// A store of this process's own under the temp dir, emptied after every input so a
// long fuzzing run does not fill the disk; removed at exit.
class ScratchStore {
public:
    ScratchStore()
        : root_(fs::temp_directory_path() / ("pubforge-fuzz-store-" + std::to_string(::getpid()))),
          store_(root_.string()) {}
    ~ScratchStore() {
        std::error_code ec;
        fs::remove_all(root_, ec);
    }
    ImageStore& store() { return store_; }
    void empty() {
        std::error_code ec;
        std::vector<fs::path> entries;
        for (const auto& entry : fs::directory_iterator(root_, ec)) entries.push_back(entry.path());
        for (const auto& path : entries) fs::remove_all(path, ec);
    }

private:
    fs::path root_;
    ImageStore store_;
};

ScratchStore& scratch_store() {
    static ScratchStore store;
    return store;
}

struct EmptiedAfterwards {
    ~EmptiedAfterwards() { scratch_store().empty(); }
};

SourceDocument document(std::string_view bytes, const char* path, const char* kind, Format format) {
    SourceDocument doc;
    doc.path = path;
    doc.kind = kind;
    doc.format = format;
    doc.bytes.assign(bytes.data(), bytes.size());
    doc.sha256 = std::string(64, '0');
    doc.input_bytes = bytes.size();
    return doc;
}

}  // namespace

void jats_reader(std::string_view bytes) {
    SourceDocument doc = document(bytes, "fuzz.xml", "jats", Format::Xml);
    // One package file made of the input's first bytes, so graphic resolution and
    // header probing see arbitrary bytes too.
    doc.resources = make_memory_resolver({{"fig1.png", doc.bytes.substr(0, 64)}});
    jats::JatsOptions options;
    options.store_images = false;
    jats::parse_jats(doc, scratch_store().store(), options);
}

void pdf_reader(std::string_view bytes) {
    SourceDocument doc = document(bytes, "fuzz.pdf", "pdf", Format::Pdf);
    doc.resources = make_memory_resolver({});
    pdf::PdfOptions options;
    // Short enough that libFuzzer's -timeout only fires when the limit itself is not honoured.
    options.time_limit_seconds = 2;
    options.max_image_pixels = 4'000'000;
    // Images are extracted and stored: sample unpacking, soft masks and filters are the riskiest code.
    options.store_images = true;
    const EmptiedAfterwards emptied;
    pdf::parse_pdf(doc, scratch_store().store(), options);
}

void caption_splitter(std::string_view bytes) {
    const auto split = text::split_caption(bytes);
    for (const auto& sub : split.subcaptions)
        if (sub.begin > sub.end || sub.end > bytes.size())
            throw std::logic_error("split_caption: subcaption span out of the caption");
    text::count_caption_labels(bytes);
}

void image_loader(std::string_view bytes) {
    probe_image_size(bytes);
    DecodeOptions options;
    // Smaller than a batch's limit: decoding and panel detection of big images would slow fuzzing to a crawl.
    options.max_pixels = 1'000'000;
    const cv::Mat image = decode_image(bytes, options);
    detect_panels(image, PanelOptions{});
}

const std::vector<Target>& targets() {
    static const std::vector<Target> all = {
        {"jats", jats_reader},
        {"pdf", pdf_reader},
        {"caption", caption_splitter},
        {"image", image_loader},
    };
    return all;
}

int run_one(EntryPoint entry, const unsigned char* data, std::size_t size) {
    try {
        entry(std::string_view(reinterpret_cast<const char*>(data), size));
    } catch (const Error&) {
        // A specific rejection is the wanted outcome for bad bytes.
    }
    return 0;
}

}  // namespace pubforge::fuzz
