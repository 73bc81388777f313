// The dataset folder an export writes: every file is hashed as it is written, and manifest.json comes last.
#pragma once

#include <cstdint>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace pubforge::exporter {

class OutputFolder {
public:
    // The folder must be absent or empty, unless `overwrite` is set and it holds a
    // previous export (a manifest.json) or one killed before its manifest (the marker
    // file .pubforge-export-in-progress), which is then removed first; anything else
    // throws Error("export.output-not-empty"), so an export never deletes user files.
    OutputFolder(std::string root, bool overwrite);
    // An export that stops before its manifest (SIGINT, a fatal error) removes what it wrote:
    // the folder was empty or a previous export when it opened, so everything in it is its own,
    // and the same command can run again (a half-written folder would be refused as not empty).
    ~OutputFolder();
    OutputFolder(const OutputFolder&) = delete;
    OutputFolder& operator=(const OutputFolder&) = delete;

    // Writes a file under the folder (parents created) and records its sha256 and size.
    void write(const std::string& relative, std::string_view bytes);
    // Records a file some other writer (the tar writer) produced under the folder.
    void add_existing(const std::string& relative);

    std::string path(const std::string& relative) const { return root_ + "/" + relative; }
    std::string marker_path() const { return path(".pubforge-export-in-progress"); }

    // A file written piece by piece (JSONL, TSV) so large outputs never sit in memory;
    // recorded in the manifest when closed.
    class Stream {
    public:
        Stream(OutputFolder& folder, std::string relative);
        ~Stream();
        Stream(const Stream&) = delete;
        Stream& operator=(const Stream&) = delete;
        void write(std::string_view bytes);
        void close();
        size_t count() const { return count_; }  // write() calls so far
    private:
        OutputFolder& folder_;
        std::string relative_;
        std::FILE* file_ = nullptr;
        size_t count_ = 0;
    };
    const std::string& root() const { return root_; }
    size_t file_count() const { return files_.size() + 1; }  // with the manifest
    // The files written so far, relative to the folder, sorted.
    std::vector<std::string> files() const;

    // Writes manifest.json atomically with a "files" list (path, sha256, bytes, sorted
    // by path) added to `manifest`; called once, after every other file.
    void write_manifest(nlohmann::json manifest);

private:
    std::string root_;
    std::map<std::string, std::pair<std::string, std::uint64_t>> files_;  // path -> sha256, bytes
    bool finished_ = false;  // manifest.json written
};

// Tar shards as WebDataset reads them: members in the order given (a sample's files
// adjacent), ustar headers with mtime 0, uid/gid 0, no user or group names, mode 0644,
// so the same samples give byte-identical shards. Written with libarchive.
class TarWriter {
public:
    explicit TarWriter(const std::string& path);
    ~TarWriter();
    TarWriter(const TarWriter&) = delete;
    TarWriter& operator=(const TarWriter&) = delete;

    void add(const std::string& name, std::string_view bytes);
    void close();  // finishes the archive and moves it into place

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace pubforge::exporter
