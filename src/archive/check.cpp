// Archive integrity checks; every finding is collected into the report rather than thrown.
#include "pubforge/archive/check.hpp"

#include <filesystem>

#include "pubforge/core/error.hpp"
#include "pubforge/core/store.hpp"

namespace pubforge::archive {

nlohmann::json CheckReport::to_json() const {
    return {{"ok", ok()},
            {"problems", problems},
            {"articles", articles},
            {"images_checked", images_checked},
            {"images_missing", images_missing},
            {"unfinished_loads", unfinished_loads}};
}

CheckReport check(Archive& archive, const std::string& store_dir) {
    std::error_code ec;
    if (!store_dir.empty() && !std::filesystem::is_directory(store_dir, ec))
        throw UsageError("the image store " + store_dir + " is not a directory");
    Database& db = archive.db();
    CheckReport report;
    {
        Statement integrity = db.prepare("PRAGMA integrity_check");
        while (integrity.step())
            if (integrity.column_text(0) != "ok") report.problems.push_back("integrity: " + integrity.column_text(0));
    }
    {
        Statement keys = db.prepare("PRAGMA foreign_key_check");
        while (keys.step())
            report.problems.push_back("foreign key: a row of " + keys.column_text(0) + " (rowid " + keys.column_text(1) +
                                      ") points to a missing row of " + keys.column_text(2));
    }
    if (db.read_only()) {
        report.problems.push_back("full-text index not checked: the archive was opened read-only");
    } else try {
        // The FTS5 check is issued as an INSERT; inside a transaction that is rolled back it changes nothing.
        Transaction probe(db, Transaction::Kind::Deferred);
        db.exec("INSERT INTO search(search) VALUES ('integrity-check')");
    } catch (const Error& e) {
        if (e.code() == "archive.busy") throw;
        report.problems.push_back(std::string("full-text index: ") + e.what());
    }
    Transaction snapshot(db, Transaction::Kind::Deferred);
    report.articles = db.scalar("SELECT count(*) FROM articles").get<size_t>();
    report.unfinished_loads = db.scalar("SELECT count(*) FROM provenance WHERE finished_at IS NULL").get<size_t>();
    if (!store_dir.empty()) {
        ImageStore store(store_dir);
        Statement images = db.prepare(
            "SELECT sha256, format FROM images WHERE sha256 IN "
            "(SELECT image_sha256 FROM graphics UNION SELECT image_sha256 FROM subfigures) ORDER BY sha256");
        while (images.step()) {
            ++report.images_checked;
            const StoredImage image = StoredImage::from_json({{"sha256", images.column_text(0)}, {"format", images.column_text(1)}});
            if (!store.contains(image)) {
                ++report.images_missing;
                if (report.images_missing <= 20) report.problems.push_back("image missing from the store: " + store.path_of(image));
            }
        }
        if (report.images_missing > 20)
            report.problems.push_back(std::to_string(report.images_missing - 20) + " more images missing from the store");
    }
    return report;
}

}  // namespace pubforge::archive
