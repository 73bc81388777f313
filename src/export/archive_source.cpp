// The archive as an export source (records rebuilt by archive::get_record) and as the destination of imported responses.
#include <memory>

#include "pubforge/archive/archive.hpp"
#include "pubforge/archive/query.hpp"
#include "pubforge/archive/responses.hpp"
#include "pubforge/core/error.hpp"
#include "pubforge/export/responses.hpp"
#include "pubforge/export/source.hpp"

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
    nlohmann::json provenance() const override {
        auto& db = archive_->db();
        nlohmann::json runs = nlohmann::json::array();
        auto select = db.prepare(
            "SELECT id, command, started_at, finished_at, pubforge_version, options, input_sha256, inserted, updated, rejected "
            "FROM provenance ORDER BY id");
        while (select.step()) {
            nlohmann::json run;
            for (int column = 0; column < select.column_count(); ++column) run[select.column_name(column)] = select.column_json(column);
            if (run["options"].is_string()) run["options"] = nlohmann::json::parse(run["options"].get<std::string>(), nullptr, false);
            runs.push_back(std::move(run));
        }
        return {{"source", "archive"},
                {"schema_version", db.user_version()},
                {"articles", db.scalar("SELECT count(*) FROM articles")},
                {"figures", db.scalar("SELECT count(*) FROM figures")},
                {"responses", db.scalar("SELECT count(*) FROM responses")},
                {"runs", runs}};
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
