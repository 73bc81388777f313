// Whole-file reads, crash-safe writes, and the clean-up of what killed writers left.
#include "pubforge/core/files.hpp"

#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
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

namespace {

const std::string& host_name() {
    static const std::string name = [] {
        char buffer[256] = {};
        if (::gethostname(buffer, sizeof buffer - 1) != 0 || !buffer[0]) return std::string("localhost");
        std::string host(buffer);
        for (char& c : host)
            if (c == '/' || c == '.') c = '_';  // a file name part, and '.' keeps "<name>.tmp-" unambiguous
        return host;
    }();
    return name;
}

std::string temp_name(const std::string& path, const std::string& temp_dir) {
    static std::atomic<std::uint64_t> counter{0};
    const std::string name = temp_dir.empty() ? path : temp_dir + "/" + fs::path(path).filename().string();
    return name + ".tmp-" + host_name() + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
}

// The pid of a temporary of this host ("x.jpg.tmp-<host>-<pid>-<n>"), or 0 when the name is not one.
pid_t temporary_owner(const std::string& name) {
    const std::string marker = ".tmp-" + host_name() + "-";
    const size_t at = name.rfind(marker);
    if (at == std::string::npos) return 0;
    const std::string rest = name.substr(at + marker.size());
    const size_t dash = rest.find('-');
    if (dash == 0 || dash == std::string::npos || dash + 1 == rest.size()) return 0;
    for (size_t i = 0; i < rest.size(); ++i)
        if (i != dash && !std::isdigit(static_cast<unsigned char>(rest[i]))) return 0;
    return static_cast<pid_t>(std::stoll(rest.substr(0, dash)));
}

}  // namespace

void write_file_atomic(const std::string& path, std::string_view bytes, const std::string& temp_dir) {
    AtomicFile file(path, temp_dir);
    file.write(bytes);
    file.commit();
}

void throw_write_error(const std::string& what, int error_number) {
    if (error_number == EPIPE) throw Error("io.broken-pipe", "cannot write " + what + ": the reader went away", true);
    throw Error("io.write", "cannot write " + what + ": " + std::strerror(error_number), true);
}

namespace {

// What must be written where it is rather than renamed over: devices, FIFOs, sockets,
// and the kernel's views of open descriptors (/dev/stdout, /dev/fd/N, /proc/self/fd/N),
// which would otherwise be replaced by regular files (as root, /dev/null itself).
bool written_in_place(const std::string& path) {
    if (path == "-") return true;
    if (path.rfind("/dev/", 0) == 0 || path.rfind("/proc/", 0) == 0) return true;
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode);
}

}  // namespace

AtomicFile::AtomicFile(std::string path, const std::string& temp_dir) : path_(std::move(path)) {
    if (written_in_place(path_)) {
        struct stat st {};
        if (path_ != "-" && ::stat(path_.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
            throw Error("io.write", "cannot write " + path_ + ": it is a directory", true);
        file_ = path_ == "-" ? stdout : std::fopen(path_.c_str(), "wb");
        if (!file_) throw Error("io.write", "cannot open " + path_ + ": " + std::strerror(errno), true);
        return;
    }
    std::error_code ec;
    // A link to a regular file stays a link: the file it names is replaced atomically.
    if (fs::is_symlink(path_, ec)) {
        const fs::path target = fs::canonical(path_, ec);
        if (!ec) path_ = target.string();
    }
    temp_path_ = temp_name(path_, temp_dir);
    for (const fs::path& dir : {fs::path(path_).parent_path(), fs::path(temp_dir)})
        if (!dir.empty()) fs::create_directories(dir, ec);
    file_ = std::fopen(temp_path_.c_str(), "wb");
    if (!file_) throw Error("io.write", "cannot create " + temp_path_ + ": " + std::strerror(errno), true);
}

AtomicFile::~AtomicFile() {
    if (!file_) return;
    if (in_place()) {
        if (file_ != stdout) std::fclose(file_);
        return;
    }
    std::fclose(file_);
    std::remove(temp_path_.c_str());
}

void AtomicFile::write(std::string_view bytes) {
    if (!bytes.empty() && std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size())
        throw_write_error(in_place() ? path_ : temp_path_, errno);
}

void AtomicFile::commit() {
    if (!file_) return;
    std::FILE* file = file_;
    file_ = nullptr;
    if (in_place()) {
        // No fsync: pipes and devices refuse it, and there is nothing to rename after it.
        const bool flushed = std::fflush(file) == 0 && !std::ferror(file);
        const int flush_errno = errno;
        if (file == stdout) {
            if (!flushed) throw_write_error("standard output", flush_errno);
            return;
        }
        const bool closed = std::fclose(file) == 0;
        if (!flushed || !closed) throw_write_error(path_, flushed ? errno : flush_errno);
        return;
    }
    const bool ok = std::fflush(file) == 0 && ::fsync(::fileno(file)) == 0;
    const int write_errno = errno;
    const bool closed = std::fclose(file) == 0;
    if (!ok || !closed) {
        std::remove(temp_path_.c_str());
        throw_write_error(temp_path_, ok ? errno : write_errno);
    }
    if (std::rename(temp_path_.c_str(), path_.c_str()) != 0) {
        const int rename_errno = errno;
        std::remove(temp_path_.c_str());
        throw Error("io.write", "cannot move " + temp_path_ + " into place: " + std::strerror(rename_errno), true);
    }
}

size_t remove_stale_temporaries(const std::string& dir) {
    size_t removed = 0;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const pid_t owner = temporary_owner(it->path().filename().string());
        // kill(pid, 0) probes without signalling: ESRCH means no such process.
        if (owner <= 0 || owner == ::getpid() || ::kill(owner, 0) == 0 || errno != ESRCH) continue;
        std::error_code remove_error;
        if (fs::is_regular_file(it->path(), remove_error) && fs::remove(it->path(), remove_error)) ++removed;
    }
    return removed;
}

}  // namespace pubforge
