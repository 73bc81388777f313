// Options and behaviour every batch subcommand shares: outputs, rejects, error budget, jobs, shards, logging.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "progress_bar.hpp"
#include "pubforge/core/rejects.hpp"

namespace pubforge::cli {

constexpr int kExitOk = 0;
constexpr int kExitRejects = 1;
constexpr int kExitUsage = 2;
constexpr int kExitFatal = 3;
constexpr int kExitInterrupted = 130;
constexpr int kExitBrokenPipe = 141;  // 128 + SIGPIPE: what a shell reports for `cat big | head -1`

// Before anything opens a file: a closed standard descriptor (`pubforge ... >&-`) is
// held by /dev/null opened the wrong way round, so its number is never reused for an
// output file and writing "standard output" fails with EBADF instead.
void guard_standard_streams();

// At exit, as coreutils' close_stdout: a failed flush of stdout is an error (exit 3,
// or quietly 141 when the reader went away), never a silent success.
int close_standard_output(int exit_code);

// The arguments main() received, kept for a subcommand that hands its command line to a helper (fetch).
void remember_arguments(int argc, char** argv);
const std::vector<std::string>& remembered_arguments();

// NAME in the folder of the running binary (a build folder, or an install's bin/): where pubforge finds
// its helper (pubforge-fetch) and its PDF reader module (pubforge-pdf.so).
std::string path_beside_executable(const std::string& name);

struct GlobalFlags {
    int verbosity = 0;
    bool quiet = false;
};
void add_global_flags(CLI::App& app, GlobalFlags& flags);

struct BatchFlags {
    std::string output = "-";
    std::string rejects;
    long max_errors = -1;  // -1: any number of rejects is allowed
    bool strict = false;
    int jobs = 1;
    std::string shard;
};
// --shard only where inputs are documents (parse, run): record streams are split by the stage before them.
void add_batch_flags(CLI::App& command, BatchFlags& flags, bool with_output = true, bool with_shard = false);

// --max-errors, --strict and -j alone, for commands whose failures are not documents (export: items).
void add_error_budget_flags(CLI::App& command, BatchFlags& flags, const std::string& failures,
                            const std::string& one_failure);

// 0 when failures are within --max-errors (and --strict is off or nothing failed), else 1.
int exit_code_for(size_t failures, const BatchFlags& flags);
inline int exit_code_for(const RejectLog& rejects, const BatchFlags& flags) {
    return exit_code_for(rejects.total(), flags);
}

// Runs a subcommand body and maps what it throws to the exit codes of the
// design brief, logging the message on stderr: UsageError -> 2, Error -> 3.
void run_command(int& exit_code, const std::function<int()>& body);

// " (code: n, ...)" of the rejects by code, or "" when there are none: the tail of every summary line.
std::string rejects_by_code(const RejectLog& rejects);

// Parses the command line, which runs the chosen subcommand's callback (it sets `exit_code`), and returns the exit
// code after stdout is flushed and closed: CLI11's own for --help and --version, 2 for a usage error.
int parse_and_run(CLI::App& app, int argc, char** argv, const int& exit_code);

// Logs "stage: N records, M rejected (code: n, ...)" on stderr.
void log_summary(const std::string& stage, size_t records, const RejectLog& rejects);

}  // namespace pubforge::cli
