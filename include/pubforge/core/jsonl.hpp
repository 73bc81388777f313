// JSON Lines reading and writing; "-" means stdin / stdout so stages chain in shell pipelines.
#pragma once

#include <cstdio>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "pubforge/core/files.hpp"

namespace pubforge {

// Serialises one record the way every pubforge output does: compact, UTF-8
// kept as UTF-8, invalid UTF-8 replaced (never a throw halfway through a batch).
std::string dump_json_line(const nlohmann::json& value);

class JsonlReader {
public:
    explicit JsonlReader(const std::string& path);  // "-" reads stdin
    ~JsonlReader();
    JsonlReader(const JsonlReader&) = delete;
    JsonlReader& operator=(const JsonlReader&) = delete;

    // Next non-empty line as JSON; false at end. A line that is not JSON throws
    // Error("jsonl.malformed") naming the file and line; the reader stays usable.
    bool next(nlohmann::json& value);
    // Next non-empty raw line (for callers that want to skip bad lines themselves).
    bool next_line(std::string& line);
    size_t line_number() const { return line_number_; }
    const std::string& path() const { return path_; }

private:
    std::string path_;
    std::FILE* file_ = nullptr;
    bool owns_ = false;
    size_t line_number_ = 0;
};

class JsonlWriter {
public:
    // "-" writes stdout; a path is written atomically and appears on close().
    explicit JsonlWriter(const std::string& path);
    void write(const nlohmann::json& value);
    void write_line(const std::string& line);  // a line already serialised
    void close();
    size_t count() const { return count_; }

private:
    std::unique_ptr<AtomicFile> file_;
    size_t count_ = 0;
};

}  // namespace pubforge
