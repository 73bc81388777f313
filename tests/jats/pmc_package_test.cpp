// Tests of PMC-OA packages through the parse stage: images read from the .tar.gz in memory, hostile archives rejected.
#include <gtest/gtest.h>

#include <filesystem>

#include "pubforge/core/error.hpp"
#include "pubforge/core/files.hpp"
#include "pubforge/core/hash.hpp"
#include "pubforge/pipeline/parse_stage.hpp"
#include "test_support.hpp"

namespace pubforge {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::TarMember;

const char* kPackageArticle = R"(<?xml version="1.0"?>
<!DOCTYPE article PUBLIC "-//NLM//DTD JATS (Z39.96) Journal Archiving and Interchange DTD v1.0 20120330//EN" "JATS-archivearticle1.dtd">
<article xmlns:xlink="http://www.w3.org/1999/xlink" article-type="research-article">
<front><article-meta><article-id pub-id-type="pmc">4000001</article-id>
<title-group><article-title>A packaged article</article-title></title-group></article-meta></front>
<body><sec><title>Results</title><p>See <xref ref-type="fig" rid="F1">Fig. 1a</xref> and <xref ref-type="fig" rid="F2">Fig. 2</xref>.</p>
<fig id="F1"><label>Fig. 1</label><caption><p>(a) Left. (b) Right.</p></caption><graphic xlink:href="gr1"/></fig>
<fig id="F2"><label>Fig. 2</label><caption><p>Chart.</p></caption><graphic xlink:href="gr2"/></fig>
<fig id="F3"><label>Fig. 3</label><caption><p>Not shipped.</p></caption><graphic xlink:href="gr3"/></fig>
</sec></body></article>)";

std::string code_of(const std::string& path, ImageStore& store, const pipeline::ParseOptions& options = {}) {
    try {
        pipeline::parse_input(path, store, options);
    } catch (const Error& e) {
        return e.code();
    }
    return "none";
}

size_t files_under(const std::string& directory) {
    size_t n = 0;
    for (const auto& entry : fs::recursive_directory_iterator(directory))
        n += entry.is_regular_file();
    return n;
}

TEST(PmcPackageTest, ImagesAreReadFromTheArchiveByStemAndSniffedByContent) {
    testing::ScratchDir dir;
    const std::string png = testing::encode_test_image(".png", 64, 48);
    const std::string tif = testing::encode_test_image(".tif", 20, 10);
    testing::write_tar_gz(dir.file("PMC4000001.tar.gz"), {{"PMC4000001/article.nxml", kPackageArticle},
                                                          {"PMC4000001/gr1.jpg", png},  // PNG bytes under .jpg
                                                          {"PMC4000001/gr2.tif", tif},
                                                          {"PMC4000001/article.pdf", "%PDF-1.4 not read"}});
    ImageStore store(dir.file("store"));
    const Record r = pipeline::parse_input(dir.file("PMC4000001.tar.gz"), store);
    EXPECT_EQ(r["id"], "PMC4000001");
    EXPECT_EQ(r["source"]["kind"], "pmc-oa");
    EXPECT_EQ(r["source"]["member"], "PMC4000001/article.nxml");
    EXPECT_EQ(r["source"]["sha256"], sha256_file(dir.file("PMC4000001.tar.gz")));
    const json& gr1 = r["figures"][0]["graphics"][0];
    EXPECT_EQ(gr1["href"], "gr1");
    EXPECT_EQ(gr1["member"], "PMC4000001/gr1.jpg");
    EXPECT_EQ(gr1["image"]["format"], "png");
    EXPECT_EQ(gr1["image"]["width"], 64);
    EXPECT_EQ(gr1["image"]["height"], 48);
    EXPECT_EQ(store.read(StoredImage::from_json(gr1["image"])), png);  // original bytes, untouched
    EXPECT_EQ(r["figures"][1]["graphics"][0]["image"]["format"], "tiff");
    EXPECT_EQ(r["figures"][0]["mentions"][0]["panels"], json{"a"});
    // The missing image is a warning on its figure, not a failure of the article.
    EXPECT_EQ(r["figures"][2]["warnings"][0]["code"], "image.missing");
    EXPECT_EQ(r["stages"].count("parse"), 1u);
    // Nothing was unpacked: the scratch directory holds the package and the two stored images.
    EXPECT_EQ(files_under(dir.path()), 3u);
}

TEST(PmcPackageTest, HostileArchivesAreRejectedAndWriteNothing) {
    testing::ScratchDir dir;
    ImageStore store(dir.file("store"));
    const std::string png = testing::encode_test_image(".png", 8, 8);
    testing::write_tar_gz(dir.file("absolute.tar.gz"), {{"/tmp/PMC1/article.nxml", kPackageArticle}});
    testing::write_tar_gz(dir.file("dotdot.tar.gz"),
                          {{"PMC1/article.nxml", kPackageArticle}, {"PMC1/../../gr1.png", png}});
    testing::write_tar_gz(dir.file("symlink.tar.gz"),
                          {{"PMC1/article.nxml", kPackageArticle},
                           TarMember{"PMC1/gr1.jpg", "", TarMember::Symlink, "../../../etc/passwd"}});
    TarMember huge{"PMC1/gr1.tif", std::string(64, 'x')};
    huge.declared_size = 1 << 20;  // the header claims far more than the limit below
    testing::write_tar_gz(dir.file("huge.tar.gz"), {{"PMC1/article.nxml", kPackageArticle}, huge});
    testing::write_tar_gz(dir.file("bad-xml.tar.gz"), {{"PMC1/article.nxml", "<article><front>"}});

    pipeline::ParseOptions small;
    small.limits.max_member_bytes = 64 << 10;
    EXPECT_EQ(code_of(dir.file("absolute.tar.gz"), store), "tar.unsafe-path");
    EXPECT_EQ(code_of(dir.file("dotdot.tar.gz"), store), "tar.unsafe-path");
    EXPECT_EQ(code_of(dir.file("symlink.tar.gz"), store), "tar.unsafe-link");
    EXPECT_EQ(code_of(dir.file("huge.tar.gz"), store, small), "tar.member-too-large");
    EXPECT_EQ(code_of(dir.file("bad-xml.tar.gz"), store), "xml.malformed");

    const std::string whole = read_file(dir.file("huge.tar.gz"));
    testing::write_text_file(dir.file("truncated.tar.gz"), whole.substr(0, whole.size() / 2));
    EXPECT_EQ(code_of(dir.file("truncated.tar.gz"), store), "tar.corrupt");
    EXPECT_EQ(files_under(dir.file("store")), 0u);
    EXPECT_FALSE(fs::exists(dir.file("gr1.png")));
    EXPECT_FALSE(fs::exists("/tmp/PMC1/article.nxml"));
}

}  // namespace
}  // namespace pubforge
