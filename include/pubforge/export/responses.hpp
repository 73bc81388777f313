// The LLM round trip's return leg: batch results -> validated task answers -> archive; and answers -> conversation turns.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "pubforge/core/rejects.hpp"
#include "pubforge/export/source.hpp"

namespace pubforge::exporter {

// custom_id = "<task>-<key>": the task, then the item key (article + figure [+ panel])
// or, for "abstract", the article id. Matches ^(ift|mcq|ddx|vqa|abstract)-[A-Za-z0-9_-]{1,64}$.
std::string make_custom_id(const std::string& task, const std::string& key);
// Throws Error("response.bad-custom-id") when the id does not have that shape.
std::pair<std::string, std::string> parse_custom_id(const std::string& custom_id);

// The model's message text of one batch-output line (OpenAI Batch / vLLM run_batch):
// response.body.choices[0].message.content. Throws Error("response.http-error",
// "response.failed", "response.empty") when the line carries no answer.
std::string response_content(const nlohmann::json& line);

// Parses the answer as JSON (a ```json fence is tolerated) and checks its shape for
// the task; returns the normalised answer. Throws Error with a code naming the reason:
// response.not-json, response.shape, response.choice-count, response.choice-letter,
// response.answer-not-a-choice, response.ddx-count, response.no-image (the model
// admits not seeing the image), response.cites-caption (it quotes "the caption").
nlohmann::json validate_response(const std::string& task, const std::string& content);

// The conversation turns (human, gpt) an answer becomes in LLaVA training data:
// ift/vqa as their Q&A turns, mcq as stem + choices -> discussion + "Answer: X",
// ddx as one-liner + request -> numbered list. The caller adds <image>.
std::vector<std::pair<std::string, std::string>> response_turns(const std::string& task, const nlohmann::json& answer);

// Where imported responses go. The archive implements it; tests use a map.
class ResponseStore {
public:
    virtual ~ResponseStore() = default;
    // Stores (or replaces, for the same custom_id) one validated response, shaped as the
    // archive returns it in a record's "responses": {custom_id, task, model, figure_id,
    // subfigure_id (null for a figure), payload (the validated answer), status "ok"};
    // figure_id is null for article-level tasks (abstract).
    virtual void put(const std::string& article_id, const nlohmann::json& response) = 0;
    virtual void commit() = 0;
};

// An archive opened for import: its articles (to match keys) and its responses table.
struct ResponseArchive {
    std::unique_ptr<ArticleSource> source;
    std::unique_ptr<ResponseStore> store;
};
// Opens an existing archive for writing responses; src/export/archive_source.cpp.
ResponseArchive open_response_archive(const std::string& db_path);

struct ImportSummary {
    size_t lines = 0;
    size_t stored = 0;
    std::map<std::string, size_t> rejected;  // by code
    std::map<std::string, size_t> stored_by_task;
};

// Reads a batch results JSONL file (any order), matches each line to a figure, panel
// or article by custom_id alone (keys are recomputed from the source, so nothing but
// the archive is needed), validates it and stores the valid ones. Rejects go to
// `rejects` (input = custom_id or line number) and are counted by code. A custom_id
// seen twice keeps its first valid answer.
ImportSummary import_responses(const ArticleSource& source, ResponseStore& store, const std::string& results_path,
                               RejectLog& rejects);

}  // namespace pubforge::exporter
