// Tests of download verification: real and generated packages pass; HTML, truncation and other bytes are refused.
#include "pubforge/fetch/verify.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "pubforge/core/error.hpp"
#include "pubforge/core/files.hpp"
#include "test_support.hpp"

namespace pubforge::fetch {
namespace {

std::string code_of(const std::string& file, const std::string& name) {
    try {
        verify_download(file, name);
        return "ok";
    } catch (const Error& e) {
        return e.code();
    }
}

TEST(VerifyTest, GeneratedPackagesAndDocumentsPassAndBadBytesDoNot) {
    testing::ScratchDir dir;
    testing::write_tar_gz(dir.file("p.tar.gz"), {{"PMC1/main.nxml", "<article/>"}, {"PMC1/f1.jpg", "xx"}});
    EXPECT_EQ(code_of(dir.file("p.tar.gz"), "oa_package/a/PMC1.tar.gz"), "ok");
    // Cut in the middle: the gzip stream ends early.
    const std::string bytes = read_file(dir.file("p.tar.gz"));
    testing::write_text_file(dir.file("cut.tar.gz"), bytes.substr(0, bytes.size() / 2));
    EXPECT_EQ(code_of(dir.file("cut.tar.gz"), "oa_package/a/PMC1.tar.gz"), "fetch.corrupt");
    testing::write_text_file(dir.file("page"), "\n<!DOCTYPE html>\n<html><body>Not found</body></html>");
    EXPECT_EQ(code_of(dir.file("page"), "oa_package/a/PMC1.tar.gz"), "fetch.not-a-package");
    EXPECT_EQ(code_of(dir.file("page"), "PMC1/fullTextXML"), "fetch.not-a-package");
    testing::write_text_file(dir.file("a.xml"), "<?xml version=\"1.0\"?><article/>");
    EXPECT_EQ(code_of(dir.file("a.xml"), "PMC1/fullTextXML"), "ok");
    EXPECT_EQ(code_of(dir.file("a.xml"), "oa_package/a/PMC1.tar.gz"), "fetch.not-a-package");  // named a package
    testing::write_text_file(dir.file("empty"), "");
    EXPECT_EQ(code_of(dir.file("empty"), "x/PMC1.pdf"), "fetch.not-a-package");
}

TEST(VerifyTest, RealPackagesPassAndTheRealTruncatedOneDoesNot) {
    PUBFORGE_REQUIRE_CORPUS(folder, "real/pmc-oa");
    for (const char* name : {"PMC7112410.tar.gz", "PMC7135076.tar.gz", "PMC7159286.tar.gz"})
        EXPECT_EQ(code_of(folder + "/" + name, name), "ok") << name;
    EXPECT_EQ(code_of(folder + "/truncated/PMC10802347.tar.gz", "PMC10802347.tar.gz"), "fetch.corrupt");
}

}  // namespace
}  // namespace pubforge::fetch
