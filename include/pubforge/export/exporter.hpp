// The export entry point: one call turns an article source into a dataset folder of a given kind.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pubforge/core/store.hpp"
#include "pubforge/export/filters.hpp"
#include "pubforge/export/images.hpp"
#include "pubforge/export/item.hpp"
#include "pubforge/export/source.hpp"
#include "pubforge/export/split.hpp"

namespace pubforge::exporter {

enum class Kind { Text, Pairs, Subfigures, Mentions, Llava, Requests };
Kind parse_kind(const std::string& name);  // throws UsageError
std::string kind_name(Kind kind);

// Which items an image export walks: figures, panels, or both.
enum class Units { Figures, Panels, Both };
// What a kind exports when no --units is given: panels for subfigures, whole figures otherwise
// (the CLI and `run` share it, so `run` writes the same datasets as `export KIND`).
Units default_units(Kind kind);
// --units figures|panels|both, or `fallback` when empty; throws UsageError on anything else.
Units parse_units(const std::string& name, Units fallback);
// --unaligned drop|full-caption; throws UsageError on anything else.
Unaligned parse_unaligned(const std::string& name);

struct TextOptions {
    bool captions = false;    // append figure captions to each article's text
    bool tables = false;      // append table captions and cell text
    bool plain_text = false;  // also write <split>/text/<id>.txt
};

struct PairsOptions {
    std::vector<std::string> layouts = {"webdataset"};  // webdataset, tsv, imagefolder, blip
    size_t shard_size = 1000;                           // samples per WebDataset shard
};

struct MentionsOptions {
    bool json_array = false;        // one JSON array per split instead of JSON Lines
    bool require_mentions = false;  // skip figures nobody mentions in the text
};

struct LlavaOptions {
    std::string style = "llava";                         // llava (from/value) or chat (role/content)
    std::vector<std::string> sources = {"captions"};     // captions, responses
    std::vector<std::string> tasks = {"ift", "mcq", "ddx", "vqa"};  // which imported responses
    std::string instructions = "caption_instructions.txt";  // pool under the prompts dir
};

struct RequestsOptions {
    std::vector<std::string> tasks = {"ift"};  // ift, mcq, ddx, vqa, abstract
    std::string model;                         // required
    std::string image = "data-url";            // data-url or file
    std::string image_base = "images/";        // URL prefix for --image file
    int max_tokens = 2048;
    double temperature = -1;             // < 0: not sent
    size_t requests_per_file = 50000;    // OpenAI's per-file limit
    size_t abstract_figures = 3;         // figures attached to an abstract request
};

struct ExportOptions {
    Kind kind = Kind::Pairs;
    Filters filters;
    SplitSpec split = SplitSpec::parse("train=1");
    std::uint64_t seed = 314;
    Units units = Units::Figures;
    Unaligned unaligned = Unaligned::Drop;
    ImageOptions image;
    std::string prompts_dir = PUBFORGE_DATA_DIR "/prompts";
    int jobs = 1;
    bool overwrite = false;
    TextOptions text;
    PairsOptions pairs;
    MentionsOptions mentions;
    LlavaOptions llava;
    RequestsOptions requests;

    void validate() const;  // throws UsageError
    // The options that shape the output, as the manifest records them (no paths, no -j).
    nlohmann::json to_json() const;
};

struct ExportSummary {
    size_t articles_seen = 0;
    size_t articles = 0;  // articles with at least one item (or line) written
    size_t items = 0;
    std::map<std::string, size_t> per_split;  // items per split
    RejectCounts skipped;                     // filtered out, by reason
    RejectCounts errors;                      // could not be exported, by error code
    std::uint64_t words = 0;                  // text export
    std::map<std::string, size_t> licenses;   // items per licence code ("" unknown), for the dataset card
    std::map<std::string, size_t> languages;  // items per article language ("" unknown)
    size_t files = 0;

    size_t failed() const {
        size_t total = 0;
        for (const auto& entry : errors) total += entry.second;
        return total;
    }
};

// done = articles read so far, total = articles in the source.
using Progress = std::function<void(size_t done, size_t total)>;

// Writes the dataset folder. Items are read in article-id order and emitted in that
// order whatever `jobs` is, so the same source and options give a byte-identical
// folder; manifest.json is written last. Per-item failures (image missing from the
// store, undecodable for re-encoding) are counted in `errors`, never thrown; I/O
// failures on the output are fatal Errors.
ExportSummary run_export(const ArticleSource& source, const ImageStore& store, const std::string& output_dir,
                         const ExportOptions& options, const Progress& progress = {});

// "pairs: 120 items (train 110, val 6, test 4) from 40 articles; 12 skipped (min-side: 9, ...)".
std::string summary_line(Kind kind, const ExportSummary& summary);

}  // namespace pubforge::exporter
