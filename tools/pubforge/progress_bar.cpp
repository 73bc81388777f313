// The progress line: drawn in place on a terminal, silent everywhere else.
#include "progress_bar.hpp"

#include <unistd.h>

#include <cstdio>

namespace pubforge::cli {

ProgressBar::ProgressBar() : terminal_(::isatty(STDERR_FILENO) == 1) {}

ProgressBar::~ProgressBar() {
    if (drawn_) std::fputc('\n', stderr);
}

void ProgressBar::show(const std::string& label, size_t done, size_t total, const std::string& detail) {
    if (!terminal_) return;
    const int percent = total ? static_cast<int>(100 * done / total) : 100;
    if (percent == last_percent_ && label == last_label_ && detail == last_detail_ && done != total) return;
    last_percent_ = percent;
    last_label_ = label;
    last_detail_ = detail;
    const int filled = percent * 30 / 100;
    std::fprintf(stderr, "\r%-16s [%s%s] %3d%% %zu/%zu%s%s\033[K", label.c_str(), std::string(filled, '#').c_str(),
                 std::string(30 - filled, ' ').c_str(), percent, done, total, detail.empty() ? "" : " ",
                 detail.c_str());
    drawn_ = true;
}

std::string human_bytes(double bytes) {
    const char* units[] = {"B", "kB", "MB", "GB", "TB"};
    int unit = 0;
    while (bytes >= 1000 && unit < 4) bytes /= 1000, ++unit;
    char text[32];
    std::snprintf(text, sizeof text, unit ? "%.1f %s" : "%.0f %s", bytes, units[unit]);
    return text;
}

std::string time_left(size_t done, size_t total, double rate) {
    if (rate <= 0 || done >= total) return "-";
    const long left = static_cast<long>(static_cast<double>(total - done) / rate);
    char text[32];
    std::snprintf(text, sizeof text, "%ldh%02ldm%02lds", left / 3600, left / 60 % 60, left % 60);
    return text;
}

}  // namespace pubforge::cli
