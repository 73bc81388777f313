// Batched, transactional loading of article records, with replace-by-id, rejects and a provenance row per load.
#include "pubforge/archive/loader.hpp"

#include <ctime>

#include "pubforge/core/error.hpp"
#include "pubforge/core/hash.hpp"
#include "pubforge/core/jsonl.hpp"
#include "record_tables.hpp"

namespace pubforge::archive {

namespace {

std::string utc_now() {
    const std::time_t now = std::time(nullptr);
    std::tm parts{};
    gmtime_r(&now, &parts);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
    return text;
}

std::string record_name(const Record& record, const std::string& input) {
    if (record.is_object() && record.contains("id") && record["id"].is_string()) return record["id"].get<std::string>();
    return input;
}

}  // namespace

struct Loader::State {
    Archive& archive;
    LoadOptions options;
    RejectLog& rejects;
    detail::RecordWriter writer;
    std::int64_t provenance_id = 0;
    std::unique_ptr<Transaction> batch;
    size_t batch_records = 0;
    LoadCounts committed;   // what the archive holds for sure
    LoadCounts pending;     // inside the open batch
    bool finished = false;

    State(Archive& a, LoadOptions o, RejectLog& r)
        : archive(a), options(std::move(o)), rejects(r), writer(a.db()) {}

    void commit_batch() {
        if (!batch) return;
        writer.flush_search();
        LoadCounts total = committed;
        total.inserted += pending.inserted;
        total.updated += pending.updated;
        total.rejected += pending.rejected;
        archive.db()
            .prepare("UPDATE provenance SET inserted = ?, updated = ?, rejected = ? WHERE id = ?")
            .bind_all(static_cast<std::int64_t>(total.inserted), static_cast<std::int64_t>(total.updated),
                      static_cast<std::int64_t>(total.rejected), provenance_id)
            .run();
        batch->commit();
        batch.reset();
        committed = total;
        pending = {};
        batch_records = 0;
    }
};

Loader::Loader(Archive& archive, LoadOptions options, RejectLog& rejects)
    : state_(std::make_unique<State>(archive, std::move(options), rejects)) {
    if (state_->options.batch_size == 0) throw UsageError("the batch size must be at least 1");
    Transaction transaction(archive.db());
    archive.db()
        .prepare("INSERT INTO provenance (command, started_at, pubforge_version, options, input, input_sha256) "
                 "VALUES (?, ?, ?, ?, ?, ?)")
        .bind_all(state_->options.command, utc_now(), PUBFORGE_VERSION, state_->options.options_json.dump(),
                  state_->options.input_name,
                  state_->options.input_sha256.empty() ? nlohmann::json() : nlohmann::json(state_->options.input_sha256))
        .run();
    state_->provenance_id = archive.db().last_insert_rowid();
    transaction.commit();
}

Loader::~Loader() = default;  // an open batch's Transaction rolls back

void Loader::add(const Record& record) {
    State& s = *state_;
    try {
        validate_record(record);
    } catch (const Error& e) {
        s.rejects.add(record_name(record, s.options.input_name), "archive", e);
        ++s.pending.rejected;
        return;
    }
    if (!s.batch) s.batch = std::make_unique<Transaction>(s.archive.db());
    {
        Savepoint savepoint(s.archive.db(), "record");
        const detail::RecordWriter::SearchMark mark = s.writer.search_mark();
        try {
            const bool existed = s.writer.remove(record["id"].get<std::string>());
            s.writer.insert(record, s.provenance_id);
            savepoint.release();
            ++(existed ? s.pending.updated : s.pending.inserted);
        } catch (const Error& e) {
            if (e.fatal()) throw;
            s.writer.rollback_search(mark);
            s.rejects.add(record_name(record, s.options.input_name), "archive", e);
            ++s.pending.rejected;
        }
    }
    if (++s.batch_records >= s.options.batch_size) s.commit_batch();
}

void Loader::reject(const std::string& input, const Error& error) {
    state_->rejects.add(input, "archive", error);
    ++state_->pending.rejected;
}

LoadCounts Loader::finish() {
    State& s = *state_;
    if (s.finished) return s.committed;
    if (!s.batch) s.batch = std::make_unique<Transaction>(s.archive.db());
    s.archive.db()
        .prepare("UPDATE provenance SET finished_at = ? WHERE id = ?")
        .bind_all(utc_now(), s.provenance_id)
        .run();
    s.commit_batch();
    s.finished = true;
    return s.committed;
}

LoadCounts load_jsonl(Archive& archive, const std::string& path, LoadOptions options, RejectLog& rejects) {
    JsonlReader reader(path);
    Loader loader(archive, std::move(options), rejects);
    std::string line;
    while (reader.next_line(line)) {
        Record record;
        try {
            record = nlohmann::json::parse(line);
        } catch (const nlohmann::json::exception& e) {
            loader.reject(path + ":" + std::to_string(reader.line_number()),
                          Error("jsonl.malformed", std::string("line is not JSON: ") + e.what()));
            continue;
        }
        loader.add(record);
    }
    return loader.finish();
}

LoadCounts load_files(Archive& archive, const std::vector<std::string>& inputs, size_t batch_size, RejectLog& rejects,
                      const std::function<void(const std::string&, const LoadCounts&)>& loaded) {
    LoadCounts total;
    for (const std::string& input : inputs) {
        LoadOptions options;
        options.batch_size = batch_size;
        options.input_name = input;
        options.input_sha256 = input == "-" ? "" : sha256_file(input);
        options.options_json = {{"batch_size", batch_size}};
        const LoadCounts counts = load_jsonl(archive, input, std::move(options), rejects);
        if (loaded) loaded(input, counts);
        total.inserted += counts.inserted;
        total.updated += counts.updated;
        total.rejected += counts.rejected;
    }
    return total;
}

}  // namespace pubforge::archive
