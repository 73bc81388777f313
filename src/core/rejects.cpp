// Thread-safe reject accounting, written as JSON Lines.
#include "pubforge/core/rejects.hpp"

namespace pubforge {

RejectLog::RejectLog(const std::string& path) {
    if (!path.empty()) writer_ = std::make_unique<JsonlWriter>(path);
}

void RejectLog::add(const Reject& reject) {
    std::lock_guard<std::mutex> lock(mutex_);
    ++total_;
    ++by_code_[reject.code];
    ++by_stage_and_code_[{reject.stage, reject.code}];
    if (writer_)
        writer_->write({{"input", reject.input}, {"stage", reject.stage}, {"code", reject.code},
                        {"message", reject.message}});
}

size_t RejectLog::total() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return total_;
}

std::map<std::string, size_t> RejectLog::by_code() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return by_code_;
}

std::map<std::pair<std::string, std::string>, size_t> RejectLog::by_stage_and_code() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return by_stage_and_code_;
}

void RejectLog::close() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (writer_) writer_->close();
}

}  // namespace pubforge
