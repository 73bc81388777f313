// pubforge archive load|merge|stats|query|get|check: option parsing around one archive library call each.
#include <iostream>

#include <spdlog/spdlog.h>

#include "common.hpp"
#include "pubforge/archive/check.hpp"
#include "pubforge/archive/loader.hpp"
#include "pubforge/archive/merge.hpp"
#include "pubforge/archive/query.hpp"
#include "pubforge/archive/stats.hpp"
#include "pubforge/core/error.hpp"
#include "pubforge/core/hash.hpp"
#include "pubforge/core/jsonl.hpp"
#include "subcommands.hpp"

namespace pubforge::cli {
namespace {

using archive::Archive;

struct ArchiveFlags {
    std::string db;
    int busy_timeout_ms = 10000;
};

void add_db(CLI::App& command, ArchiveFlags& flags) {
    command.add_option("db", flags.db, "Archive file (SQLite)")->required();
    command.add_option("--busy-timeout", flags.busy_timeout_ms, "Milliseconds to wait for another writer before failing")
        ->capture_default_str();
}

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
            size_t records = 0;
            for (const std::string& input : o->inputs) {
                archive::LoadOptions options;
                options.batch_size = o->batch_size;
                options.input_name = input;
                options.input_sha256 = input == "-" ? "" : sha256_file(input);
                options.options_json = {{"batch_size", o->batch_size}};
                const auto counts = archive::load_jsonl(db, input, options, rejects);
                spdlog::info("archive load {}: {} inserted, {} updated, {} rejected", input, counts.inserted,
                             counts.updated, counts.rejected);
                records += counts.inserted + counts.updated;
            }
            rejects.close();
            log_summary("archive load", records, rejects);
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

void setup_stats(CLI::App& command, int& exit_code) {
    struct Options {
        ArchiveFlags archive;
        bool json = false;
    };
    auto o = std::make_shared<Options>();
    add_db(command, o->archive);
    command.add_flag("--json", o->json, "Print JSON instead of a table");
    command.callback([o, &exit_code] {
        run_command(exit_code, [&] {
            Archive db = Archive::open(o->archive.db, Archive::Mode::ReadOnly, o->archive.busy_timeout_ms);
            const auto numbers = archive::stats(db);
            std::cout << (o->json ? numbers.dump(2) + "\n" : archive::format_stats(numbers));
            return kExitOk;
        });
    });
}

void setup_query(CLI::App& command, int& exit_code) {
    struct Options {
        ArchiveFlags archive;
        archive::QueryOptions query;
        int year_from = 0, year_to = 0;
        bool articles = false, figures = false, jsonl = false;
    };
    auto o = std::make_shared<Options>();
    add_db(command, o->archive);
    command.add_option("query", o->query.match, "FTS5 query, e.g. \"brain OR cerebral\" (empty: filters only)");
    command.add_option("--license-class", o->query.license_classes, "commercial, noncommercial or other (repeatable)");
    command.add_option("--year-from", o->year_from, "Earliest publication year");
    command.add_option("--year-to", o->year_to, "Latest publication year");
    command.add_option("--journal", o->query.journals, "Journal title (repeatable)");
    command.add_option("--domain", o->query.domains, "Figure domain tag, e.g. mri (repeatable)");
    auto* figures = command.add_flag("--figures", o->figures, "Figure hits (default)");
    command.add_flag("--articles", o->articles, "Article hits")->excludes(figures);
    command.add_flag("--jsonl", o->jsonl, "One JSON object per hit instead of a table");
    command.add_option("--limit", o->query.limit, "Most hits printed (0 = all)")->capture_default_str();
    command.callback([o, &exit_code] {
        run_command(exit_code, [&] {
            if (o->year_from) o->query.year_from = o->year_from;
            if (o->year_to) o->query.year_to = o->year_to;
            o->query.target = o->articles ? archive::QueryOptions::Target::Articles : archive::QueryOptions::Target::Figures;
            Archive db = Archive::open(o->archive.db, Archive::Mode::ReadOnly, o->archive.busy_timeout_ms);
            const auto hits = archive::query(db, o->query);
            if (!o->jsonl) std::cout << archive::format_hits(hits);
            else
                for (const auto& hit : hits) std::cout << dump_json_line(hit.to_json()) << "\n";
            return kExitOk;
        });
    });
}

void setup_get(CLI::App& command, int& exit_code) {
    struct Options {
        ArchiveFlags archive;
        std::string id;
        bool pretty = false;
    };
    auto o = std::make_shared<Options>();
    add_db(command, o->archive);
    command.add_option("id", o->id, "Article id (the record's \"id\")")->required();
    command.add_flag("--pretty", o->pretty, "Indented JSON");
    command.callback([o, &exit_code] {
        run_command(exit_code, [&] {
            Archive db = Archive::open(o->archive.db, Archive::Mode::ReadOnly, o->archive.busy_timeout_ms);
            const auto record = archive::get_record(db, o->id);
            if (!record) throw Error("archive.not-found", "no article " + o->id + " in " + o->archive.db);
            std::cout << (o->pretty ? record->dump(2) : dump_json_line(*record)) << "\n";
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
    setup_stats(*command.add_subcommand("stats", "Counts and distributions of an archive"), exit_code);
    setup_query(*command.add_subcommand("query", "Full-text search with the exporters' filters"), exit_code);
    setup_get(*command.add_subcommand("get", "Print one article's record as JSON"), exit_code);
    setup_check(*command.add_subcommand("check", "Integrity, foreign keys and images in the store"), exit_code);
}

}  // namespace pubforge::cli
