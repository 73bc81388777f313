// Loading article records into the archive: batches in transactions, replace-by-id, rejects, provenance.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pubforge/archive/archive.hpp"
#include "pubforge/core/rejects.hpp"

namespace pubforge::archive {

struct LoadOptions {
    size_t batch_size = 2000;              // records per transaction (about 20 MiB of pages at ~10 KB per article)
    std::string input_name = "-";          // recorded in provenance and in rejects
    std::string input_sha256;              // of the input file; empty for stdin
    nlohmann::json options_json = nlohmann::json::object();  // the command's options, for provenance
    std::string command = "load";          // provenance command: load | merge
};

struct LoadCounts {
    size_t inserted = 0;
    size_t updated = 0;   // an article already present was replaced
    size_t rejected = 0;
    nlohmann::json to_json() const { return {{"inserted", inserted}, {"updated", updated}, {"rejected", rejected}}; }
};

// Adds records one by one and commits every `batch_size` records in one
// transaction, so a killed load leaves only whole batches. A record that fails
// validate_record or a table constraint goes to `rejects` (stage "archive") and
// the load continues; I/O, lock and corruption errors are thrown (fatal).
// Destroyed without finish(), the open batch is rolled back.
class Loader {
public:
    Loader(Archive& archive, LoadOptions options, RejectLog& rejects);
    ~Loader();
    Loader(const Loader&) = delete;
    Loader& operator=(const Loader&) = delete;

    void add(const Record& record);
    // Counts and logs an input the caller could not even turn into a record (a malformed line).
    void reject(const std::string& input, const Error& error);
    LoadCounts finish();

private:
    struct State;
    std::unique_ptr<State> state_;
};

// Reads a JSONL file ("-" = stdin) into the archive through a Loader; a line that
// is not JSON is rejected (jsonl.malformed) like an invalid record.
LoadCounts load_jsonl(Archive& archive, const std::string& path, LoadOptions options, RejectLog& rejects);

// `pubforge archive load`: load_jsonl over each input in turn, each with its own provenance row (name, sha256 of
// the file, batch size); `loaded` hears each input's counts. Returns the sums.
LoadCounts load_files(Archive& archive, const std::vector<std::string>& inputs, size_t batch_size, RejectLog& rejects,
                      const std::function<void(const std::string&, const LoadCounts&)>& loaded = {});

}  // namespace pubforge::archive
