// Archive check: a sound archive passes; missing store images and broken foreign keys are reported.
#include "pubforge/archive/check.hpp"

#include "archive/synthetic_records.hpp"
#include "pubforge/core/store.hpp"
#include "test_support.hpp"

namespace pubforge::archive {
namespace {

TEST(CheckTest, ReportsImagesMissingFromTheStore) {
    testing::ScratchDir dir;
    ImageStore store(dir.file("store"));
    // A real PNG in the store, referenced by the record; the generated images are not stored.
    const std::string png = std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x02\0\0\0\x03\x08\x02\0\0\0", 29) + std::string(16, '\0');
    const StoredImage stored = store.put(png);
    Record record = testing::synthetic_record(2, 1);
    record["figures"][0]["graphics"][0]["image"] = stored.to_json();
    record["figures"][0]["subfigures"] = nlohmann::json::array();
    Archive archive = Archive::open(dir.file("a.sqlite"), Archive::Mode::ReadWrite);
    testing::load(archive, {record});
    const CheckReport sound = check(archive, store.root());
    EXPECT_TRUE(sound.ok()) << sound.to_json().dump();
    EXPECT_EQ(sound.images_checked, 1u);

    testing::load(archive, {testing::synthetic_record(3, 2)});
    const CheckReport missing = check(archive, store.root());
    EXPECT_FALSE(missing.ok());
    EXPECT_GT(missing.images_missing, 0u);
    EXPECT_NE(missing.problems[0].find("image missing from the store"), std::string::npos);
}

TEST(CheckTest, ReportsBrokenForeignKeys) {
    testing::ScratchDir dir;
    Archive archive = Archive::open(dir.file("a.sqlite"), Archive::Mode::ReadWrite);
    testing::load(archive, testing::synthetic_records(0, 3));
    EXPECT_TRUE(check(archive).ok());
    archive.db().exec("PRAGMA foreign_keys = OFF; DELETE FROM figures WHERE article_id = 'PMC1000001'; PRAGMA foreign_keys = ON");
    const CheckReport report = check(archive);
    EXPECT_FALSE(report.ok());
    EXPECT_NE(report.problems[0].find("foreign key"), std::string::npos);
}

}  // namespace
}  // namespace pubforge::archive
