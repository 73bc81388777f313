// pubforge align: placeholder until the align module lands (see the issue list); fails loudly.
#include "common.hpp"
#include "subcommands.hpp"

namespace pubforge::cli {

void setup_align(CLI::App& command, int& exit_code) {
    command.allow_extras();
    command.callback([&exit_code] {
        run_command(exit_code, []() -> int { throw Error("not-implemented", "pubforge align is not built yet"); });
    });
}

}  // namespace pubforge::cli
