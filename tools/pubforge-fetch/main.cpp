// pubforge-fetch: the downloader `pubforge fetch` executes (it alone links libcurl); options as `pubforge fetch --help`.
#include <iostream>

#include <spdlog/spdlog.h>

#include "fetch_options.hpp"
#include "pubforge/core/interrupt.hpp"

namespace {
using namespace pubforge;
using namespace pubforge::cli;

// The shared progress bar, with what a download adds: failures, bytes, rate, time left.
void show_progress(ProgressBar& bar, const fetch::Progress& p) {
    const double rate = p.seconds > 0 ? p.bytes / p.seconds : 0;
    const double files_per_second = p.seconds > 0 ? p.done / p.seconds : 0;
    bar.show("fetch", p.done, p.total,
             "files (" + std::to_string(p.failed) + " failed), " + human_bytes(static_cast<double>(p.bytes)) + ", " +
                 human_bytes(rate) + "/s, ETA " + time_left(p.done, p.total, files_per_second));
}

}  // namespace

int main(int argc, char** argv) {
    using namespace pubforge::cli;
    CLI::App app{"pubforge-fetch: the downloader behind `pubforge fetch` (same options)"};
    app.set_version_flag("--version", std::string("pubforge-fetch ") + PUBFORGE_VERSION);
    GlobalFlags global;
    add_global_flags(app, global);
    guard_standard_streams();
    install_interrupt_handlers();
    FetchCommand command;
    add_fetch_options(app, command);
    int exit_code = 0;
    app.callback([&] {
        run_command(exit_code, [&] {
            fetch::FetchOptions options = command.options;
            options.jobs = command.batch.jobs;
            RejectLog rejects(command.batch.rejects);
            ProgressBar bar;
            const auto summary =
                fetch::run_fetch(options, std::cin, rejects,
                                 global.quiet || !bar.visible() ? fetch::ProgressCallback{}
                                              : [&bar](const fetch::Progress& p) { show_progress(bar, p); });
            rejects.close();
            const std::string detail = rejects_by_code(rejects);
            spdlog::log(rejects.total() ? spdlog::level::warn : spdlog::level::info,
                        "fetch: {} listed, {} selected: {} fetched, {} up to date, {} failed{}; {} resumed, {} retries; "
                        "{} in {:.1f} s",
                        summary.listed, summary.selected, summary.fetched, summary.skipped, rejects.total(), detail,
                        summary.resumed, summary.retries, human_bytes(static_cast<double>(summary.bytes)), summary.seconds);
            return exit_code_for(rejects, command.batch);
        });
    });
    return parse_and_run(app, argc, argv, exit_code);
}
