// Whole-file reads and crash-safe writes.
#include "pubforge/core/files.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "pubforge/core/error.hpp"

namespace pubforge {
namespace fs = std::filesystem;

std::string read_file(const std::string& path, std::uint64_t max_bytes) {
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    if (ec) throw Error("io.read", "cannot read " + path + ": " + ec.message());
    if (size > max_bytes)
        throw Error("io.too-large", path + " is " + std::to_string(size) + " bytes, over the limit of " +
                                        std::to_string(max_bytes));
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error("io.read", "cannot open " + path);
    std::string bytes(static_cast<size_t>(size), '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(size));
    bytes.resize(static_cast<size_t>(in.gcount()));
    return bytes;
}

static std::string temp_name(const std::string& path) {
    return path + ".tmp-" + std::to_string(::getpid());
}

void write_file_atomic(const std::string& path, std::string_view bytes) {
    AtomicFile file(path);
    file.write(bytes);
    file.commit();
}

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)), temp_path_(temp_name(path_)) {
    const auto parent = fs::path(path_).parent_path();
    std::error_code ec;
    if (!parent.empty()) fs::create_directories(parent, ec);
    file_ = std::fopen(temp_path_.c_str(), "wb");
    if (!file_) throw Error("io.write", "cannot create " + temp_path_ + ": " + std::strerror(errno), true);
}

AtomicFile::~AtomicFile() {
    if (file_) {
        std::fclose(file_);
        std::remove(temp_path_.c_str());
    }
}

void AtomicFile::write(std::string_view bytes) {
    if (!bytes.empty() && std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size())
        throw Error("io.write", "cannot write " + temp_path_ + ": " + std::strerror(errno), true);
}

void AtomicFile::commit() {
    if (!file_) return;
    const bool ok = std::fflush(file_) == 0 && ::fsync(::fileno(file_)) == 0;
    std::fclose(file_);
    file_ = nullptr;
    if (!ok || std::rename(temp_path_.c_str(), path_.c_str()) != 0) {
        std::remove(temp_path_.c_str());
        throw Error("io.write", "cannot move " + temp_path_ + " into place: " + std::strerror(errno), true);
    }
}

}  // namespace pubforge
