// Tests of the child-process runner (page renderer, gnuplot): input and output, both ends of stderr, missing programs, limits.
#include "pubforge/core/child_process.hpp"

#include <chrono>

#include <gtest/gtest.h>

namespace pubforge {
namespace {

using Status = ChildResult::Status;

TEST(ChildProcessTest, LargeInputComesBackThroughStandardOutput) {
    // Larger than a pipe buffer both ways: the runner must write and read at once.
    std::string input;
    for (int i = 0; i < 200000; ++i) input += static_cast<char>('a' + i % 26);
    const ChildResult result = run_child({"cat"}, input, 10, 1 << 20);
    EXPECT_EQ(result.status, Status::Exited);
    EXPECT_EQ(result.exit_code, 0);
    EXPECT_EQ(result.out, input);
}

TEST(ChildProcessTest, ExitStatusAndStandardErrorAreKept) {
    const ChildResult result = run_child({"sh", "-c", "echo broken >&2; exit 3"}, "", 10, 1024);
    EXPECT_EQ(result.status, Status::Exited);
    EXPECT_EQ(result.exit_code, 3);
    EXPECT_EQ(result.err, "broken\n");
}

TEST(ChildProcessTest, LongStandardErrorKeepsItsEndWhereTheReasonIs) {
    // gnuplot says why it failed on its last line, after pages of warnings.
    const ChildResult result = run_child(
        {"sh", "-c", "i=0; while [ $i -lt 500 ]; do echo \"warning $i: skipped\" >&2; i=$((i+1)); done;"
                     " echo 'line 9: undefined variable' >&2; exit 1"},
        "", 10, 1024);
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_EQ(result.err.rfind("warning 0: skipped\nwarning 1: skipped\n", 0), 0u) << result.err;
    const std::string reason = "skipped\nline 9: undefined variable\n";
    ASSERT_GT(result.err.size(), reason.size());
    EXPECT_EQ(result.err.substr(result.err.size() - reason.size()), reason) << result.err;
    EXPECT_NE(result.err.find("\n...\n"), std::string::npos);
    EXPECT_EQ(result.err.size(), 2048 + 5 + 2048u);
}

TEST(ChildProcessTest, StandardErrorThatFitsIsKeptWhole) {
    const ChildResult result = run_child({"sh", "-c", "head -c 4096 /dev/zero | tr '\\0' x >&2"}, "", 10, 1024);
    EXPECT_EQ(result.err, std::string(4096, 'x'));
}

TEST(ChildProcessTest, AChildThatIgnoresItsInputDoesNotKillTheCaller) {
    // `true` exits at once: writing the rest of the input raises SIGPIPE, which must not reach us.
    const ChildResult result = run_child({"true"}, std::string(4 << 20, 'x'), 10, 1024);
    EXPECT_EQ(result.status, Status::Exited);
    EXPECT_EQ(result.exit_code, 0);
}

TEST(ChildProcessTest, MissingProgramIsReportedNotThrown) {
    const ChildResult result = run_child({"pubforge-no-such-renderer"}, "", 10, 1024);
    EXPECT_EQ(result.status, Status::Missing);
    EXPECT_NE(result.message.find("pubforge-no-such-renderer"), std::string::npos);
    EXPECT_EQ(find_program("/nonexistent/pdftoppm"), "");
    EXPECT_NE(find_program("sh"), "");
}

TEST(ChildProcessTest, AHangingChildIsKilledAtTheTimeLimit) {
    const auto start = std::chrono::steady_clock::now();
    const ChildResult result = run_child({"sleep", "30"}, "", 0.3, 1024);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_EQ(result.status, Status::TimedOut);
    EXPECT_LT(seconds, 5.0);
}

TEST(ChildProcessTest, AChildThatWritesWithoutEndIsStoppedAtTheOutputCap) {
    const ChildResult result = run_child({"yes"}, "", 10, 100000);
    EXPECT_EQ(result.status, Status::OutputTooLarge);
    EXPECT_TRUE(result.out.empty());
}

TEST(ChildProcessTest, TheMemoryCapMakesAnExplodingChildFailAlone) {
    // A gigabyte does not fit in 256 MiB of address space: the child fails, the caller goes on.
    const std::vector<std::string> argv = {"python3", "-c", "x = bytearray(1 << 30)"};
    if (find_program("python3").empty()) GTEST_SKIP() << "python3 not on PATH";
    EXPECT_EQ(run_child(argv, "", 20, 1024).exit_code, 0);
    const ChildResult capped = run_child(argv, "", 20, 1024, 256ull << 20);
    EXPECT_EQ(capped.status, Status::Exited);
    EXPECT_NE(capped.exit_code, 0);
    EXPECT_NE(capped.err.find("MemoryError"), std::string::npos) << capped.err;
}

}  // namespace
}  // namespace pubforge
