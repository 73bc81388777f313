// The report's plots as one gnuplot script, run by a gnuplot child process that writes one SVG per plot.
#include "plots.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "pubforge/core/error.hpp"
#include "pubforge/core/files.hpp"

extern char** environ;

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

// Runs `gnuplot plots.gp` in `dir` with stdin and stdout on /dev/null; returns the exit status and what it said on stderr.
int run_gnuplot(const std::string& gnuplot, const std::string& dir, std::string& messages) {
    int pipe_fds[2];
    if (::pipe2(pipe_fds, O_CLOEXEC) != 0) throw Error("report.gnuplot", std::string("pipe: ") + std::strerror(errno), true);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDERR_FILENO);
    posix_spawn_file_actions_addchdir_np(&actions, dir.c_str());
    std::string program = gnuplot;
    std::string script_arg = "plots.gp";
    char* argv[] = {program.data(), script_arg.data(), nullptr};
    pid_t pid = 0;
    const int spawned = ::posix_spawnp(&pid, gnuplot.c_str(), &actions, nullptr, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(pipe_fds[1]);
    if (spawned != 0) {
        ::close(pipe_fds[0]);
        if (spawned == ENOENT)
            throw Error("report.gnuplot-missing", gnuplot + " not found on PATH (Debian: apt-get install gnuplot-nox)", true);
        throw Error("report.gnuplot", "cannot start " + gnuplot + ": " + std::strerror(spawned), true);
    }
    char buffer[4096];
    for (ssize_t n; (n = ::read(pipe_fds[0], buffer, sizeof buffer)) != 0;) {
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) break;
        messages.append(buffer, static_cast<size_t>(n));
    }
    ::close(pipe_fds[0]);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    return 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
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
    if (status == 127)
        throw Error("report.gnuplot-missing", gnuplot + " not found on PATH (Debian: apt-get install gnuplot-nox)", true);
    if (status != 0) {
        if (messages.size() > 2000) messages = "..." + messages.substr(messages.size() - 2000);
        throw Error("report.gnuplot", "gnuplot failed on " + script_path + " (status " + std::to_string(status) + "): " + messages,
                    true);
    }
}

}  // namespace pubforge::report
