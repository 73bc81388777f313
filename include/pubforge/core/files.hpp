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

// A file written through a temporary name and renamed into place on commit();
// destroyed without commit() it removes the temporary, leaving `path` untouched.
// The temporary is `<name>.tmp-<host>-<pid>-<n>`, unique per process and per call (two
// threads writing the same path never share one), beside `path` or in `temp_dir`,
// which must be on the same file system (rename(2) does not cross them).
class AtomicFile {
public:
    explicit AtomicFile(std::string path, const std::string& temp_dir = {});
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    void write(std::string_view bytes);
    void commit();
    const std::string& path() const { return path_; }

private:
    std::string path_;
    std::string temp_path_;
    std::FILE* file_ = nullptr;
};

// Removes the temporaries that AtomicFile writers of this host left in `dir` (not below
// it) when they were killed (kill -9, power loss): files named *.tmp-<this host>-<pid>-<n>
// whose process no longer runs. Temporaries of live processes, and of other hosts sharing
// the folder over a network file system, are left alone. Returns how many were removed.
size_t remove_stale_temporaries(const std::string& dir);

}  // namespace pubforge
