// Tests for the gnuplot plots: the script's quoting and empty plots, the SVGs gnuplot writes, a missing gnuplot.
#include "report/plots.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "pubforge/core/error.hpp"
#include "export/export_fixture.hpp"
#include "test_support.hpp"

namespace pubforge::report {
namespace {

using testing::ScratchDir;

std::vector<Plot> sample_plots() {
    Plot journals;
    journals.name = "journals";
    journals.caption = "Top journals";
    journals.y_label = "articles";
    journals.bars = {{"J \"Quoted\" Radiol", 12}, {"Annals_of^Tests", 3}};
    Plot empty;
    empty.name = "rejects";
    Plot sizes;
    sizes.kind = Plot::Kind::Scatter;
    sizes.name = "sizes";
    sizes.points = {{100, 50, 1.0}, {640, 480, 2.5}};
    return {journals, empty, sizes};
}

TEST(GnuplotScript, QuotesLabelsAndWritesOneRelativeOutputPerPlot) {
    const std::string script = gnuplot_script(sample_plots());
    EXPECT_NE(script.find("set output \"journals.svg\""), std::string::npos);
    EXPECT_NE(script.find("set output \"rejects.svg\""), std::string::npos);
    EXPECT_NE(script.find("set output \"sizes.svg\""), std::string::npos);
    EXPECT_NE(script.find("\"J \\\"Quoted\\\" Radiol\" 12\n"), std::string::npos) << script;
    EXPECT_NE(script.find("noenhanced"), std::string::npos);  // '_' and '^' in labels stay as written
    EXPECT_NE(script.find("no data in this archive"), std::string::npos);
    EXPECT_NE(script.find("640 480 2.5\n"), std::string::npos);
}

TEST(DrawPlots, GnuplotWritesEverySvgDeterministically) {
    if (std::system("command -v gnuplot > /dev/null 2>&1") != 0)
        GTEST_SKIP() << "gnuplot is not installed (tools/install-deps.sh installs gnuplot-nox): skipped";
    ScratchDir a, b;
    draw_plots(sample_plots(), a.path());
    draw_plots(sample_plots(), b.path());
    const auto files = testing::read_tree(a.path());
    for (const char* name : {"journals.svg", "rejects.svg", "sizes.svg", "plots.gp"}) ASSERT_TRUE(files.count(name)) << name;
    EXPECT_NE(files.at("journals.svg").find("<svg"), std::string::npos);
    EXPECT_NE(files.at("journals.svg").find("Annals_of^Tests"), std::string::npos);
    EXPECT_NE(files.at("rejects.svg").find("no data in this archive"), std::string::npos);
    EXPECT_EQ(files, testing::read_tree(b.path()));
}

TEST(DrawPlots, AMissingGnuplotIsNamedAsSuch) {
    ScratchDir dir;
    try {
        draw_plots(sample_plots(), dir.path(), "/nonexistent/gnuplot");
        FAIL() << "no error without gnuplot";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), "report.gnuplot-missing");
        EXPECT_TRUE(e.fatal());
    }
}

}  // namespace
}  // namespace pubforge::report
