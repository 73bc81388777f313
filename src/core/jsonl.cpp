// JSON Lines I/O over stdio (fast line reads) with atomic file outputs.
#include "pubforge/core/jsonl.hpp"

#include <cerrno>
#include <cstring>

#include "pubforge/core/error.hpp"

namespace pubforge {

std::string dump_json_line(const nlohmann::json& value) {
    return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

JsonlReader::JsonlReader(const std::string& path) : path_(path) {
    if (path == "-") {
        file_ = stdin;
    } else {
        file_ = std::fopen(path.c_str(), "rb");
        if (!file_) throw Error("io.read", "cannot open " + path + ": " + std::strerror(errno), true);
        owns_ = true;
    }
}

JsonlReader::~JsonlReader() {
    if (owns_ && file_) std::fclose(file_);
}

bool JsonlReader::next_line(std::string& line) {
    char* buffer = nullptr;
    size_t capacity = 0;
    while (true) {
        const ssize_t length = ::getline(&buffer, &capacity, file_);
        if (length < 0) {
            std::free(buffer);
            return false;
        }
        ++line_number_;
        line.assign(buffer, static_cast<size_t>(length));
        while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
        if (line.find_first_not_of(" \t") != std::string::npos) {
            std::free(buffer);
            return true;
        }
    }
}

bool JsonlReader::next(nlohmann::json& value) {
    std::string line;
    if (!next_line(line)) return false;
    try {
        value = nlohmann::json::parse(line);
    } catch (const nlohmann::json::exception& e) {
        throw Error("jsonl.malformed", path_ + ":" + std::to_string(line_number_) + ": not JSON: " + e.what());
    }
    return true;
}

JsonlWriter::JsonlWriter(const std::string& path) : file_(std::make_unique<AtomicFile>(path)) {}

void JsonlWriter::write(const nlohmann::json& value) { write_line(dump_json_line(value)); }

void JsonlWriter::write_line(const std::string& line) {
    ++count_;
    file_->write(line);
    file_->write("\n");
}

void JsonlWriter::close() { file_->commit(); }

}  // namespace pubforge
