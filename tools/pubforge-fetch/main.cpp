// pubforge-fetch: the downloader `pubforge fetch` executes (it alone links libcurl); options as `pubforge fetch --help`.
#include <unistd.h>

#include <cstdio>
#include <iostream>

#include <spdlog/spdlog.h>

#include "fetch_options.hpp"
#include "pubforge/core/interrupt.hpp"

namespace {
using namespace pubforge;

std::string human_bytes(double bytes) {
    const char* units[] = {"B", "kB", "MB", "GB", "TB"};
    int unit = 0;
    while (bytes >= 1000 && unit < 4) bytes /= 1000, ++unit;
    char text[32];
    std::snprintf(text, sizeof text, unit ? "%.1f %s" : "%.0f %s", bytes, units[unit]);
    return text;
}

// One line on the terminal, rewritten in place: files, bytes, rate, ETA.
void print_progress(const fetch::Progress& p) {
    const double rate = p.seconds > 0 ? p.bytes / p.seconds : 0;
    const double files_per_second = p.seconds > 0 ? p.done / p.seconds : 0;
    std::string eta = "-";
    if (files_per_second > 0 && p.done < p.total) {
        const long left = static_cast<long>((p.total - p.done) / files_per_second);
        eta = std::to_string(left / 3600) + "h" + std::to_string(left / 60 % 60) + "m" + std::to_string(left % 60) + "s";
    }
    std::fprintf(stderr, "\rpubforge: fetch: %zu/%zu files (%zu failed), %s, %s/s, ETA %s\033[K", p.done, p.total, p.failed,
                 human_bytes(static_cast<double>(p.bytes)).c_str(), human_bytes(rate).c_str(), eta.c_str());
    if (p.done == p.total) std::fputc('\n', stderr);
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
            const bool tty = ::isatty(STDERR_FILENO) && !global.quiet;
            const auto summary = fetch::run_fetch(options, std::cin, rejects, tty ? print_progress : fetch::ProgressCallback{});
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
