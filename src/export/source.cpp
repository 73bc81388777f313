// Article records as an export source: the archive's own loader into an in-memory archive.
#include "pubforge/export/source.hpp"

#include "pubforge/archive/loader.hpp"
#include "pubforge/core/error.hpp"
#include "pubforge/core/jsonl.hpp"
#include "pubforge/core/rejects.hpp"

namespace pubforge::exporter {

RecordSource::RecordSource(const std::vector<Record>& records)
    : ArchiveSource(std::make_shared<archive::Archive>(
          archive::Archive::open(":memory:", archive::Archive::Mode::ReadWrite))) {
    RejectLog rejects;  // counts only: any reject below is an error of the caller's records
    archive::LoadOptions options;
    options.input_name = "records";
    archive::Loader loader(*archive_, options, rejects);
    std::set<std::string> ids;
    for (const Record& record : records) {
        validate_record(record);
        ids.insert(record["id"].get<std::string>());
        loader.add(record);
    }
    loader.finish();
    if (rejects.total())
        throw Error("record.invalid", std::to_string(rejects.total()) + " article records could not be loaded");
    articles_ = ids.size();
}

RecordSource RecordSource::from_jsonl(const std::string& path) {
    JsonlReader reader(path);
    std::vector<Record> records;
    nlohmann::json record;
    while (reader.next(record)) records.push_back(std::move(record));
    return RecordSource(records);
}

nlohmann::json RecordSource::provenance() const { return {{"source", "records"}, {"articles", articles_}}; }

std::unique_ptr<ArticleSource> open_source(const std::string& db_path, const std::string& records_path) {
    if (db_path.empty() == records_path.empty()) throw UsageError("give exactly one of --db ARCHIVE or --records FILE.jsonl");
    if (!records_path.empty()) return std::make_unique<RecordSource>(RecordSource::from_jsonl(records_path));
    return open_archive_source(db_path);
}

}  // namespace pubforge::exporter
