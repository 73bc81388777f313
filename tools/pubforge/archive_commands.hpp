// What the files of `pubforge archive` share: the archive flags and the read-only subcommands' set-up.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

namespace pubforge::cli {

struct ArchiveFlags {
    std::string db;
    int busy_timeout_ms = 10000;
};

inline void add_db(CLI::App& command, ArchiveFlags& flags) {
    command.add_option("db", flags.db, "Archive file (SQLite)")->required();
    command.add_option("--busy-timeout", flags.busy_timeout_ms, "Milliseconds to wait for another writer before failing")
        ->capture_default_str();
}

// archive_read.cpp
void setup_archive_stats(CLI::App& command, int& exit_code);
void setup_archive_query(CLI::App& command, int& exit_code);
void setup_archive_get(CLI::App& command, int& exit_code);

}  // namespace pubforge::cli
