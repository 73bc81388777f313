// pubforge run, pass by pass over one context: inputs, documents (parse, crop, align), load, exports, summary.
#include "pubforge/pipeline/run.hpp"

#include <atomic>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <set>

#include "pubforge/archive/archive.hpp"
#include "pubforge/archive/articles.hpp"
#include "pubforge/archive/loader.hpp"
#include "pubforge/core/files.hpp"
#include "pubforge/core/hash.hpp"
#include "pubforge/core/interrupt.hpp"
#include "pubforge/core/store.hpp"
#include "pubforge/export/source.hpp"
#include "pubforge/pipeline/outcome.hpp"

namespace pubforge::pipeline {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// Worker time per stage, summed over threads: where the CPU goes, whatever -j is.
struct StageClock {
    std::atomic<std::int64_t> micros{0};
    template <class F>
    void time(F&& step) {
        const auto start = Clock::now();
        step();
        micros += std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start).count();
    }
    double seconds() const { return static_cast<double>(micros.load()) / 1e6; }
};

// Everything the passes share.
struct Context {
    const RunOptions& options;
    RejectLog& rejects;
    const RunProgress& progress;
    ImageStore store;
    archive::Archive archive;
    std::vector<InputFile> inputs;
    std::set<std::string> done;  // source sha256 of articles already loaded by this version
    RunSummary summary;
    StageClock parse_clock, crop_clock, align_clock;
};

std::string store_dir_of(const RunOptions& options) {
    return options.store_dir.empty() ? options.output_dir + "/store" : options.store_dir;
}

// Articles loaded by this very version of every stage are done; anything else is redone.
std::set<std::string> finished_sources(archive::Archive& archive) {
    return archive::sources_done_with(
        archive, {{"parse", PUBFORGE_VERSION}, {"crop", PUBFORGE_VERSION}, {"align", PUBFORGE_VERSION}});
}

// Pass 2: parse, crop and align each document on the worker threads, load each
// result into the archive in input order on the calling thread.
void process_documents(Context& ctx) {
    archive::LoadOptions load_options;
    load_options.input_name = ctx.options.output_dir;
    load_options.command = "run";
    load_options.options_json = ctx.options.command_options;
    archive::Loader loader(ctx.archive, load_options, ctx.rejects);
    size_t finished = 0;
    const auto started = Clock::now();

    // On SIGINT the documents already loaded are committed as whole records, so a
    // resumed run skips them; nothing half-processed reaches the archive.
    try {
        for_each_ordered<InputFile, Outcome>(
            ctx.options.jobs, next_of(ctx.inputs),
            [&](InputFile& item) {
                Outcome outcome;
                outcome.input = item.path;
                if (ctx.options.resume && !ctx.done.empty()) {
                    std::string sha;
                    run_step(outcome, "parse", [&] { sha = sha256_file(item.path); });
                    if (ctx.done.count(sha)) return outcome;  // neither record nor error: skipped
                }
                ctx.parse_clock.time([&] {
                    run_step(outcome, "parse",
                             [&] { outcome.record = parse_input(item.path, ctx.store, ctx.options.parse); });
                });
                ctx.crop_clock.time([&] {
                    run_step(outcome, "crop", [&] {
                        crop_record(*outcome.record, ctx.store, ctx.options.crop);
                        mark_stage(*outcome.record, "crop");
                    });
                });
                ctx.align_clock.time([&] {
                    run_step(outcome, "align", [&] {
                        align::align_record(*outcome.record, ctx.options.align);
                        mark_stage(*outcome.record, "align");
                    });
                });
                return outcome;
            },
            [&](Outcome& outcome) {
                ++finished;
                if (outcome.error) {
                    ctx.rejects.add(outcome.input, outcome.stage, *outcome.error);
                } else if (!outcome.record) {
                    ++ctx.summary.skipped;
                } else {
                    const Record& record = *outcome.record;
                    ++ctx.summary.articles;
                    for (const auto& figure : record["figures"]) {
                        ++ctx.summary.figures;
                        ctx.summary.panels += figure.value("subfigures", nlohmann::json::array()).size();
                        ctx.summary.subcaptions += figure.value("subcaptions", nlohmann::json::array()).size();
                        ctx.summary.links += figure.value("links", nlohmann::json::array()).size();
                        ctx.summary.mentions += figure.value("mentions", nlohmann::json::array()).size();
                    }
                    loader.add(record);
                }
                if (ctx.progress) ctx.progress("documents", finished, ctx.inputs.size());
            });
    } catch (const Error& e) {
        if (e.code() == "interrupted") loader.finish();
        throw;
    }
    loader.finish();
    ctx.summary.stage_seconds["parse"] = ctx.parse_clock.seconds();
    ctx.summary.stage_seconds["crop"] = ctx.crop_clock.seconds();
    ctx.summary.stage_seconds["align"] = ctx.align_clock.seconds();
    ctx.summary.stage_seconds["documents (wall)"] = seconds_since(started);
}

// Pass 3: every requested dataset, from the archive the documents pass filled.
void write_exports(Context& ctx) {
    const auto source = exporter::open_archive_source(ctx.archive.path());
    for (const std::string& kind_name : ctx.options.exports) {
        throw_if_interrupted();
        const auto started = Clock::now();
        exporter::ExportOptions options = ctx.options.export_options;
        options.kind = exporter::parse_kind(kind_name);
        options.units = exporter::default_units(options.kind);
        options.jobs = ctx.options.jobs;
        options.overwrite = true;
        if (options.kind == exporter::Kind::Requests && options.requests.model.empty())
            options.requests.model = ctx.options.requests_model;
        const auto result = exporter::run_export(*source, ctx.store, ctx.options.output_dir + "/exports/" + kind_name,
                                                 options, [&](size_t done, size_t total) {
                                                     if (ctx.progress) ctx.progress("export " + kind_name, done, total);
                                                 });
        ctx.summary.exported[kind_name] = result.items;
        ctx.summary.stage_seconds["export " + kind_name] = seconds_since(started);
    }
}

// Pass 4: the report page over the archive, counting this run's rejects.
void write_report(Context& ctx) {
    const auto started = Clock::now();
    report::ReportOptions options = ctx.options.report_options;
    options.store_dir = ctx.store.root();
    options.rejects = ctx.rejects.by_stage_and_code();
    options.seed = ctx.options.export_options.seed;
    report::write_report(ctx.archive.path(), ctx.options.output_dir + "/report", options, [&](size_t done, size_t total) {
        if (ctx.progress) ctx.progress("report", done, total);
    });
    ctx.summary.stage_seconds["report"] = seconds_since(started);
}

}  // namespace

nlohmann::json RunSummary::to_json() const {
    return {{"inputs", inputs},     {"skipped", skipped},         {"articles", articles}, {"figures", figures},
            {"panels", panels},     {"subcaptions", subcaptions}, {"links", links},       {"mentions", mentions},
            {"rejected", rejected}, {"rejects", rejects_by_code}, {"exported", exported}};
}

RunSummary run_pipeline(const RunOptions& options, RejectLog& rejects, const RunProgress& progress) {
    std::filesystem::create_directories(options.output_dir);
    Context ctx{options, rejects, progress, ImageStore(store_dir_of(options)),
                archive::Archive::open(options.output_dir + "/archive.sqlite", archive::Archive::Mode::ReadWrite)};

    // Pass 1: the inputs of this shard, sorted, minus what an earlier run finished, and
    // the temporaries an earlier run killed mid-write left behind.
    ctx.store.remove_stale_temporaries();
    remove_stale_temporaries(options.output_dir);
    ctx.inputs = collect_inputs(options.inputs, std::cin, options.shard);
    ctx.summary.inputs = ctx.inputs.size();
    if (options.resume) ctx.done = finished_sources(ctx.archive);

    // Pass 2: parse -> crop -> align -> load, documents in parallel, loaded in input order.
    process_documents(ctx);

    // Pass 3: the datasets.
    write_exports(ctx);

    // Pass 4: the report.
    if (options.with_report) write_report(ctx);

    // Pass 5: the summary, written last so its presence marks a finished run (Makefile targets).
    ctx.summary.rejected = rejects.total();
    ctx.summary.rejects_by_code = rejects.by_code();
    write_file_atomic(options.output_dir + "/summary.json", ctx.summary.to_json().dump(2) + "\n");
    return ctx.summary;
}

}  // namespace pubforge::pipeline
