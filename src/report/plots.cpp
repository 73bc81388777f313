// The report's plots as one gnuplot script, run by a gnuplot child process that writes one SVG per plot.
#include "plots.hpp"

#include <cstdio>
#include <cstring>

#include "pubforge/core/child_process.hpp"
#include "pubforge/core/error.hpp"
#include "pubforge/core/files.hpp"

namespace pubforge::report {
namespace {

// A gnuplot double-quoted string: backslashes and quotes escaped, line breaks dropped.
std::string quoted(const std::string& text) {
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"' || c == '\\') out += '\\';
        out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
    }
    return out + "\"";
}

std::string number(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.6g", value);
    return buffer;
}

// Axis labels longer than this are cut with an ellipsis, so a long journal name
// does not squeeze the bars into a strip.
std::string short_label(const std::string& label) {
    constexpr size_t kMax = 28;
    if (label.size() <= kMax) return label;
    size_t cut = kMax;
    while (cut > 0 && (static_cast<unsigned char>(label[cut]) & 0xC0) == 0x80) --cut;  // not inside a UTF-8 sequence
    return label.substr(0, cut) + "…";
}

void append_plot(std::string& script, const Plot& plot, size_t index) {
    const std::string data = "$d" + std::to_string(index);
    script += "\nreset\nset output " + quoted(plot.name + ".svg") + "\n";
    script += "unset key\nset grid ytics lc rgb \"#dddddd\"\nset border 3\nset tics nomirror\n";
    const bool empty = plot.kind == Plot::Kind::Bars ? plot.bars.empty() : plot.points.empty();
    if (empty) {
        script += "unset border\nunset tics\nunset grid\nset label 1 \"no data in this archive\" at graph 0.5,0.5 center\n"
                  "plot [0:1][0:1] NaN notitle\n";
        return;
    }
    script += "set xlabel " + quoted(plot.x_label) + "\nset ylabel " + quoted(plot.y_label) + "\n";
    script += data + " << EOD\n";
    if (plot.kind == Plot::Kind::Bars) {
        for (const auto& [label, value] : plot.bars) script += quoted(short_label(label)) + " " + number(value) + "\n";
        script += "EOD\n";
        const std::string rotate = plot.bars.size() > 8 ? "rotate by -40 " : "";
        script += "set style fill solid 0.85 border lc rgb \"#1f3d5c\"\nset boxwidth 0.75 absolute\nset yrange [0:*]\n"
                  "set xrange [-0.6:" + number(static_cast<double>(plot.bars.size()) - 0.4) + "]\n"
                  "set xtics " + rotate + "scale 0 font \",9\"\n"
                  "plot " + data + " using 0:2:xtic(1) with boxes lc rgb \"#3b6ea5\"\n";
    } else {
        for (const auto& point : plot.points)
            script += number(point[0]) + " " + number(point[1]) + " " + number(point[2]) + "\n";
        script += "EOD\n";
        script += "set xrange [0:*]\nset yrange [0:*]\nset size ratio -1\n"
                  "plot " + data + " using 1:2:3 with points pt 7 ps variable lc rgb \"#803b6ea5\"\n";
    }
}

// Runs `gnuplot plots.gp` in `dir` through the shared child-process runner; returns the exit status and what it
// said on stderr. A gnuplot that cannot be found is its own error, not an exit status.
int run_gnuplot(const std::string& gnuplot, const std::string& dir, std::string& messages) {
    constexpr double kTimeLimitSeconds = 600;       // nine small plots take well under a second
    constexpr std::size_t kMaxOutput = 1 << 20;     // the SVGs go to files; stdout stays empty
    const ChildResult child = run_child({gnuplot, "plots.gp"}, {}, kTimeLimitSeconds, kMaxOutput, 0, dir);
    messages = child.err;
    switch (child.status) {
        case ChildResult::Status::Exited: return child.exit_code;
        case ChildResult::Status::Missing:
            throw Error("report.gnuplot-missing", gnuplot + " not found on PATH (Debian: apt-get install gnuplot-nox)", true);
        default: throw Error("report.gnuplot", "cannot run " + gnuplot + ": " + child.message, true);
    }
}

}  // namespace

std::string gnuplot_script(const std::vector<Plot>& plots) {
    // noenhanced: journal names and labels hold '_' and '^', which enhanced text would typeset.
    std::string script =
        "# Written by pubforge report; rerun with `gnuplot plots.gp` after editing.\n"
        "set encoding utf8\n"
        "set terminal svg size 640,380 noenhanced font \"DejaVu Sans,11\" background rgb \"white\"\n";
    for (size_t i = 0; i < plots.size(); ++i) append_plot(script, plots[i], i);
    script += "\nunset output\n";
    return script;
}

void draw_plots(const std::vector<Plot>& plots, const std::string& dir, const std::string& gnuplot) {
    const std::string script_path = dir + "/plots.gp";
    write_file_atomic(script_path, gnuplot_script(plots));
    std::string messages;
    const int status = run_gnuplot(gnuplot, dir, messages);
    if (status != 0) {
        if (messages.size() > 2000) messages = "..." + messages.substr(messages.size() - 2000);
        throw Error("report.gnuplot", "gnuplot failed on " + script_path + " (status " + std::to_string(status) + "): " + messages,
                    true);
    }
}

}  // namespace pubforge::report
