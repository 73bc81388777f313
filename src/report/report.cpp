// The report page: the corpus table, the plots (gnuplot), and the two galleries, sampled by SQL one figure at a time.
#include "pubforge/report/report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>

#include "pubforge/archive/archive.hpp"
#include "pubforge/archive/report_queries.hpp"
#include "pubforge/archive/stats.hpp"
#include "pubforge/core/error.hpp"
#include "pubforge/core/files.hpp"
#include "pubforge/core/jsonl.hpp"
#include "html.hpp"
#include "plots.hpp"

namespace pubforge::report {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

constexpr size_t kTopJournals = 15;
constexpr std::int64_t kFiguresCap = 20;  // articles with more figures share one bar "20+"
constexpr std::int64_t kPanelsCap = 12;

// Present while a report is being written: a folder holding it is ours even without index.html (a run killed
// mid-report is resumed by clearing it, as an export's in-progress marker does).
constexpr const char* kInProgress = ".pubforge-report-in-progress";

// A folder that is absent, empty or an earlier report, possibly unfinished; an earlier report's own files are removed.
void prepare_folder(const std::string& dir) {
    std::error_code ec;
    const bool earlier = fs::exists(dir, ec) && !fs::is_empty(dir, ec);
    if (earlier && !fs::exists(dir + "/index.html", ec) && !fs::exists(dir + "/" + kInProgress, ec))
        throw Error("report.output-not-empty", dir + " is not empty and holds no index.html (not a pubforge report)", true);
    fs::create_directories(dir, ec);
    if (ec) throw Error("io.write", "cannot create " + dir + ": " + ec.message(), true);
    // The marker goes first, so at every moment the folder holds either it or a finished index.html.
    write_file_atomic(dir + "/" + kInProgress, "");
    if (earlier) {
        for (const char* ours : {"index.html", "plots", "figures"}) fs::remove_all(dir + "/" + ours, ec);
        if (ec) throw Error("io.write", "cannot clear " + dir + ": " + ec.message(), true);
    }
    for (const char* sub : {"/plots", "/figures"}) {
        fs::create_directories(dir + sub, ec);
        if (ec) throw Error("io.write", "cannot create " + dir + sub + ": " + ec.message(), true);
    }
}

// A breakdown {"name": count} as bars, largest first (ties by name), the first `top` of them.
std::vector<std::pair<std::string, double>> by_count(const json& breakdown, size_t top = SIZE_MAX) {
    std::vector<std::pair<std::string, double>> bars;
    for (const auto& [name, count] : breakdown.items()) bars.emplace_back(name, count.get<double>());
    std::sort(bars.begin(), bars.end(), [](const auto& a, const auto& b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    if (bars.size() > top) bars.resize(top);
    return bars;
}

// [{"bucket": n, "count"}] as bars with every bucket at or past `cap` summed into "cap+".
std::vector<std::pair<std::string, double>> capped(const json& histogram, std::int64_t cap) {
    std::vector<std::pair<std::string, double>> bars;
    double over = 0;
    for (const json& row : histogram) {
        const std::int64_t bucket = row["bucket"].get<std::int64_t>();
        if (bucket >= cap)
            over += row["count"].get<double>();
        else
            bars.emplace_back(std::to_string(bucket), row["count"].get<double>());
    }
    if (over > 0) bars.emplace_back(std::to_string(cap) + "+", over);
    return bars;
}

std::vector<Plot> make_plots(const json& stats, const json& distributions, const RejectCounts& rejects) {
    std::vector<Plot> plots;
    const auto bars = [&](const char* name, const char* caption, const char* x, const char* y,
                          std::vector<std::pair<std::string, double>> data) {
        Plot plot;
        plot.name = name, plot.caption = caption, plot.x_label = x, plot.y_label = y, plot.bars = std::move(data);
        plots.push_back(std::move(plot));
    };
    // Years in year order, articles without one last.
    std::vector<std::pair<std::string, double>> years;
    for (const auto& [year, count] : stats["by_year"].items())
        if (year != "(none)") years.emplace_back(year, count.get<double>());
    if (stats["by_year"].contains("(none)")) years.emplace_back("unknown", stats["by_year"]["(none)"].get<double>());
    bars("years", "Articles per publication year", "year", "articles", std::move(years));
    bars("licenses", "Articles per licence class (commercial use allowed, non-commercial only, other)", "licence class",
         "articles", by_count(stats["by_license_class"]));
    bars("journals", "Top journals by articles", "", "articles", by_count(stats["by_journal"], kTopJournals));
    bars("figures_per_article", "Figures per article", "figures", "articles",
         capped(distributions["figures_per_article"], kFiguresCap));
    bars("panels_per_compound", "Panels per compound figure", "panels", "compound figures",
         capped(distributions["panels_per_compound"], kPanelsCap));
    std::vector<std::pair<std::string, double>> words;
    for (const json& row : stats["caption_words"]) words.emplace_back(row["bucket"].get<std::string>(), row["count"].get<double>());
    bars("caption_words", "Caption length in words", "", "figures", std::move(words));

    Plot sizes;
    sizes.kind = Plot::Kind::Scatter;
    sizes.name = "image_sizes";
    sizes.caption = "Figure image sizes (width x height, 50 px bins; a larger dot holds more images)";
    sizes.x_label = "width (px)";
    sizes.y_label = "height (px)";
    for (const json& row : distributions["image_sizes"])
        sizes.points.push_back({row["width"].get<double>() + 25, row["height"].get<double>() + 25,
                                1.0 + 1.5 * std::log10(1.0 + row["count"].get<double>())});
    plots.push_back(std::move(sizes));

    bars("domains", "Figures per domain tag", "", "figures", by_count(stats["by_domain"]));
    std::vector<std::pair<std::string, double>> reject_bars;
    for (const auto& [key, count] : rejects) reject_bars.emplace_back(key.first + ": " + key.second, static_cast<double>(count));
    bars("rejects", "Rejected documents by stage and code", "", "documents", std::move(reject_bars));
    return plots;
}

std::string row(const std::string& name, std::int64_t value) {
    return "<tr><th>" + escape(name) + "</th><td>" + thousands(value) + "</td></tr>\n";
}

std::string at_a_glance(const json& stats, const RejectCounts& rejects) {
    const json& totals = stats["totals"];
    std::string html = "<section id=\"glance\">\n<h2>The corpus at a glance</h2>\n<div class=\"tables\">\n<table class=\"totals\">\n";
    for (const char* key : {"articles", "words", "figures", "compound_figures", "panels", "subcaptions", "links", "mentions",
                            "tables", "images", "references", "missing_images"}) {
        std::string name = key;
        std::replace(name.begin(), name.end(), '_', ' ');
        html += row(name, totals.value(key, 0LL));
    }
    html += "</table>\n<table class=\"rejects\">\n<tr><th colspan=\"2\">rejected documents by stage: code</th></tr>\n";
    size_t rejected = 0;
    for (const auto& [key, count] : rejects) {
        html += row(key.first + ": " + key.second, static_cast<std::int64_t>(count));
        rejected += count;
    }
    if (rejects.empty()) html += "<tr><td colspan=\"2\">none</td></tr>\n";
    html += "</table>\n<table class=\"warnings\">\n<tr><th colspan=\"2\">warnings by code</th></tr>\n";
    for (const auto& [code, count] : by_count(stats["warnings_by_code"]))
        html += row(code, static_cast<std::int64_t>(count));
    if (stats["warnings_by_code"].empty()) html += "<tr><td colspan=\"2\">none</td></tr>\n";
    return html + "</table>\n</div>\n</section>\n";
}

std::string plots_section(const std::vector<Plot>& plots) {
    std::string html = "<section id=\"plots\">\n<h2>Plots</h2>\n<div class=\"plots\">\n";
    for (const Plot& plot : plots)
        html += "<figure class=\"plot-box\"><img class=\"plot\" src=\"plots/" + plot.name + ".svg\" alt=\"" +
                escape(plot.caption) + "\"><figcaption>" + escape(plot.caption) + "</figcaption></figure>\n";
    return html + "</div>\n</section>\n";
}

const char* kStyle = R"CSS(
body { font: 15px/1.45 "DejaVu Sans", sans-serif; margin: 0 auto; max-width: 1500px; padding: 0 24px 48px; color: #222; }
h1 { margin: 24px 0 4px; } .meta { color: #666; margin: 0 0 16px; }
nav a { margin-right: 16px; }
.tables { display: flex; flex-wrap: wrap; gap: 32px; align-items: flex-start; }
table { border-collapse: collapse; } th, td { padding: 2px 12px 2px 0; text-align: left; }
td { text-align: right; font-variant-numeric: tabular-nums; }
.plots { display: grid; grid-template-columns: repeat(auto-fill, minmax(480px, 1fr)); gap: 16px; }
.plot-box { margin: 0; } img.plot { width: 100%; height: auto; border: 1px solid #ddd; }
.plot-box figcaption { color: #444; font-size: 13px; }
.gallery { display: grid; grid-template-columns: repeat(auto-fill, minmax(420px, 1fr)); gap: 20px; }
.entry { margin: 0; border: 1px solid #ddd; padding: 10px; background: #fafafa; }
img.figure { max-width: 100%; height: auto; display: block; margin: 0 auto 8px; }
.entry figcaption { font-size: 13px; } .entry p { margin: 4px 0; }
.sub { border-bottom: 3px solid; } .sub.unpaired { border-bottom: 2px dashed #888; }
.tag { background: #e4ecf5; border-radius: 3px; padding: 0 5px; margin-left: 4px; font-size: 12px; }
.shared, .unpaired-list { color: #444; } .mentions { color: #444; margin: 4px 0; padding-left: 18px; }
.source { color: #555; border-top: 1px solid #e4e4e4; padding-top: 4px; } .missing { color: #a00; }
)CSS";

struct GalleryPart {
    std::string html;
    size_t figures = 0;
    size_t missing = 0;
};

GalleryPart draw_gallery(archive::Archive& archive, const std::vector<archive::FigureRef>& figures, const ImageStore& store,
                         const std::string& output_dir, const std::string& prefix, const ReportOptions& options,
                         const std::function<void()>& step) {
    GalleryPart part;
    for (size_t i = 0; i < figures.size(); ++i) {
        const auto record = archive::get_record(archive, figures[i].article_id);
        if (record) {
            char number[24];
            std::snprintf(number, sizeof number, "%03zu", i + 1);
            const std::string name =
                "figures/" + prefix + number + "-" + file_stem(figures[i].article_id + "_" + figures[i].figure_id) + ".jpg";
            const GalleryEntry entry = gallery_entry(*record, figures[i].figure_id, store, output_dir, name, options.gallery);
            part.html += entry.html;
            ++part.figures;
            if (!entry.image_drawn) ++part.missing;
        }
        step();
    }
    return part;
}

}  // namespace

RejectCounts count_rejects(const std::string& path) {
    RejectCounts counts;
    std::error_code ec;
    if (path.empty() || !fs::exists(path, ec)) return counts;
    JsonlReader reader(path);
    json line;
    while (reader.next(line)) {
        if (!line.is_object() || !line.contains("stage") || !line.contains("code") || !line["stage"].is_string() ||
            !line["code"].is_string())
            throw Error("report.rejects", path + ": a line is not a reject (an object with stage and code)", true);
        ++counts[{line["stage"].get<std::string>(), line["code"].get<std::string>()}];
    }
    return counts;
}

ReportSummary write_report(const std::string& db_path, const std::string& output_dir, const ReportOptions& options,
                           const ReportProgress& progress) {
    if (options.gallery.max_side < 64) throw UsageError("the drawn figures need a longest side of at least 64 px");
    auto archive = archive::Archive::open(db_path, archive::Archive::Mode::ReadOnly);
    const std::string store_dir =
        options.store_dir.empty() ? (fs::path(db_path).parent_path() / "store").string() : options.store_dir;
    const ImageStore store(store_dir);
    prepare_folder(output_dir);

    ReportSummary summary;
    const json stats = archive::stats(archive);
    const std::vector<Plot> plots = make_plots(stats, archive::report_distributions(archive), options.rejects);
    draw_plots(plots, output_dir + "/plots", options.gnuplot);
    summary.plots = plots.size();

    const auto sampled = archive::sample_figures(archive, options.sample, options.seed);
    const auto unaligned = archive::sample_unaligned_figures(archive, options.sample, options.seed);
    const size_t total = sampled.size() + unaligned.size();
    size_t done = 0;
    const auto step = [&] {
        if (progress) progress(++done, total);
    };
    const GalleryPart gallery = draw_gallery(archive, sampled, store, output_dir, "g", options, step);
    const GalleryPart weak = draw_gallery(archive, unaligned, store, output_dir, "u", options, step);
    summary.figures = gallery.figures;
    summary.unaligned_figures = weak.figures;
    summary.missing_images = gallery.missing + weak.missing;

    const std::string name = fs::path(db_path).filename().string();
    std::string html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>pubforge report: " +
                       escape(name) + "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n";
    html += "<h1>pubforge report: " + escape(name) + "</h1>\n<p class=\"meta\">pubforge " PUBFORGE_VERSION " · " +
            thousands(stats["totals"].value("articles", 0LL)) + " articles · gallery seed " + std::to_string(options.seed) +
            "</p>\n<nav><a href=\"#glance\">At a glance</a><a href=\"#plots\">Plots</a><a href=\"#gallery\">Gallery</a>"
            "<a href=\"#unaligned\">Unpaired panels and subcaptions</a></nav>\n";
    html += at_a_glance(stats, options.rejects);
    html += plots_section(plots);
    html += "<section id=\"gallery\">\n<h2>Gallery</h2>\n<p>" + std::to_string(gallery.figures) +
            " figures sampled with seed " + std::to_string(options.seed) +
            ", spread over journals and years. Boxes are the panels crop found; each subcaption is underlined in its "
            "panel's colour, dashed when it went to no panel.</p>\n<div class=\"gallery\">\n" + gallery.html +
            "</div>\n</section>\n";
    html += "<section id=\"unaligned\">\n<h2>Unpaired panels and subcaptions</h2>\n<p>" + std::to_string(weak.figures) +
            " compound figures where alignment left a panel without a subcaption, or a subcaption without a panel: the "
            "cases to audit.</p>\n<div class=\"gallery\">\n" + weak.html + "</div>\n</section>\n</body>\n</html>\n";
    write_file_atomic(output_dir + "/index.html", html);
    std::error_code ec;
    fs::remove(output_dir + "/" + kInProgress, ec);
    if (ec) throw Error("io.write", "cannot remove " + output_dir + "/" + kInProgress + ": " + ec.message(), true);
    return summary;
}

}  // namespace pubforge::report
