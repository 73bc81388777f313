// `pubforge report`: a static, self-contained HTML page about an archive (numbers, gnuplot plots, figure galleries).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <utility>

#include "pubforge/report/gallery.hpp"

namespace pubforge::report {

// (stage, code) -> documents rejected, as the rejects JSONL counts them.
using RejectCounts = std::map<std::pair<std::string, std::string>, size_t>;

// Counts a rejects file (one JSON object per line with stage and code); an absent file
// counts nothing. Throws Error("report.rejects") on a line that is not such an object.
RejectCounts count_rejects(const std::string& path);

struct ReportOptions {
    std::string store_dir;      // the image store; empty: <folder of the archive>/store
    RejectCounts rejects;       // shown in the table and the rejects plot
    size_t sample = 24;         // figures in the gallery (and at most as many in the unaligned one)
    std::uint64_t seed = 314;   // which figures the galleries show
    std::string gnuplot = "gnuplot";
    GalleryOptions gallery;
};

struct ReportSummary {
    size_t plots = 0;
    size_t figures = 0;            // gallery entries
    size_t unaligned_figures = 0;  // entries in the gallery of unpaired panels or subcaptions
    size_t missing_images = 0;     // entries whose image could not be shown
};

// done/total count the gallery figures drawn so far.
using ReportProgress = std::function<void(size_t done, size_t total)>;

// Writes <output_dir>/index.html (last, atomically), plots/*.svg (+ plots.gp) and
// figures/*.jpg; every link in the page is relative and local. The folder must be
// absent, empty, or hold a previous report (an index.html), whose files are replaced;
// anything else throws Error("report.output-not-empty"), so a report never deletes a
// user's files. Same archive, store and options: byte-identical files.
ReportSummary write_report(const std::string& db_path, const std::string& output_dir, const ReportOptions& options,
                           const ReportProgress& progress = {});

}  // namespace pubforge::report
