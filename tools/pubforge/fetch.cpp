// pubforge fetch: checks the options, then executes the pubforge-fetch helper (libcurl stays out of pubforge's start-up).
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

#include "fetch_options.hpp"
#include "subcommands.hpp"

namespace pubforge::cli {
namespace {

// The helper next to this binary first (a build folder, or an install's bin/), then on PATH.
[[noreturn]] void exec_helper() {
    const auto& arguments = remembered_arguments();
    std::vector<std::string> args{"pubforge-fetch"};
    size_t i = 1;
    for (; i < arguments.size() && arguments[i] != "fetch"; ++i) args.push_back(arguments[i]);  // -v, -q
    for (++i; i < arguments.size(); ++i) args.push_back(arguments[i]);
    std::vector<char*> argv;
    for (auto& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    const std::string beside = path_beside_executable("pubforge-fetch");
    if (::access(beside.c_str(), X_OK) == 0) ::execv(beside.c_str(), argv.data());
    ::execvp("pubforge-fetch", argv.data());
    throw Error("fetch.helper-missing",
                "cannot run pubforge-fetch (not beside pubforge at " + beside + ", nor on PATH): " + std::strerror(errno), true);
}

}  // namespace

void setup_fetch(CLI::App& command, int& exit_code) {
    auto fetch = std::make_shared<FetchCommand>();
    add_fetch_options(command, *fetch);
    command.callback([fetch, &exit_code] {
        run_command(exit_code, [&]() -> int {
            // Bad selection values are usage errors here already, before a second program starts.
            fetch::make_selection(fetch->options);
            exec_helper();
        });
    });
}

}  // namespace pubforge::cli
