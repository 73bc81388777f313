// pubforge run: the whole chain in one process; prints the summary table on stderr.
#include "pubforge/pipeline/run.hpp"

#include <spdlog/spdlog.h>

#include <cstdio>

#include "common.hpp"
#include "subcommands.hpp"

namespace pubforge::cli {
namespace {

void print_summary(const pipeline::RunSummary& summary) {
    std::fprintf(stderr, "\n%-22s %10s\n", "inputs", std::to_string(summary.inputs).c_str());
    const std::pair<const char*, size_t> rows[] = {{"skipped (done before)", summary.skipped},
                                                   {"articles", summary.articles},
                                                   {"figures", summary.figures},
                                                   {"panels", summary.panels},
                                                   {"subcaptions", summary.subcaptions},
                                                   {"links", summary.links},
                                                   {"mentions", summary.mentions},
                                                   {"rejected", summary.rejected}};
    for (const auto& [name, value] : rows) std::fprintf(stderr, "%-22s %10zu\n", name, value);
    for (const auto& [code, count] : summary.rejects_by_code)
        std::fprintf(stderr, "  %-20s %10zu\n", code.c_str(), count);
    for (const auto& [kind, count] : summary.exported)
        std::fprintf(stderr, "%-22s %10zu\n", ("export " + kind).c_str(), count);
    std::fprintf(stderr, "%-22s %10s\n", "time per stage", "seconds");
    for (const auto& [stage, seconds] : summary.stage_seconds)
        std::fprintf(stderr, "  %-20s %10.2f\n", stage.c_str(), seconds);
}

}  // namespace

void setup_run(CLI::App& command, int& exit_code) {
    struct Options {
        pipeline::RunOptions run;
        BatchFlags batch;
        std::string exports = "text,pairs,subfigures,mentions,llava,requests";
        bool no_resume = false;
        bool no_report = false;
        std::string split = "train=0.9,val=0.05,test=0.05";
    };
    auto options = std::make_shared<Options>();
    command.add_option("inputs", options->run.inputs, "Files, directories, @list.txt, or - for paths on stdin")
        ->required();
    command
        .add_option("-o,--output", options->run.output_dir,
                    "Output directory (archive.sqlite, store/, exports/, report/, rejects.jsonl, summary.json)")
        ->required();
    command.add_option("--store", options->run.store_dir,
                       "Image store (default: OUTPUT/store; may be shared by shards)");
    command.add_option("--export", options->exports, "Comma-separated export kinds, or 'none'")->capture_default_str();
    command.add_option("--split", options->split, "Splits by article, e.g. train=0.9,val=0.05,test=0.05")
        ->capture_default_str();
    command.add_option("--seed", options->run.export_options.seed, "Split seed")->capture_default_str();
    command.add_option("--model", options->run.requests_model, "Model named in the LLM batch requests")
        ->capture_default_str();
    command.add_flag("--no-resume", options->no_resume, "Redo inputs already in the archive");
    command.add_flag("--no-report", options->no_report, "Do not write OUTPUT/report/index.html");
    add_batch_flags(command, options->batch, false, true);
    command.callback([options, &exit_code] {
        run_command(exit_code, [&] {
            pipeline::RunOptions& run = options->run;
            run.jobs = options->batch.jobs;
            run.shard = Shard::parse(options->batch.shard.empty() ? "1/1" : options->batch.shard);
            run.resume = !options->no_resume;
            run.with_report = !options->no_report;
            run.exports.clear();
            if (options->exports != "none")
                for (size_t start = 0; start <= options->exports.size();) {
                    const size_t comma = std::min(options->exports.find(',', start), options->exports.size());
                    if (comma > start) run.exports.push_back(options->exports.substr(start, comma - start));
                    start = comma + 1;
                }
            run.export_options.split = exporter::SplitSpec::parse(options->split);
            run.command_options = {{"exports", options->exports},
                                   {"split", options->split},
                                   {"seed", run.export_options.seed},
                                   {"shard", options->batch.shard}};
            RejectLog rejects(options->batch.rejects.empty() ? run.output_dir + "/rejects.jsonl"
                                                             : options->batch.rejects);
            const auto summary = [&] {
                ProgressBar bar;
                return pipeline::run_pipeline(run, rejects, [&bar](const std::string& stage, size_t done, size_t total) {
                    bar.show(stage, done, total);
                });
            }();
            rejects.close();
            if (spdlog::get_level() <= spdlog::level::info) print_summary(summary);
            return exit_code_for(rejects, options->batch);
        });
    });
}

}  // namespace pubforge::cli
