// Whole-archive reads: article ids, the content summary of export manifests, the sources `run` has finished.
#include "pubforge/archive/articles.hpp"

#include "pubforge/core/hash.hpp"

namespace pubforge::archive {

std::vector<std::string> article_ids(Archive& archive) {
    std::vector<std::string> ids;
    auto select = archive.db().prepare("SELECT id FROM articles ORDER BY id");
    while (select.step()) ids.push_back(select.column_text(0));
    return ids;
}

nlohmann::json content_summary(Archive& archive) {
    auto& db = archive.db();
    // Load times and run ids are left out: they would break byte-identical exports of the same articles.
    std::string content;
    auto articles = db.prepare("SELECT id, ifnull(source_sha256, ''), ifnull(stages, '') FROM articles ORDER BY id");
    while (articles.step())
        content += articles.column_text(0) + '\t' + articles.column_text(1) + '\t' + articles.column_text(2) + '\n';
    nlohmann::json versions = nlohmann::json::array();
    auto select = db.prepare("SELECT DISTINCT pubforge_version FROM provenance ORDER BY pubforge_version");
    while (select.step()) versions.push_back(select.column_text(0));
    return {{"source", "archive"},
            {"schema_version", db.user_version()},
            {"articles", db.scalar("SELECT count(*) FROM articles")},
            {"figures", db.scalar("SELECT count(*) FROM figures")},
            {"responses", db.scalar("SELECT count(*) FROM responses")},
            {"content_sha256", sha256_hex(content)},
            {"pubforge_versions", versions}};
}

std::set<std::string> sources_done_with(Archive& archive, const nlohmann::json& stages) {
    std::set<std::string> done;
    auto query = archive.db().prepare("SELECT source_sha256, stages FROM articles WHERE source_sha256 IS NOT NULL");
    while (query.step()) {
        const std::string recorded = query.column_text(1);
        if (!recorded.empty() && nlohmann::json::parse(recorded) == stages) done.insert(query.column_text(0));
    }
    return done;
}

}  // namespace pubforge::archive
