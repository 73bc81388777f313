// pubforge archive load|merge|check (and the table of archive subcommands): one archive library call each.
#include <iostream>

#include <spdlog/spdlog.h>

#include "archive_commands.hpp"
#include "common.hpp"
#include "pubforge/archive/check.hpp"
#include "pubforge/archive/loader.hpp"
#include "pubforge/archive/merge.hpp"
#include "pubforge/core/error.hpp"
#include "subcommands.hpp"

namespace pubforge::cli {
namespace {

using archive::Archive;

void setup_load(CLI::App& command, int& exit_code) {
    struct Options {
        ArchiveFlags archive;
        std::vector<std::string> inputs{"-"};
        size_t batch_size = archive::LoadOptions{}.batch_size;
        BatchFlags batch;
    };
    auto o = std::make_shared<Options>();
    add_db(command, o->archive);
    command.add_option("inputs", o->inputs, "Article records (JSONL), '-' for stdin")->capture_default_str();
    command.add_option("--batch-size", o->batch_size, "Records per transaction")->check(CLI::Range(1, 1000000))->capture_default_str();
    command.add_option("--rejects", o->batch.rejects, "Write rejected records here as JSONL");
    command.add_option("--max-errors", o->batch.max_errors, "Exit 1 when more than N records are rejected");
    command.add_flag("--strict", o->batch.strict, "Exit 1 if any record is rejected");
    command.callback([o, &exit_code] {
        run_command(exit_code, [&] {
            Archive db = Archive::open(o->archive.db, Archive::Mode::ReadWrite, o->archive.busy_timeout_ms);
            RejectLog rejects(o->batch.rejects);
            const auto counts = archive::load_files(
                db, o->inputs, o->batch_size, rejects, [](const std::string& input, const archive::LoadCounts& c) {
                    spdlog::info("archive load {}: {} inserted, {} updated, {} rejected", input, c.inserted, c.updated,
                                 c.rejected);
                });
            rejects.close();
            log_summary("archive load", counts.inserted + counts.updated, rejects);
            return exit_code_for(rejects, o->batch);
        });
    });
}

void setup_merge(CLI::App& command, int& exit_code) {
    struct Options {
        std::string output;
        std::vector<std::string> inputs;
        size_t batch_size = archive::LoadOptions{}.batch_size;
    };
    auto o = std::make_shared<Options>();
    command.add_option("output", o->output, "New archive to write")->required();
    command.add_option("inputs", o->inputs, "Archives to merge")->required();
    command.add_option("--batch-size", o->batch_size, "Records per transaction")->check(CLI::Range(1, 1000000))->capture_default_str();
    command.callback([o, &exit_code] {
        run_command(exit_code, [&] {
            const auto counts = archive::merge_archives(o->output, o->inputs, o->batch_size);
            spdlog::info("archive merge: {} inputs, {} articles, {} duplicate ids resolved", counts.inputs,
                         counts.articles, counts.duplicates);
            return kExitOk;
        });
    });
}

void setup_check(CLI::App& command, int& exit_code) {
    struct Options {
        ArchiveFlags archive;
        std::string store;
        bool json = false;
    };
    auto o = std::make_shared<Options>();
    add_db(command, o->archive);
    command.add_option("--store", o->store, "Image store whose files every image row must have");
    command.add_flag("--json", o->json, "Print the report as JSON");
    command.callback([o, &exit_code] {
        run_command(exit_code, [&] {
            Archive db = Archive::open(o->archive.db, Archive::Mode::ReadWrite, o->archive.busy_timeout_ms);
            const auto report = archive::check(db, o->store);
            if (o->json) std::cout << report.to_json().dump(2) << "\n";
            else {
                for (const auto& problem : report.problems) std::cout << "problem: " << problem << "\n";
                std::cout << (report.ok() ? "ok" : "FAILED") << ": " << report.articles << " articles, "
                          << report.images_checked << " images checked, " << report.images_missing << " missing, "
                          << report.unfinished_loads << " unfinished loads\n";
            }
            return report.ok() ? kExitOk : kExitRejects;
        });
    });
}

}  // namespace

void setup_archive(CLI::App& command, int& exit_code) {
    command.require_subcommand(1);
    setup_load(*command.add_subcommand("load", "Load article records (JSONL) into the archive"), exit_code);
    setup_merge(*command.add_subcommand("merge", "Merge archives (e.g. of --shard runs) into a new one"), exit_code);
    setup_archive_stats(*command.add_subcommand("stats", "Counts and distributions of an archive"), exit_code);
    setup_archive_query(*command.add_subcommand("query", "Full-text search with the exporters' filters"), exit_code);
    setup_archive_get(*command.add_subcommand("get", "Print one article's record as JSON"), exit_code);
    setup_check(*command.add_subcommand("check", "Integrity, foreign keys and images in the store"), exit_code);
}

}  // namespace pubforge::cli
