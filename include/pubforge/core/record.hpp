// The article record (data/schemas/article.schema.json) as JSON, with the helpers every stage shares.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace pubforge {

using Record = nlohmann::json;

// Bumped when a field changes meaning or disappears; additions keep the version.
constexpr int kRecordSchemaVersion = 1;

// The article id: pmcid ("PMC123"), else "pmid-<n>", else "doi-<doi with [^A-Za-z0-9_-] -> _>"
// (hashed when long), else "sha-<16 hex of the source>". Always [A-Za-z0-9_-]{1,64}.
std::string make_article_id(const nlohmann::json& ids, const std::string& source_sha256);

// Turns any text into a key of [A-Za-z0-9_-]{1,64}; long or empty texts get a hash suffix.
std::string make_key(const std::string& text);

// Appends {"code", "message"} to the record's (or a figure's) "warnings" array.
void add_warning(nlohmann::json& object, const std::string& code, const std::string& message);

// Marks that a stage ran on the record ("stages": {"parse": "<version>"}).
void mark_stage(Record& record, const std::string& stage);

// Structural check of a record against the schema's required fields and types;
// throws Error("record.invalid") naming the first problem found.
void validate_record(const Record& record);

// Collapses runs of whitespace to one space and trims; used for every caption and title.
std::string normalize_space(const std::string& text);

// Number of whitespace-separated words.
size_t count_words(const std::string& text);

}  // namespace pubforge
