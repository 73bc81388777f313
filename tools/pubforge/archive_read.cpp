// pubforge archive stats|query|get: the read-only archive subcommands, one library call each.
#include <iostream>

#include "archive_commands.hpp"
#include "common.hpp"
#include "pubforge/archive/query.hpp"
#include "pubforge/archive/stats.hpp"
#include "pubforge/core/error.hpp"
#include "pubforge/core/jsonl.hpp"

namespace pubforge::cli {

using archive::Archive;

void setup_archive_stats(CLI::App& command, int& exit_code) {
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

void setup_archive_query(CLI::App& command, int& exit_code) {
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
            if (o->year_from) o->query.year_min = o->year_from;
            if (o->year_to) o->query.year_max = o->year_to;
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

void setup_archive_get(CLI::App& command, int& exit_code) {
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

}  // namespace pubforge::cli
