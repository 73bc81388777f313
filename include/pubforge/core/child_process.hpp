// Runs a helper program (the PDF page renderer, gnuplot) as a separate process with a time limit and an output cap.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace pubforge {

struct ChildResult {
    enum class Status {
        Exited,          // ran to the end; exit_code holds its status (128 + signal when killed by one)
        Missing,         // the program is not on PATH (or not executable)
        SpawnFailed,     // vfork or pipe failed; message says why
        TimedOut,        // killed after the time limit
        OutputTooLarge,  // killed when its standard output passed the cap
    };
    Status status = Status::SpawnFailed;
    int exit_code = -1;
    std::string out;       // standard output
    std::string err;       // standard error: all of it up to 4 KiB, else its first and last 2 KiB around "\n...\n"
    std::string message;   // what went wrong, for warnings
};

// The full path `program` resolves to on PATH (or itself when it holds a '/' and is executable); empty when none.
std::string find_program(const std::string& program);

// Runs argv[0] (looked up on PATH) with `input` on its standard input, reading its
// standard output and error; never throws for the child's own failures. The child is
// killed (SIGKILL) and reaped when it runs past `time_limit_seconds` or writes more than
// `max_output_bytes`; its address space is capped at `max_memory_bytes` (0: no cap), so a
// renderer that blows up fails alone. Safe to call from several threads: the pipes are
// close-on-exec, so no other child inherits them, and SIGPIPE from a child that exits
// before reading all its input is blocked and consumed in the calling thread. A non-empty
// `working_dir` is the child's current directory (exit 127 when it cannot change to it).
ChildResult run_child(const std::vector<std::string>& argv, std::string_view input, double time_limit_seconds,
                      std::size_t max_output_bytes, std::size_t max_memory_bytes = 0,
                      const std::string& working_dir = {});

}  // namespace pubforge
