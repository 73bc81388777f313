// Tests for the report page: every section, plot and gallery image present and linked, determinism, folder safety.
#include "pubforge/report/report.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <regex>

#include "pubforge/core/error.hpp"
#include "report/report_fixture.hpp"
#include "test_support.hpp"

namespace pubforge::report {
namespace {

namespace fs = std::filesystem;
using testing::ScratchDir;

bool have_gnuplot() { return std::system("command -v gnuplot > /dev/null 2>&1") == 0; }

class ReportTest : public ::testing::Test {
protected:
    void SetUp() override {
        if (!have_gnuplot()) GTEST_SKIP() << "gnuplot is not installed (tools/install-deps.sh installs gnuplot-nox): skipped";
        testing::make_report_archive(dir.file("archive.sqlite"), store);
    }
    ReportSummary write(const std::string& out, ReportOptions options = {}) {
        options.rejects = {{{"parse", "xml.malformed"}, 2}, {{"parse", "pdf.encrypted"}, 1}};
        return write_report(dir.file("archive.sqlite"), out, options);
    }
    ScratchDir dir;
    ImageStore store{dir.file("store")};
};

size_t count(const std::string& text, const std::string& needle) {
    size_t n = 0;
    for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
    return n;
}

TEST_F(ReportTest, PageHasEverySectionPlotAndGalleryImageAndNoBrokenLink) {
    const std::string out = dir.file("report");
    const ReportSummary summary = write(out);
    EXPECT_EQ(summary.plots, 9u);
    EXPECT_EQ(summary.figures, 12u);  // sample 24 > 12 figures: all of them
    EXPECT_EQ(summary.unaligned_figures, 6u);
    EXPECT_EQ(summary.missing_images, 0u);
    const std::string html = testing::read_tree(out).at("index.html");
    for (const char* section : {"id=\"glance\"", "id=\"plots\"", "id=\"gallery\"", "id=\"unaligned\""})
        EXPECT_NE(html.find(section), std::string::npos) << section;
    EXPECT_EQ(count(html, "<img class=\"plot\""), 9u);
    EXPECT_EQ(count(html, "<img class=\"figure\""), 18u);
    // The numbers of the first table, and the rejects given.
    EXPECT_NE(html.find("<th>articles</th><td>6</td>"), std::string::npos);
    EXPECT_NE(html.find("<th>compound figures</th><td>6</td>"), std::string::npos);
    EXPECT_NE(html.find("<th>parse: xml.malformed</th><td>2</td>"), std::string::npos);
    // Every src and href is local and names a file of the report.
    const std::regex link("(src|href)=\"([^\"#][^\"]*)\"");
    size_t links = 0;
    for (std::sregex_iterator it(html.begin(), html.end(), link), end; it != end; ++it, ++links) {
        const std::string target = (*it)[2];
        EXPECT_EQ(target.find(':'), std::string::npos) << target;  // no scheme: nothing fetched from a network
        EXPECT_TRUE(fs::is_regular_file(out + "/" + target)) << target;
        EXPECT_GT(fs::file_size(out + "/" + target), 200u) << target;
    }
    EXPECT_EQ(links, 27u);
}

TEST_F(ReportTest, SameArchiveAndOptionsGiveByteIdenticalFiles) {
    write(dir.file("a"));
    write(dir.file("b"));
    EXPECT_EQ(testing::read_tree(dir.file("a")), testing::read_tree(dir.file("b")));
}

TEST_F(ReportTest, SampleSizeBoundsTheGallery) {
    ReportOptions options;
    options.sample = 4;
    const ReportSummary summary = write(dir.file("small"), options);
    EXPECT_EQ(summary.figures, 4u);
    EXPECT_EQ(summary.unaligned_figures, 4u);
    size_t images = 0;
    for (const auto& entry : fs::directory_iterator(dir.file("small/figures"))) images += entry.is_regular_file();
    EXPECT_EQ(images, 8u);
}

TEST_F(ReportTest, RewritesAnEarlierReportButRefusesAFolderOfOtherFiles) {
    const std::string out = dir.file("again");
    write(out);
    ReportOptions options;
    options.sample = 2;
    write(out, options);  // the earlier report's 18 figure files go; 2 + 2 remain
    size_t images = 0;
    for (const auto& entry : fs::directory_iterator(out + "/figures")) images += entry.is_regular_file();
    EXPECT_EQ(images, 4u);

    const std::string other = dir.file("user-folder");
    testing::write_text_file(other + "/notes.txt", "mine");
    try {
        write(other);
        FAIL() << "a folder of other files was accepted";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), "report.output-not-empty");
    }
    EXPECT_TRUE(fs::exists(other + "/notes.txt"));
}

TEST_F(ReportTest, AnImageMissingFromTheStoreIsShownAsMissingNotFatal) {
    ReportOptions options;
    options.store_dir = dir.file("empty-store");
    const ReportSummary summary = write(dir.file("missing"), options);
    EXPECT_EQ(summary.figures, 12u);
    EXPECT_EQ(summary.missing_images, 18u);
    const std::string html = testing::read_tree(dir.file("missing")).at("index.html");
    EXPECT_EQ(count(html, "<img class=\"figure\""), 0u);
    EXPECT_EQ(count(html, "image not shown: store.missing"), 18u);
}

TEST(CountRejects, CountsByStageAndCodeAndRefusesOtherLines) {
    ScratchDir dir;
    testing::write_text_file(dir.file("rejects.jsonl"),
                             "{\"input\":\"a.xml\",\"stage\":\"parse\",\"code\":\"xml.malformed\",\"message\":\"m\"}\n"
                             "{\"input\":\"b.xml\",\"stage\":\"parse\",\"code\":\"xml.malformed\",\"message\":\"m\"}\n"
                             "{\"input\":\"c.pdf\",\"stage\":\"crop\",\"code\":\"image.corrupt\",\"message\":\"m\"}\n");
    const RejectCounts counts = count_rejects(dir.file("rejects.jsonl"));
    ASSERT_EQ(counts.size(), 2u);
    EXPECT_EQ(counts.at({"parse", "xml.malformed"}), 2u);
    EXPECT_EQ(counts.at({"crop", "image.corrupt"}), 1u);
    EXPECT_TRUE(count_rejects(dir.file("absent.jsonl")).empty());
    testing::write_text_file(dir.file("bad.jsonl"), "[1, 2]\n");
    try {
        count_rejects(dir.file("bad.jsonl"));
        FAIL() << "a line that is not a reject was counted";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), "report.rejects");
    }
}

}  // namespace
}  // namespace pubforge::report
