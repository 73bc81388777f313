// Test helpers: scratch directories and paths to fixtures and the shared corpus.
#include "test_support.hpp"

#include <filesystem>
#include <fstream>

namespace pubforge::testing {
namespace fs = std::filesystem;

ScratchDir::ScratchDir() {
    std::string pattern = (fs::temp_directory_path() / "pubforge-test-XXXXXX").string();
    path_ = ::mkdtemp(pattern.data()) ? pattern : "";
}

ScratchDir::~ScratchDir() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
}

std::string fixture(const std::string& relative) { return std::string(PUBFORGE_TEST_FIXTURES) + "/" + relative; }
std::string source_path(const std::string& relative) { return std::string(PUBFORGE_SOURCE_DIR) + "/" + relative; }

std::string corpus_path(const std::string& relative) {
    const fs::path path = fs::path(PUBFORGE_SHARED_CORPUS) / relative;
    std::error_code ec;
    return fs::exists(path, ec) ? fs::weakly_canonical(path).string() : "";
}

std::vector<nlohmann::json> read_jsonl_file(const std::string& path) {
    std::vector<nlohmann::json> out;
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line))
        if (!line.empty()) out.push_back(nlohmann::json::parse(line));
    return out;
}

void write_text_file(const std::string& path, const std::string& text) {
    fs::create_directories(fs::path(path).parent_path());
    std::ofstream(path, std::ios::binary) << text;
}

}  // namespace pubforge::testing
