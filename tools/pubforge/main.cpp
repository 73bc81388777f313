// pubforge: parse the options, hand them to the subcommand, map its outcome to an exit code.
#include <spdlog/spdlog.h>

#include "common.hpp"
#include "pubforge/core/allocator.hpp"
#include "pubforge/core/interrupt.hpp"
#include "subcommands.hpp"

int main(int argc, char** argv) {
    using namespace pubforge::cli;
    CLI::App app{"pubforge: scientific articles to vision-language training data"};
    app.require_subcommand(1);
    app.set_version_flag("--version", std::string("pubforge ") + PUBFORGE_VERSION);
    GlobalFlags global;
    add_global_flags(app, global);

    remember_arguments(argc, argv);
    guard_standard_streams();
    pubforge::install_interrupt_handlers();
    pubforge::retain_freed_memory();
    int exit_code = 0;
    // Only the subcommand named on the command line gets its options: building all of them is
    // a tenth of every start, and `--version` or the top-level `--help` needs none.
    const std::string chosen = subcommand_named(argc, argv);
    for (const Subcommand& subcommand : kSubcommands) {
        CLI::App& command = *app.add_subcommand(subcommand.name, subcommand.summary);
        if (chosen == subcommand.name) subcommand.setup(command, exit_code);
    }

    return parse_and_run(app, argc, argv, exit_code);
}
