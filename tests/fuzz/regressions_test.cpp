// Replays every input the fuzzers once crashed on (tests/fuzz/regressions/<target>/) through the same entry points.
#include <gtest/gtest.h>

#include <algorithm>
#include <exception>
#include <filesystem>
#include <string>
#include <typeinfo>
#include <vector>

#include "fuzz/entry_points.hpp"
#include "pubforge/core/error.hpp"
#include "pubforge/core/files.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using pubforge::testing::source_path;

namespace {

std::vector<fs::path> regression_inputs(const std::string& target) {
    std::vector<fs::path> inputs;
    const fs::path dir = source_path("tests/fuzz/regressions/" + target);
    if (fs::is_directory(dir))
        for (const auto& entry : fs::directory_iterator(dir))
            if (entry.is_regular_file()) inputs.push_back(entry.path());
    std::sort(inputs.begin(), inputs.end());
    return inputs;
}

// Each input must come back as a result or a pubforge::Error; a crash or sanitizer
// report ends the test binary, any other exception fails the test.
void replay(const std::string& target) {
    const auto& targets = pubforge::fuzz::targets();
    const auto found = std::find_if(targets.begin(), targets.end(), [&](const auto& t) { return t.name == target; });
    ASSERT_NE(found, targets.end()) << "no fuzz target " << target;
    const auto inputs = regression_inputs(target);
    ASSERT_FALSE(inputs.empty()) << "tests/fuzz/regressions/" << target << "/ holds no input";
    for (const auto& input : inputs) {
        SCOPED_TRACE(input.string());
        const std::string bytes = pubforge::read_file(input.string());
        try {
            found->entry(bytes);
        } catch (const pubforge::Error&) {
        } catch (const std::exception& e) {
            ADD_FAILURE() << "escaped as " << typeid(e).name() << ": " << e.what();
        }
    }
}

}  // namespace

// Only targets with findings have a folder (fuzz_jats and fuzz_caption have found nothing yet).
TEST(FuzzRegressionsTest, PdfReader) { replay("pdf"); }
TEST(FuzzRegressionsTest, ImageLoader) { replay("image"); }

TEST(FuzzRegressionsTest, EveryFolderIsAFuzzTarget) {
    const auto& targets = pubforge::fuzz::targets();
    for (const auto& entry : fs::directory_iterator(source_path("tests/fuzz/regressions"))) {
        const std::string name = entry.path().filename().string();
        EXPECT_TRUE(std::any_of(targets.begin(), targets.end(), [&](const auto& t) { return t.name == name; }))
            << "tests/fuzz/regressions/" << name << " is replayed by no target";
    }
}
