// The table of subcommands: one entry per tools/pubforge/<name>.cpp; main() and --help read only this.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

namespace pubforge::cli {

// Each setup function adds its options to `command` and a callback that sets
// `exit_code` (0 done, 1 too many rejects, 2 usage, 3 fatal).
using SetupFunction = void (*)(CLI::App& command, int& exit_code);

struct Subcommand {
    const char* name;
    const char* summary;
    SetupFunction setup;
};

void setup_fetch(CLI::App&, int&);
void setup_parse(CLI::App&, int&);
void setup_crop(CLI::App&, int&);
void setup_align(CLI::App&, int&);
void setup_archive(CLI::App&, int&);
void setup_export(CLI::App&, int&);
void setup_responses(CLI::App&, int&);
void setup_report(CLI::App&, int&);
void setup_run(CLI::App&, int&);

inline constexpr Subcommand kSubcommands[] = {
    {"fetch", "Download the files of a PMC-OA file list into a local mirror (resumable, polite, verified)", setup_fetch},
    {"parse", "Read JATS XML, PMC-OA packages and PDFs into article records (JSONL)", setup_parse},
    {"crop", "Find the panels of compound figures and store their crops", setup_crop},
    {"align", "Split captions into subcaptions; link panels, mentions and domains", setup_align},
    {"archive", "Load, merge, query and check the SQLite archive", setup_archive},
    {"export", "Write a dataset (text, pairs, subfigures, mentions, llava, requests)", setup_export},
    {"responses", "Import LLM batch results back into the archive", setup_responses},
    {"report", "Write a static HTML page about an archive: numbers, plots, figure galleries", setup_report},
    {"run", "parse, crop, align, load and export in one parallel process", setup_run},
};

// The subcommand the command line names: its first argument that is not a flag (the global
// flags take no values), or "" when there is none (`--version`, `--help`).
inline std::string subcommand_named(int argc, char** argv) {
    for (int i = 1; i < argc; ++i)
        if (argv[i][0] != '-') return argv[i];
    return "";
}

}  // namespace pubforge::cli
