// The options of `pubforge fetch`, declared once for the pubforge binary (--help, checking) and for the pubforge-fetch helper that runs them.
#pragma once

#include <CLI/CLI.hpp>

#include "common.hpp"
#include "pubforge/fetch/fetch.hpp"

namespace pubforge::cli {

struct FetchCommand {
    fetch::FetchOptions options;
    BatchFlags batch;
};

// Adds LIST, -o MIRROR, the selection, transfer and batch options to `command`; sets no callback.
void add_fetch_options(CLI::App& command, FetchCommand& fetch);

}  // namespace pubforge::cli
