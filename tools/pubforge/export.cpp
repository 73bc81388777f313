// pubforge export KIND: parse the options shared by every kind plus the kind's own, then call exporter::run_export.
#include <memory>

#include <spdlog/spdlog.h>

#include "common.hpp"
#include "pubforge/core/store.hpp"
#include "pubforge/export/exporter.hpp"
#include "subcommands.hpp"

namespace pubforge::cli {
namespace {

using exporter::ExportOptions;
using exporter::Kind;

struct ExportCommand {
    std::string db, records, store = "store", output, split = "train=1", unaligned = "drop", units;
    bool figures_only = false, panels_only = false;
    BatchFlags batch;  // --max-errors, --strict and -j; an export's failures are items, not documents
    ExportOptions options;
};

void add_common_options(CLI::App& kind, ExportCommand& c) {
    auto& f = c.options.filters;
    kind.add_option("--db", c.db, "Archive to read (pubforge archive load)");
    kind.add_option("--records", c.records, "Article records JSONL to read instead of an archive");
    kind.add_option("--store", c.store, "Image store directory")->capture_default_str();
    kind.add_option("-o,--output", c.output, "Dataset folder to write (absent or empty)")->required();
    kind.add_flag("--overwrite", c.options.overwrite, "Replace a previous export in the output folder");
    kind.add_option("--license", f.license_classes, "License classes to keep: commercial, noncommercial, other")->delimiter(',');
    kind.add_option("--license-code", f.license_codes, "Exact license codes to keep, e.g. CC-BY-4.0,CC0-1.0")->delimiter(',');
    kind.add_option("--year-min", f.year_min, "First publication year kept");
    kind.add_option("--year-max", f.year_max, "Last publication year kept");
    kind.add_option("--journal", f.journals, "Journal titles to keep (exact, case-insensitive)")->delimiter(',');
    kind.add_option("--article-type", f.article_types, "Article types to keep, e.g. research-article")->delimiter(',');
    kind.add_option("--language", f.languages, "Languages to keep, e.g. en")->delimiter(',');
    kind.add_option("--query", f.match, "FTS5 full-text query, e.g. 'brain OR cerebral'");
    kind.add_option("--domain", f.domains, "Domain tags to keep (any of), e.g. mri,ct")->delimiter(',');
    kind.add_option("--min-side", f.min_side, "Smallest image side in pixels");
    kind.add_option("--max-aspect", f.max_aspect, "Largest long/short side ratio");
    kind.add_option("--caption-words-min", f.caption_words_min, "Fewest caption words");
    kind.add_option("--caption-words-max", f.caption_words_max, "Most caption words");
    kind.add_flag("--dedupe", f.dedupe_exact, "Drop exact duplicate images (same sha256)");
    kind.add_option("--near-duplicates", f.near_duplicate_distance, "Drop near duplicates within this pHash Hamming distance (e.g. 4)");
    kind.add_option("--per-article", f.per_article_cap, "Keep at most N items per article");
    kind.add_option("--split", c.split, "Splits by article, e.g. train=0.9,val=0.05,test=0.05")->capture_default_str();
    kind.add_option("--seed", c.options.seed, "Seed of the split (and instruction) assignment")->capture_default_str();
    add_error_budget_flags(kind, c.batch, "items fail (missing or undecodable images)", "item fails");
    if (c.options.kind == Kind::Text) return;
    kind.add_flag("--figures-only", c.figures_only, "Whole figures only");
    kind.add_flag("--panels-only", c.panels_only, "Panels (subfigures) only");
    kind.add_option("--units", c.units, "figures, panels or both");
    kind.add_option("--unaligned", c.unaligned, "What a panel without a subcaption gets: drop or full-caption")
        ->capture_default_str();
    kind.add_option("--max-side", c.options.image.max_side, "Re-encode images larger than N pixels on their long side");
    auto* format = kind.add_option("--format", c.options.image.format,
                                   "Image format: auto (JPEG/PNG/WebP copied, TIFF/GIF/BMP/JP2 to PNG or JPEG), keep, jpg or png")
                       ->capture_default_str();
    kind.add_flag_callback("--keep-original-format", [&c] { c.options.image.format = "keep"; },
                           "Copy every image in its own format (TIFF and GIF too); same as --format keep")
        ->excludes(format);
    kind.add_option("--quality", c.options.image.quality, "JPEG quality when re-encoding")->capture_default_str();
    kind.add_option("--prompts", c.options.prompts_dir, "Prompt directory")->capture_default_str();
}

void add_kind_options(CLI::App& kind, ExportCommand& c) {
    auto& o = c.options;
    switch (o.kind) {
        case Kind::Text:
            kind.add_flag("--captions", o.text.captions, "Include figure captions");
            kind.add_flag("--tables", o.text.tables, "Include table captions and cells");
            kind.add_flag("--plain-text", o.text.plain_text, "Also write <split>/text/<id>.txt");
            break;
        case Kind::Pairs:
        case Kind::Subfigures:
            kind.add_option("--layout", o.pairs.layouts, "webdataset, tsv, imagefolder, blip (comma-separated)")->delimiter(',');
            kind.add_option("--shard-size", o.pairs.shard_size, "Samples per WebDataset shard")->capture_default_str();
            break;
        case Kind::Mentions:
            kind.add_flag("--json", o.mentions.json_array, "One JSON array per split instead of JSON Lines");
            kind.add_flag("--require-mentions", o.mentions.require_mentions, "Skip figures the text never mentions");
            break;
        case Kind::Llava:
            kind.add_option("--style", o.llava.style, "llava (from/value) or chat (role/content)")->capture_default_str();
            kind.add_option("--from", o.llava.sources, "captions, responses (comma-separated)")->delimiter(',');
            kind.add_option("--tasks", o.llava.tasks, "Imported response tasks to use: ift, mcq, ddx, vqa")->delimiter(',');
            kind.add_option("--instructions", o.llava.instructions, "Instruction pool file under the prompt directory")->capture_default_str();
            break;
        case Kind::Requests:
            kind.add_option("--tasks", o.requests.tasks, "ift, mcq, ddx, vqa, abstract (comma-separated)")->delimiter(',');
            kind.add_option("--model", o.requests.model, "Model name written in every request")->required();
            kind.add_option("--image", o.requests.image, "data-url (base64 inline) or file (written to images/)")->capture_default_str();
            kind.add_option("--image-base", o.requests.image_base, "URL prefix of images with --image file")->capture_default_str();
            kind.add_option("--max-tokens", o.requests.max_tokens, "max_tokens of every request")->capture_default_str();
            kind.add_option("--temperature", o.requests.temperature, "Sampling temperature (omitted when not given)");
            kind.add_option("--requests-per-file", o.requests.requests_per_file, "Requests per JSONL file")->capture_default_str();
            kind.add_option("--abstract-figures", o.requests.abstract_figures, "Figures attached to an abstract request")->capture_default_str();
            break;
    }
}

exporter::Units units_from(const ExportCommand& c) {
    if (c.figures_only && c.panels_only) throw UsageError("--figures-only and --panels-only exclude each other");
    if (c.figures_only) return exporter::Units::Figures;
    if (c.panels_only) return exporter::Units::Panels;
    return exporter::parse_units(c.units, exporter::default_units(c.options.kind));
}

}  // namespace

void setup_export(CLI::App& command, int& exit_code) {
    command.require_subcommand(1);
    for (const Kind kind : {Kind::Text, Kind::Pairs, Kind::Subfigures, Kind::Mentions, Kind::Llava, Kind::Requests}) {
        auto c = std::make_shared<ExportCommand>();
        c->options.kind = kind;
        CLI::App& sub = *command.add_subcommand(exporter::kind_name(kind), "Export a " + exporter::kind_name(kind) + " dataset");
        add_common_options(sub, *c);
        add_kind_options(sub, *c);
        sub.callback([c, kind, &exit_code] {
            run_command(exit_code, [&] {
                c->options.split = exporter::SplitSpec::parse(c->split);
                c->options.units = units_from(*c);
                c->options.unaligned = exporter::parse_unaligned(c->unaligned);
                c->options.jobs = c->batch.jobs;
                const auto source = exporter::open_source(c->db, c->records);
                const ImageStore store(c->store);
                ProgressBar bar;
                const auto summary = exporter::run_export(*source, store, c->output, c->options,
                                                          [&bar](size_t done, size_t total) { bar.show("articles", done, total); });
                spdlog::log(summary.failed() ? spdlog::level::warn : spdlog::level::info, "{}",
                            exporter::summary_line(kind, summary));
                return exit_code_for(summary.failed(), c->batch);
            });
        });
    }
}

}  // namespace pubforge::cli
