// The archive as an export source (records rebuilt by archive::get_record) and as the destination of imported responses.
#include <memory>

#include "pubforge/archive/archive.hpp"
#include "pubforge/archive/query.hpp"
#include "pubforge/archive/responses.hpp"
#include "pubforge/core/error.hpp"
#include "pubforge/export/responses.hpp"
#include "pubforge/export/source.hpp"

#include "pubforge/core/hash.hpp"

namespace pubforge::exporter {
namespace {

class ArchiveSource : public ArticleSource {
public:
    explicit ArchiveSource(std::shared_ptr<archive::Archive> db) : archive_(std::move(db)) {}

    std::vector<std::string> article_ids() const override {
        std::vector<std::string> ids;
        auto select = archive_->db().prepare("SELECT id FROM articles ORDER BY id");
        while (select.step()) ids.push_back(select.column_text(0));
        return ids;
    }

    Record load(const std::string& id) const override {
        auto record = archive::get_record(*archive_, id);
        if (!record) throw Error("export.unknown-article", "the archive has no article " + id);
        return std::move(*record);
    }

    std::set<std::string> match(const std::string& fts_query) const override {
        archive::QueryOptions options;
        options.match = fts_query;
        options.target = archive::QueryOptions::Target::Articles;
        options.limit = 0;
        std::set<std::string> ids;
        for (const auto& hit : archive::query(*archive_, options)) ids.insert(hit.article_id);
        return ids;
    }

    // The archive's own history: schema version, size and every load/merge that wrote it.
    // What the data came from, stated by content rather than by history: the same
    // articles give the same manifest whether they were loaded in one run, resumed,
    // or merged from shards (load times and run ids would break byte-identical exports).
    nlohmann::json provenance() const override {
        auto& db = archive_->db();
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

private:
    std::shared_ptr<archive::Archive> archive_;
};

// Responses go in one transaction, begun at the first put (after the import has read
// the articles, which get_record does in transactions of its own) and committed at the end.
class ArchiveResponseStore : public ResponseStore {
public:
    explicit ArchiveResponseStore(std::shared_ptr<archive::Archive> db) : archive_(std::move(db)) {}

    void put(const std::string& article_id, const nlohmann::json& response) override {
        if (!transaction_) transaction_ = std::make_unique<archive::Transaction>(archive_->db());
        archive::Response row;
        row.custom_id = response.at("custom_id").get<std::string>();
        row.article_id = article_id;
        row.figure_id = response.at("figure_id").is_string() ? response["figure_id"].get<std::string>() : "";
        if (response.at("subfigure_id").is_string()) row.subfigure_id = response["subfigure_id"].get<std::string>();
        row.task = response.at("task").get<std::string>();
        row.model = response.at("model").get<std::string>();
        row.payload = response.at("payload");
        row.status = response.at("status").get<std::string>();
        archive::put_response(*archive_, row);
    }

    void commit() override {
        if (transaction_) transaction_->commit();
        transaction_.reset();
    }

private:
    std::shared_ptr<archive::Archive> archive_;
    std::unique_ptr<archive::Transaction> transaction_;
};

}  // namespace

std::unique_ptr<ArticleSource> open_archive_source(const std::string& db_path) {
    auto db = std::make_shared<archive::Archive>(archive::Archive::open(db_path, archive::Archive::Mode::ReadOnly));
    return std::make_unique<ArchiveSource>(std::move(db));
}

ResponseArchive open_response_archive(const std::string& db_path) {
    auto db = std::make_shared<archive::Archive>(archive::Archive::open(db_path, archive::Archive::Mode::ReadWrite));
    return {std::make_unique<ArchiveSource>(db), std::make_unique<ArchiveResponseStore>(db)};
}

}  // namespace pubforge::exporter
