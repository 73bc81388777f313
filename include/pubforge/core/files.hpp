// File helpers: whole-file reads with a size cap, and atomic writes (temporary name, then rename).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <cstdio>

namespace pubforge {

// Reads a whole file; throws Error("io.read") or Error("io.too-large") past max_bytes.
std::string read_file(const std::string& path, std::uint64_t max_bytes = 4ull << 30);

// Writes bytes to `path` through `path.tmp-<pid>` and rename(2), so a reader or a
// crash never sees a half-written file. Creates parent directories.
void write_file_atomic(const std::string& path, std::string_view bytes);

// A file written through a temporary name and renamed into place on commit();
// destroyed without commit() it removes the temporary, leaving `path` untouched.
class AtomicFile {
public:
    explicit AtomicFile(std::string path);
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

}  // namespace pubforge
