// The archive as an export source (verdicts, records and projections read by the archive module) and as the destination of imported responses.
#include <memory>

#include "pubforge/archive/archive.hpp"
#include "pubforge/archive/articles.hpp"
#include "pubforge/archive/responses.hpp"
#include "pubforge/core/error.hpp"
#include "pubforge/export/responses.hpp"
#include "pubforge/export/source.hpp"

namespace pubforge::exporter {
namespace {

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

ArchiveSource::ArchiveSource(std::shared_ptr<archive::Archive> archive) : archive_(std::move(archive)) {}

std::vector<std::string> ArchiveSource::article_ids() const { return archive::article_ids(*archive_); }

std::vector<archive::ArticleVerdict> ArchiveSource::select(const archive::Filter& filter) const {
    return archive::select_articles(*archive_, filter);
}

Record ArchiveSource::load(const std::string& id) const {
    auto record = archive::get_record(*archive_, id);
    if (!record) throw Error("export.unknown-article", "the archive has no article " + id);
    return std::move(*record);
}

Record ArchiveSource::load(const std::string& id, const archive::Projection& projection) const {
    auto record = archive::get_projection(*archive_, id, projection);
    if (!record) throw Error("export.unknown-article", "the archive has no article " + id);
    return std::move(*record);
}

nlohmann::json ArchiveSource::provenance() const { return archive::content_summary(*archive_); }

std::unique_ptr<ArticleSource> open_archive_source(const std::string& db_path) {
    auto db = std::make_shared<archive::Archive>(archive::Archive::open(db_path, archive::Archive::Mode::ReadOnly));
    return std::make_unique<ArchiveSource>(std::move(db));
}

ResponseArchive open_response_archive(const std::string& db_path) {
    auto db = std::make_shared<archive::Archive>(archive::Archive::open(db_path, archive::Archive::Mode::ReadWrite));
    return {std::make_unique<ArchiveSource>(db), std::make_unique<ArchiveResponseStore>(db)};
}

}  // namespace pubforge::exporter
