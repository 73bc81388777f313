// Shared CLI plumbing: flags, exit codes and the stderr logger.
#include "common.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <fcntl.h>
#include <limits.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace pubforge::cli {

namespace {
std::vector<std::string>& arguments() {
    static std::vector<std::string> kept;
    return kept;
}
}  // namespace

void remember_arguments(int argc, char** argv) { arguments().assign(argv, argv + argc); }
const std::vector<std::string>& remembered_arguments() { return arguments(); }

std::string path_beside_executable(const std::string& name) {
    char self[PATH_MAX];
    const ssize_t length = ::readlink("/proc/self/exe", self, sizeof self - 1);
    if (length <= 0) return name;
    const std::string path(self, static_cast<size_t>(length));
    return path.substr(0, path.rfind('/') + 1) + name;
}

void add_global_flags(CLI::App& app, GlobalFlags& flags) {
    app.add_flag("-v,--verbose", flags.verbosity, "More log detail on stderr (repeat for debug)");
    app.add_flag("-q,--quiet", flags.quiet, "Only errors on stderr");
    app.parse_complete_callback([&flags] {
        auto logger = spdlog::stderr_color_mt("pubforge");
        logger->set_pattern("pubforge: %^%l%$: %v");
        spdlog::set_default_logger(logger);
        spdlog::set_level(flags.quiet ? spdlog::level::err
                                      : flags.verbosity >= 1 ? spdlog::level::debug
                                                             : spdlog::level::info);
    });
}

void add_batch_flags(CLI::App& command, BatchFlags& flags, bool with_output, bool with_shard) {
    if (with_output) command.add_option("-o,--output", flags.output, "Output JSONL file ('-' = stdout)")->capture_default_str();
    command.add_option("--rejects", flags.rejects, "Write rejected documents here as JSONL (input, stage, code, message)");
    add_error_budget_flags(command, flags, "documents are rejected", "document is rejected");
    if (with_shard) command.add_option("--shard", flags.shard, "Process only shard K of N (K/N, by hash of the input's name)");
}

void add_error_budget_flags(CLI::App& command, BatchFlags& flags, const std::string& failures,
                            const std::string& one_failure) {
    command.add_option("--max-errors", flags.max_errors, "Exit 1 when more than N " + failures);
    command.add_flag("--strict", flags.strict, "Exit 1 if any " + one_failure + " (same as --max-errors 0)");
    command.add_option("-j,--jobs", flags.jobs, "Worker threads")->check(CLI::Range(1, 1024))->capture_default_str();
}

int exit_code_for(size_t failures, const BatchFlags& flags) {
    const long limit = flags.strict ? 0 : flags.max_errors;
    if (limit >= 0 && static_cast<long>(failures) > limit) return kExitRejects;
    return kExitOk;
}

void run_command(int& exit_code, const std::function<int()>& body) {
    try {
        exit_code = body();
    } catch (const UsageError& e) {
        spdlog::error("{}", e.what());
        exit_code = kExitUsage;
    } catch (const Error& e) {
        if (e.code() == "io.broken-pipe") {  // the reader has what it wanted: no message
            exit_code = kExitBrokenPipe;
            return;
        }
        spdlog::error("{} ({})", e.what(), e.code());
        exit_code = e.code() == "interrupted" ? kExitInterrupted : kExitFatal;
    } catch (const std::exception& e) {
        spdlog::error("{}", e.what());
        exit_code = kExitFatal;
    }
}

void guard_standard_streams() {
    for (int fd = 0; fd <= 2; ++fd)
        if (::fcntl(fd, F_GETFD) == -1 && errno == EBADF) {
            const int held = ::open("/dev/null", fd == 0 ? O_WRONLY : O_RDONLY);
            if (held >= 0 && held != fd) {
                ::dup2(held, fd);
                ::close(held);
            }
        }
}

int close_standard_output(int exit_code) {
    // A broken pipe or a fatal error was already seen (and said) where it happened.
    if (exit_code == kExitBrokenPipe || exit_code == kExitFatal) return exit_code;
    errno = 0;
    const bool flushed = std::fflush(stdout) == 0 && !std::ferror(stdout);
    if (flushed) return exit_code;
    if (errno == EPIPE) return kExitBrokenPipe;
    spdlog::error("cannot write standard output: {} (io.write)", std::strerror(errno ? errno : EIO));
    return kExitFatal;
}

std::string rejects_by_code(const RejectLog& rejects) {
    std::string detail;
    for (const auto& [code, count] : rejects.by_code())
        detail += (detail.empty() ? " (" : ", ") + code + ": " + std::to_string(count);
    if (!detail.empty()) detail += ")";
    return detail;
}

int parse_and_run(CLI::App& app, int argc, char** argv, const int& exit_code) {
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return close_standard_output(code == 0 ? 0 : kExitUsage);
    }
    return close_standard_output(exit_code);
}

void log_summary(const std::string& stage, size_t records, const RejectLog& rejects) {
    const std::string detail = rejects_by_code(rejects);
    spdlog::log(rejects.total() ? spdlog::level::warn : spdlog::level::info, "{}: {} records, {} rejected{}", stage,
                records, rejects.total(), detail);
}

}  // namespace pubforge::cli
