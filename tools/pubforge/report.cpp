// pubforge report: an archive as a static HTML page (numbers, plots, galleries); options in, one library call.
#include <spdlog/spdlog.h>

#include <cstdio>

#include "common.hpp"
#include "pubforge/report/report.hpp"
#include "subcommands.hpp"

namespace pubforge::cli {

void setup_report(CLI::App& command, int& exit_code) {
    struct Options {
        std::string db;
        std::string output;
        std::string rejects;
        report::ReportOptions settings;
    };
    auto options = std::make_shared<Options>();
    command.add_option("db", options->db, "The archive (archive.sqlite)")->required();
    command.add_option("-o,--output", options->output, "Report folder: index.html, plots/, figures/")->required();
    command.add_option("--store", options->settings.store_dir, "Image store (default: the archive's folder/store)");
    command.add_option("--rejects", options->rejects,
                       "Rejects JSONL to count by stage and code (default: the archive's folder/rejects.jsonl if present)");
    command.add_option("--sample", options->settings.sample, "Figures in the gallery")->capture_default_str();
    command.add_option("--seed", options->settings.seed, "Which figures the gallery shows")->capture_default_str();
    command.add_option("--max-side", options->settings.gallery.max_side, "Longest side of a drawn figure, in pixels")
        ->capture_default_str();
    command.callback([options, &exit_code] {
        run_command(exit_code, [&] {
            std::string rejects = options->rejects;
            if (rejects.empty()) {
                const auto slash = options->db.find_last_of('/');
                rejects = (slash == std::string::npos ? std::string() : options->db.substr(0, slash + 1)) + "rejects.jsonl";
            }
            options->settings.rejects = report::count_rejects(rejects);
            const auto summary = [&] {
                ProgressBar bar;
                return report::write_report(options->db, options->output, options->settings,
                                            [&bar](size_t done, size_t total) { bar.show("drawing figures", done, total); });
            }();
            spdlog::info("report: {}/index.html: {} plots, {} gallery figures, {} unpaired, {} images not shown",
                         options->output, summary.plots, summary.figures, summary.unaligned_figures, summary.missing_images);
            return kExitOk;
        });
    });
}

}  // namespace pubforge::cli
