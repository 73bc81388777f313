// Tests of opening inputs: sniffing by content, PMC-OA packages in memory, hostile archives, href resolution.
#include "pubforge/core/document.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "pubforge/core/error.hpp"
#include "pubforge/core/files.hpp"
#include "test_support.hpp"

namespace pubforge {
namespace {

using testing::ScratchDir;
using testing::TarMember;

const char* kArticle = "<?xml version=\"1.0\"?><article><front/></article>";

std::string error_code_of(const std::string& path, const PackageLimits& limits = {}) {
    try {
        open_document(path, limits);
    } catch (const Error& e) {
        return e.code();
    }
    return "none";
}

TEST(DocumentTest, SniffsXmlAndPdfWhateverTheName) {
    ScratchDir dir;
    testing::write_text_file(dir.file("article.pdf"), kArticle);
    testing::write_text_file(dir.file("paper.xml"), "%PDF-1.4\n%stuff");
    EXPECT_EQ(open_document(dir.file("article.pdf")).kind, "jats");
    EXPECT_EQ(open_document(dir.file("paper.xml")).kind, "pdf");
}

TEST(DocumentTest, UnknownBytesAndMissingFilesGetSpecificCodes) {
    ScratchDir dir;
    testing::write_text_file(dir.file("notes.txt"), "just some text");
    EXPECT_EQ(error_code_of(dir.file("notes.txt")), "input.unknown-format");
    EXPECT_EQ(error_code_of(dir.file("absent.xml")), "io.read");
}

TEST(DocumentTest, PackageIsReadInMemoryAndResolvesHrefsByStem) {
    ScratchDir dir;
    const std::string png = testing::encode_test_image(".png", 30, 20);
    testing::write_tar_gz(dir.file("PMC1.tar.gz"), {{"PMC1/PMC1.nxml", kArticle},
                                                    {"PMC1/gr1.jpg", png},   // PNG bytes under a .jpg name
                                                    {"PMC1/gr1.pdf", "%PDF-1.4"},
                                                    {"PMC1/main.pdf", "%PDF-1.4"}});
    const SourceDocument doc = open_document(dir.file("PMC1.tar.gz"));
    EXPECT_EQ(doc.kind, "pmc-oa");
    EXPECT_EQ(doc.member, "PMC1/PMC1.nxml");
    EXPECT_EQ(doc.bytes, kArticle);
    EXPECT_EQ(doc.sha256.size(), 64u);
    const auto image = doc.resources->find("gr1");  // no extension: the image wins over the PDF
    ASSERT_TRUE(image);
    EXPECT_EQ(image->name, "PMC1/gr1.jpg");
    EXPECT_EQ(image->bytes, png);
    EXPECT_FALSE(doc.resources->find("gr9"));
    // Nothing was extracted next to the package.
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), {}), 1);
}

TEST(DocumentTest, HostileArchivesAreRejectedWithTheirOwnCodes) {
    ScratchDir dir;
    testing::write_tar_gz(dir.file("abs.tar.gz"), {{"/etc/evil.nxml", kArticle}});
    testing::write_tar_gz(dir.file("dotdot.tar.gz"), {{"PMC1/../../evil.nxml", kArticle}});
    TarMember link{"PMC1/fig.jpg", "", TarMember::Symlink, "/etc/passwd"};
    testing::write_tar_gz(dir.file("link.tar.gz"), {{"PMC1/a.nxml", kArticle}, link});
    TarMember up{"PMC1/fig.jpg", "", TarMember::Hardlink, "../../outside"};
    testing::write_tar_gz(dir.file("hardlink.tar.gz"), {{"PMC1/a.nxml", kArticle}, up});
    testing::write_tar_gz(dir.file("empty.tar.gz"), {{"PMC1/readme.txt", "hello"}});
    EXPECT_EQ(error_code_of(dir.file("abs.tar.gz")), "tar.unsafe-path");
    EXPECT_EQ(error_code_of(dir.file("dotdot.tar.gz")), "tar.unsafe-path");
    EXPECT_EQ(error_code_of(dir.file("link.tar.gz")), "tar.unsafe-link");
    EXPECT_EQ(error_code_of(dir.file("hardlink.tar.gz")), "tar.unsafe-link");
    EXPECT_EQ(error_code_of(dir.file("empty.tar.gz")), "tar.no-article");
}

TEST(DocumentTest, OversizedMembersAndBombsStopEarly) {
    ScratchDir dir;
    PackageLimits limits;
    limits.max_member_bytes = 1000;
    testing::write_tar_gz(dir.file("big.tar.gz"), {{"PMC1/a.nxml", kArticle}, {"PMC1/big.tif", std::string(5000, 'x')}});
    EXPECT_EQ(error_code_of(dir.file("big.tar.gz"), limits), "tar.member-too-large");

    PackageLimits ratio;
    ratio.max_total_bytes = 100000;  // highly compressible zeros expand past the total budget
    testing::write_tar_gz(dir.file("bomb.tar.gz"), {{"PMC1/a.nxml", kArticle}, {"PMC1/zeros.bin", std::string(400000, '\0')}});
    EXPECT_EQ(error_code_of(dir.file("bomb.tar.gz"), ratio), "tar.bomb");
}

TEST(DocumentTest, TruncatedPackageIsCorruptNotACrash) {
    ScratchDir dir;
    testing::write_tar_gz(dir.file("ok.tar.gz"), {{"PMC1/a.nxml", kArticle}, {"PMC1/noise.bin", std::string(200000, 'n') + "tail"}});
    const std::string bytes = read_file(dir.file("ok.tar.gz"));
    testing::write_text_file(dir.file("cut.tar.gz"), bytes.substr(0, bytes.size() / 2));
    EXPECT_EQ(error_code_of(dir.file("cut.tar.gz")), "tar.corrupt");
}

TEST(DocumentTest, DirectoryResolverNeverLeavesThePackageDirectory) {
    ScratchDir dir;
    testing::write_text_file(dir.file("pkg/article.nxml"), kArticle);
    testing::write_text_file(dir.file("pkg/fig1.tif"), testing::encode_test_image(".tif", 8, 8));
    testing::write_text_file(dir.file("secret.jpg"), "outside");
    const SourceDocument doc = open_document(dir.file("pkg/article.nxml"));
    ASSERT_TRUE(doc.resources->find("fig1"));
    EXPECT_EQ(doc.resources->find("fig1")->name, "fig1.tif");
    const auto escaped = doc.resources->find("../secret.jpg");
    EXPECT_FALSE(escaped && escaped->bytes == "outside");
}

TEST(DocumentTest, HrefsWithDotsButNoExtensionNeverMatchTheArticle) {
    ScratchDir dir;
    testing::write_text_file(dir.file("pone.0234687.nxml"), kArticle);
    testing::write_text_file(dir.file("pone.0234687.g002.tif"), testing::encode_test_image(".tif", 8, 8));
    testing::write_text_file(dir.file("fig3.jpg"), testing::encode_test_image(".jpg", 8, 8));
    const SourceDocument doc = open_document(dir.file("pone.0234687.nxml"));
    EXPECT_FALSE(doc.resources->find("pone.0234687.g001"));  // stem "pone.0234687" is the article's, not this href's
    ASSERT_TRUE(doc.resources->find("pone.0234687.g002"));
    EXPECT_EQ(doc.resources->find("pone.0234687.g002")->name, "pone.0234687.g002.tif");
    ASSERT_TRUE(doc.resources->find("fig3.gif"));  // another image extension for the same stem
    EXPECT_EQ(doc.resources->find("fig3.gif")->name, "fig3.jpg");
}

}  // namespace
}  // namespace pubforge
