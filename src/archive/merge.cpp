// Merging archives: choose one copy of each article by a total order on (stages, versions, source hash), then load in id order.
#include "pubforge/archive/merge.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <unistd.h>

#include "pubforge/core/error.hpp"
#include "pubforge/core/jsonl.hpp"

namespace pubforge::archive {
namespace fs = std::filesystem;

namespace {

struct Candidate {
    size_t input = 0;
    nlohmann::json stages;     // stage -> version
    std::string source_sha256;
};

// "0.10.2" vs "0.9": numeric per dotted part, so 0.10 is newer than 0.9.
int compare_versions(const std::string& a, const std::string& b) {
    size_t i = 0, j = 0;
    while (i < a.size() || j < b.size()) {
        size_t next_i = a.find('.', i), next_j = b.find('.', j);
        const std::string pa = i < a.size() ? a.substr(i, next_i - i) : "0";
        const std::string pb = j < b.size() ? b.substr(j, next_j - j) : "0";
        const bool numeric = !pa.empty() && !pb.empty() && std::all_of(pa.begin(), pa.end(), ::isdigit) &&
                             std::all_of(pb.begin(), pb.end(), ::isdigit);
        if (numeric && pa.size() != pb.size()) return pa.size() < pb.size() ? -1 : 1;
        if (pa != pb) return pa < pb ? -1 : 1;
        i = next_i == std::string::npos ? a.size() : next_i + 1;
        j = next_j == std::string::npos ? b.size() : next_j + 1;
    }
    return 0;
}

// <0 when `a` should lose to `b`, 0 when only the records themselves can tell.
int compare_candidates(const Candidate& a, const Candidate& b) {
    if (a.stages.size() != b.stages.size()) return a.stages.size() < b.stages.size() ? -1 : 1;
    std::map<std::string, std::pair<std::string, std::string>> versions;  // sorted stage names
    for (const auto& [stage, version] : a.stages.items()) versions[stage].first = version.is_string() ? version.get<std::string>() : "";
    for (const auto& [stage, version] : b.stages.items()) versions[stage].second = version.is_string() ? version.get<std::string>() : "";
    for (const auto& [stage, pair] : versions)
        if (const int c = compare_versions(pair.first, pair.second)) return c;
    if (a.source_sha256 != b.source_sha256) return a.source_sha256 < b.source_sha256 ? -1 : 1;
    return 0;
}

}  // namespace

MergeCounts merge_archives(const std::string& output, const std::vector<std::string>& inputs, size_t batch_size) {
    std::error_code ec;
    if (fs::exists(output, ec)) throw UsageError(output + " exists; merge writes a new archive");
    if (inputs.empty()) throw UsageError("merge needs at least one input archive");

    std::vector<std::string> sorted_inputs = inputs;  // provenance lists inputs by name, whatever the order given
    std::sort(sorted_inputs.begin(), sorted_inputs.end());
    std::vector<Archive> sources;
    for (const std::string& path : sorted_inputs) sources.push_back(Archive::open(path, Archive::Mode::ReadOnly));

    MergeCounts counts;
    counts.inputs = sources.size();
    std::map<std::string, Candidate> chosen;
    for (size_t i = 0; i < sources.size(); ++i) {
        Statement articles = sources[i].db().prepare("SELECT id, stages, source_sha256 FROM articles");
        while (articles.step()) {
            Candidate candidate{i, articles.is_null(1) ? nlohmann::json::object() : nlohmann::json::parse(articles.column_text(1)),
                                articles.column_text(2)};
            auto [at, inserted] = chosen.emplace(articles.column_text(0), candidate);
            if (inserted) continue;
            ++counts.duplicates;
            int order = compare_candidates(candidate, at->second);
            if (order == 0) {  // same stages and source: the serialised records decide
                order = dump_json_line(*get_record(sources[i], at->first))
                            .compare(dump_json_line(*get_record(sources[at->second.input], at->first)));
            }
            if (order > 0) at->second = candidate;
        }
    }

    const std::string temporary = output + ".tmp-" + std::to_string(::getpid());
    try {
        {
            Archive merged = Archive::open(temporary, Archive::Mode::ReadWrite);
            RejectLog rejects;
            LoadOptions options;
            options.batch_size = batch_size;
            options.command = "merge";
            options.input_name = nlohmann::json(sorted_inputs).dump();
            options.options_json = {{"inputs", sorted_inputs}, {"policy", "most stages, newest versions, larger source sha256"}};
            Loader loader(merged, options, rejects);
            for (const auto& [id, candidate] : chosen) loader.add(*get_record(sources[candidate.input], id));
            counts.articles = loader.finish().inserted;
            merged.db().exec("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        fs::rename(temporary, output);
    } catch (...) {
        fs::remove(temporary, ec);
        fs::remove(temporary + "-wal", ec);
        fs::remove(temporary + "-shm", ec);
        throw;
    }
    fs::remove(temporary + "-wal", ec);
    fs::remove(temporary + "-shm", ec);
    return counts;
}

}  // namespace pubforge::archive
