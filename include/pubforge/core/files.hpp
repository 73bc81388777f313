// File helpers: whole-file reads with a size cap, and atomic writes (temporary name, then rename).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <cstdio>

namespace pubforge {

// Reads a whole file; throws Error("io.read") or Error("io.too-large") past max_bytes.
std::string read_file(const std::string& path, std::uint64_t max_bytes = 4ull << 30);

// Writes bytes to `path` through a temporary name and rename(2), so a reader or a
// crash never sees a half-written file. Creates parent directories.
void write_file_atomic(const std::string& path, std::string_view bytes, const std::string& temp_dir = {});

// An output file as a Unix tool treats one. A regular file or a new path is written
// through a temporary name and renamed into place on commit(); destroyed without
// commit() it removes the temporary, leaving `path` untouched. The temporary is
// `<name>.tmp-<host>-<pid>-<n>`, unique per process and per call (two threads writing
// the same path never share one), beside `path` or in `temp_dir`, which must be on the
// same file system (rename(2) does not cross them). A symbolic link to a regular file
// is kept: its target is what gets replaced.
// Anything else is written in place and never renamed over: "-" (standard output),
// a character device (/dev/null, /dev/stdout), a FIFO, or bash's `>(...)` (/dev/fd/N).
// Every write error is an Error("io.write", fatal) naming the path and errno's text,
// except a reader that went away (EPIPE), which is Error("io.broken-pipe", fatal):
// `pubforge ... | head -1` ends quietly on it (SIGPIPE is ignored, core/interrupt).
class AtomicFile {
public:
    explicit AtomicFile(std::string path, const std::string& temp_dir = {});
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    void write(std::string_view bytes);
    void commit();
    const std::string& path() const { return path_; }
    bool in_place() const { return temp_path_.empty(); }

private:
    std::string path_;
    std::string temp_path_;  // empty when written in place
    std::FILE* file_ = nullptr;
};

// Throws the write error for `what` from errno: io.broken-pipe for EPIPE, else io.write.
[[noreturn]] void throw_write_error(const std::string& what, int error_number);

// Removes the temporaries that AtomicFile writers of this host left in `dir` (not below
// it) when they were killed (kill -9, power loss): files named *.tmp-<this host>-<pid>-<n>
// whose process no longer runs. Temporaries of live processes, and of other hosts sharing
// the folder over a network file system, are left alone. Returns how many were removed.
size_t remove_stale_temporaries(const std::string& dir);

}  // namespace pubforge
