// The one progress line of the CLI (and of pubforge-fetch): a bar on stderr, only when stderr is a terminal.
#pragma once

#include <cstddef>
#include <string>

namespace pubforge::cli {

// "label [#####     ]  42% done/total detail" on stderr, redrawn when the percentage or the
// detail moves, only when stderr is a terminal (a log file or a pipe gets nothing); the line
// is ended once the bar is done with.
class ProgressBar {
public:
    ProgressBar();
    ~ProgressBar();
    ProgressBar(const ProgressBar&) = delete;
    ProgressBar& operator=(const ProgressBar&) = delete;
    // `detail` follows the counts (fetch: failures, bytes, rate, time left).
    void show(const std::string& label, size_t done, size_t total, const std::string& detail = "");
    // False where nothing would be drawn, so a caller can skip composing the detail.
    bool visible() const { return terminal_; }

private:
    bool terminal_;
    bool drawn_ = false;
    std::string last_label_;
    std::string last_detail_;
    int last_percent_ = -1;
};

// "12.3 MB": decimal units, as download tools print sizes and rates.
std::string human_bytes(double bytes);

// "1h02m03s" left at `rate` items a second, "-" when the rate is not known yet.
std::string time_left(size_t done, size_t total, double rate);

}  // namespace pubforge::cli
