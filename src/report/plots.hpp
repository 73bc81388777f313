// The report's plots: bar charts and one scatter, drawn to SVG by gnuplot run as a separate process.
#pragma once

#include <array>
#include <string>
#include <utility>
#include <vector>

namespace pubforge::report {

struct Plot {
    enum class Kind { Bars, Scatter };
    Kind kind = Kind::Bars;
    std::string name;     // file stem: plots/<name>.svg
    std::string caption;  // shown under the plot in the page
    std::string x_label, y_label;
    // Bars: (label, value) in the order drawn.
    std::vector<std::pair<std::string, double>> bars;
    // Scatter: (x, y, weight) points; the weight sets the point size.
    std::vector<std::array<double, 3>> points;
};

// Writes <dir>/plots.gp (kept, so a person can restyle the plots and rerun gnuplot on it)
// and runs `gnuplot plots.gp` in <dir> (a relative or PATH name for `gnuplot`), which writes <dir>/<name>.svg for every plot. A plot with
// no data gets an SVG saying so, so the page never links a missing file. Throws
// Error("report.gnuplot-missing") when gnuplot is not on PATH, Error("report.gnuplot")
// with gnuplot's message when it fails.
void draw_plots(const std::vector<Plot>& plots, const std::string& dir, const std::string& gnuplot = "gnuplot");

// The gnuplot script draw_plots runs; its outputs are relative to the folder it runs in.
std::string gnuplot_script(const std::vector<Plot>& plots);

}  // namespace pubforge::report
