// Tests of atomic writes: unique temporaries per writer, nothing half-written, and the clean-up of a killed writer's leftovers.
#include "pubforge/core/files.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <thread>
#include <vector>

#include "pubforge/core/store.hpp"
#include "test_support.hpp"

namespace pubforge {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> names_in(const std::string& dir) {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir)) names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

// Runs `write` in a child process that dies without cleaning up (as under kill -9); returns its pid.
template <typename Write>
pid_t leave_temporary_as_killed_process(Write write) {
    const pid_t child = ::fork();
    if (child == 0) {
        write();
        ::_exit(0);  // no destructors: the temporary stays, as after kill -9
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    return child;
}

TEST(FilesTest, WritersOfTheSamePathNeverShareATemporary) {
    testing::ScratchDir dir;
    const std::string path = dir.file("out.bin");
    // Many threads write the same path at once (the same image met in two documents).
    std::vector<std::thread> writers;
    for (int t = 0; t < 8; ++t)
        writers.emplace_back([&] {
            for (int round = 0; round < 50; ++round) write_file_atomic(path, std::string(100000, 'x'));
        });
    for (auto& writer : writers) writer.join();
    EXPECT_EQ(read_file(path), std::string(100000, 'x'));
    EXPECT_EQ(names_in(dir.path()), std::vector<std::string>{"out.bin"});
}

TEST(FilesTest, AnUncommittedFileLeavesThePathUntouched) {
    testing::ScratchDir dir;
    write_file_atomic(dir.file("a.txt"), "old");
    {
        AtomicFile file(dir.file("a.txt"));
        file.write("new, never committed");
    }
    EXPECT_EQ(read_file(dir.file("a.txt")), "old");
    EXPECT_EQ(names_in(dir.path()), std::vector<std::string>{"a.txt"});
}

TEST(FilesTest, StaleTemporariesOfKilledWritersAreRemovedOthersKept) {
    testing::ScratchDir dir;
    leave_temporary_as_killed_process([&] {
        auto* file = new AtomicFile(dir.file("killed.jsonl"));  // never destroyed
        file->write("half a line");
    });
    AtomicFile live(dir.file("live.jsonl"));  // this process is alive: its temporary stays
    live.write("in progress");
    write_file_atomic(dir.file("other.jpg.tmp-otherhost-1-0"), "another host's");  // not ours to judge
    write_file_atomic(dir.file("notes.tmp"), "not a temporary name");
    ASSERT_EQ(names_in(dir.path()).size(), 4u);
    EXPECT_EQ(remove_stale_temporaries(dir.path()), 1u);
    const auto left = names_in(dir.path());
    EXPECT_EQ(left.size(), 3u);
    for (const std::string& name : left) EXPECT_EQ(name.find("killed.jsonl"), std::string::npos) << name;
    live.commit();
    EXPECT_EQ(read_file(dir.file("live.jsonl")), "in progress");
}

TEST(FilesTest, TheStoreCleansWhatAKilledPutLeft) {
    testing::ScratchDir dir;
    ImageStore store(dir.file("store"));
    const std::string png = testing::encode_test_image(".png", 12, 8);
    leave_temporary_as_killed_process([&] {
        auto* file = new AtomicFile(store.path_of(describe_image(png)), dir.file("store/.tmp"));
        file->write(png.substr(0, png.size() / 2));
    });
    EXPECT_FALSE(store.contains(describe_image(png)));  // the half image never got its name
    EXPECT_EQ(names_in(dir.file("store/.tmp")).size(), 1u);
    EXPECT_EQ(store.remove_stale_temporaries(), 1u);
    EXPECT_TRUE(names_in(dir.file("store/.tmp")).empty());
    store.put(png);
    EXPECT_EQ(store.read(describe_image(png)), png);
}

}  // namespace
}  // namespace pubforge
