// Helpers the tests share: scratch directories, fixture and corpus paths, JSONL reading.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pubforge/core/document.hpp"

namespace pubforge::testing {

// A fresh directory under the system temp dir, removed with its contents on destruction.
class ScratchDir {
public:
    ScratchDir();
    ~ScratchDir();
    const std::string& path() const { return path_; }
    std::string file(const std::string& name) const { return path_ + "/" + name; }

private:
    std::string path_;
};

std::string fixture(const std::string& relative);  // tests/fixtures/<relative>
std::string source_path(const std::string& relative);  // repository root/<relative>

// ../shared/corpus/<relative>, or "" when the corpus is absent (tests then GTEST_SKIP with a message).
std::string corpus_path(const std::string& relative);

std::vector<nlohmann::json> read_jsonl_file(const std::string& path);

// One member of a tar.gz written by write_tar_gz: a file, or a symlink/hardlink when `link` is set.
struct TarMember {
    std::string name;
    std::string bytes;
    enum Kind { File, Symlink, Hardlink } kind = File;
    std::string link;
    long long declared_size = -1;  // >= 0 writes a header claiming this size (hostile archives)
};
// Writes a gzip-compressed tar with libarchive, for package and hostile-archive tests.
void write_tar_gz(const std::string& path, const std::vector<TarMember>& members);

// Encodes a solid-colour test image with OpenCV (".png", ".jpg", ".tif", ...).
std::string encode_test_image(const std::string& extension, int width, int height);
std::string encode_test_gif(int width, int height);  // giflib: OpenCV cannot write GIF
void write_text_file(const std::string& path, const std::string& text);

// A PDF held in memory as the readers receive it (kind pdf, sha256 and size filled in).
SourceDocument pdf_source(const std::string& bytes, const std::string& name = "test.pdf");

}  // namespace pubforge::testing

// Skips the current test, visibly, when ../shared/corpus is not there.
#define PUBFORGE_REQUIRE_CORPUS(var, relative)                                                   \
    const std::string var = ::pubforge::testing::corpus_path(relative);                         \
    if (var.empty()) GTEST_SKIP() << "../shared/corpus/" << (relative) << " is absent: skipped"
