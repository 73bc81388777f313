// Output folder bookkeeping (hashes, manifest last) and deterministic tar shards through libarchive.
#include "output.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <vector>

#include "pubforge/core/error.hpp"
#include "pubforge/core/files.hpp"
#include "pubforge/core/hash.hpp"
#include "pubforge/core/jsonl.hpp"

namespace pubforge::exporter {
namespace fs = std::filesystem;

OutputFolder::OutputFolder(std::string root, bool overwrite) : root_(std::move(root)) {
    std::error_code ec;
    if (fs::exists(root_, ec)) {
        if (!fs::is_directory(root_, ec)) throw Error("export.output-not-dir", root_ + " exists and is not a directory", true);
        if (!fs::is_empty(root_, ec)) {
            const bool ours = fs::exists(root_ + "/manifest.json", ec) || fs::exists(marker_path(), ec);
            if (!overwrite || !ours)
                throw Error("export.output-not-empty",
                            root_ + " is not empty" +
                                (overwrite ? " and holds no manifest.json (not a pubforge export)" : " (use --overwrite to replace a previous export)"),
                            true);
            for (const auto& entry : fs::directory_iterator(root_)) fs::remove_all(entry.path(), ec);
            if (ec) throw Error("io.write", "cannot clear " + root_ + ": " + ec.message(), true);
        }
    }
    fs::create_directories(root_, ec);
    if (ec) throw Error("io.write", "cannot create " + root_ + ": " + ec.message(), true);
    // Marks the folder as an export being written until its manifest exists: an export
    // killed outright (kill -9, power loss) cannot clean up, and the marker lets the
    // same command with --overwrite (as `run` resuming) clear the folder as its own.
    write_file_atomic(marker_path(), "");
}

OutputFolder::~OutputFolder() {
    if (finished_) return;
    std::error_code ec;
    std::vector<fs::path> entries;
    for (fs::directory_iterator entry(root_, ec), end; !ec && entry != end; entry.increment(ec)) entries.push_back(entry->path());
    for (const auto& entry : entries) fs::remove_all(entry, ec);
}

void OutputFolder::write(const std::string& relative, std::string_view bytes) {
    const std::string full = path(relative);
    fs::create_directories(fs::path(full).parent_path());
    // Plain writes: the folder is only complete once manifest.json appears.
    std::FILE* file = std::fopen(full.c_str(), "wb");
    if (!file) throw Error("io.write", "cannot create " + full + ": " + std::strerror(errno), true);
    const bool ok = std::fwrite(bytes.data(), 1, bytes.size(), file) == bytes.size();
    if (std::fclose(file) != 0 || !ok) throw Error("io.write", "cannot write " + full + ": " + std::strerror(errno), true);
    files_[relative] = {sha256_hex(bytes), bytes.size()};
}

void OutputFolder::add_existing(const std::string& relative) {
    const std::string full = path(relative);
    std::error_code ec;
    const auto size = fs::file_size(full, ec);
    if (ec) throw Error("io.read", "cannot read " + full + ": " + ec.message(), true);
    files_[relative] = {sha256_file(full), size};
}

OutputFolder::Stream::Stream(OutputFolder& folder, std::string relative)
    : folder_(folder), relative_(std::move(relative)) {
    const std::string full = folder_.path(relative_);
    fs::create_directories(fs::path(full).parent_path());
    file_ = std::fopen(full.c_str(), "wb");
    if (!file_) throw Error("io.write", "cannot create " + full + ": " + std::strerror(errno), true);
}

OutputFolder::Stream::~Stream() {
    if (file_) std::fclose(file_);
}

void OutputFolder::Stream::write(std::string_view bytes) {
    if (!bytes.empty() && std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size())
        throw Error("io.write", "cannot write " + folder_.path(relative_) + ": " + std::strerror(errno), true);
    ++count_;
}

void OutputFolder::Stream::close() {
    if (!file_) return;
    const bool ok = std::fclose(file_) == 0;
    file_ = nullptr;
    if (!ok) throw Error("io.write", "cannot write " + folder_.path(relative_) + ": " + std::strerror(errno), true);
    folder_.add_existing(relative_);
}

std::vector<std::string> OutputFolder::files() const {
    std::vector<std::string> out;
    for (const auto& entry : files_) out.push_back(entry.first);
    return out;
}

void OutputFolder::write_manifest(nlohmann::json manifest) {
    nlohmann::json files = nlohmann::json::array();
    for (const auto& [relative, digest] : files_)
        files.push_back({{"path", relative}, {"sha256", digest.first}, {"bytes", digest.second}});
    manifest["files"] = std::move(files);
    write_file_atomic(path("manifest.json"), manifest.dump(2) + "\n");
    std::error_code ec;
    fs::remove(marker_path(), ec);
    finished_ = true;
}

struct TarWriter::Impl {
    std::string path;
    std::string temp;
    archive* writer = nullptr;
    archive_entry* entry = nullptr;

    [[noreturn]] void fail(const std::string& what) {
        const std::string detail = writer && archive_error_string(writer) ? archive_error_string(writer) : std::strerror(errno);
        throw Error("io.write", what + " " + path + ": " + detail, true);
    }
};

TarWriter::TarWriter(const std::string& path) : impl_(std::make_unique<Impl>()) {
    impl_->path = path;
    impl_->temp = path + ".tmp-" + std::to_string(::getpid());
    fs::create_directories(fs::path(path).parent_path());
    impl_->writer = archive_write_new();
    impl_->entry = archive_entry_new();
    // ustar: the format every tar reader (Python's tarfile, GNU tar) accepts, with no
    // extended headers that would carry times or names of the machine.
    if (!impl_->writer || !impl_->entry || archive_write_set_format_ustar(impl_->writer) != ARCHIVE_OK ||
        archive_write_set_bytes_in_last_block(impl_->writer, 1) != ARCHIVE_OK ||
        archive_write_open_filename(impl_->writer, impl_->temp.c_str()) != ARCHIVE_OK)
        impl_->fail("cannot create tar shard");
}

TarWriter::~TarWriter() {
    if (impl_->writer) {
        archive_write_free(impl_->writer);
        std::remove(impl_->temp.c_str());
    }
    if (impl_->entry) archive_entry_free(impl_->entry);
}

void TarWriter::add(const std::string& name, std::string_view bytes) {
    archive_entry* entry = impl_->entry;
    archive_entry_clear(entry);
    archive_entry_set_pathname(entry, name.c_str());
    archive_entry_set_filetype(entry, AE_IFREG);
    archive_entry_set_perm(entry, 0644);
    archive_entry_set_size(entry, static_cast<la_int64_t>(bytes.size()));
    archive_entry_set_mtime(entry, 0, 0);
    archive_entry_set_uid(entry, 0);
    archive_entry_set_gid(entry, 0);
    if (archive_write_header(impl_->writer, entry) != ARCHIVE_OK) impl_->fail("cannot add " + name + " to");
    if (!bytes.empty() && archive_write_data(impl_->writer, bytes.data(), bytes.size()) != static_cast<la_ssize_t>(bytes.size()))
        impl_->fail("cannot write " + name + " into");
}

void TarWriter::close() {
    if (!impl_->writer) return;
    const bool ok = archive_write_close(impl_->writer) == ARCHIVE_OK;
    archive_write_free(impl_->writer);
    impl_->writer = nullptr;
    if (!ok || std::rename(impl_->temp.c_str(), impl_->path.c_str()) != 0) {
        std::remove(impl_->temp.c_str());
        throw Error("io.write", "cannot finish tar shard " + impl_->path, true);
    }
}

}  // namespace pubforge::exporter
