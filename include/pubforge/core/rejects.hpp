// The rejects file: one JSON line per document a stage could not process, and the counts by code.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "pubforge/core/error.hpp"
#include "pubforge/core/jsonl.hpp"

namespace pubforge {

struct Reject {
    std::string input;
    std::string stage;
    std::string code;
    std::string message;
};

class RejectLog {
public:
    // An empty path keeps counts only (nothing written).
    explicit RejectLog(const std::string& path = "");
    void add(const Reject& reject);
    void add(const std::string& input, const std::string& stage, const Error& error) {
        add({input, stage, error.code(), error.what()});
    }
    size_t total() const;
    std::map<std::string, size_t> by_code() const;
    // (stage, code) -> count, for breakdowns by stage (the report's rejects plot).
    std::map<std::pair<std::string, std::string>, size_t> by_stage_and_code() const;
    void close();

private:
    mutable std::mutex mutex_;
    std::unique_ptr<JsonlWriter> writer_;
    std::map<std::string, size_t> by_code_;
    std::map<std::pair<std::string, std::string>, size_t> by_stage_and_code_;
    size_t total_ = 0;
};

}  // namespace pubforge
