// Prompt files (data/prompts/<task>.txt) and the instruction pool: templates kept as data, filled per figure.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace pubforge::exporter {

// The tasks a request can ask a model for; also the custom_id prefixes.
const std::vector<std::string>& request_tasks();  // ift, mcq, ddx, vqa, abstract

// A prompt file: a "[system]" section and a "[user]" section of text with {placeholders}
// ({title}, {label}, {caption}, {mentions}, {abstract}, {figures}). Lines starting with
// "#" before the first section are comments.
struct PromptTemplate {
    std::string task;
    std::string system;
    std::string user;
    std::string sha256;  // of the file, for the manifest

    // Replaces every {name} with values[name]; throws Error("prompt.placeholder") on a
    // placeholder that has no value, so a typo in a prompt file never reaches a model.
    std::string fill_user(const std::map<std::string, std::string>& values) const;
};

// Loads <dir>/<task>.txt; throws Error("prompt.missing") / Error("prompt.malformed").
PromptTemplate load_prompt(const std::string& dir, const std::string& task);

// One instruction per non-empty, non-comment line; throws Error("prompt.missing") when empty.
std::vector<std::string> load_instruction_pool(const std::string& path);

// The instruction an item gets: chosen by a stable hash of its key and the seed.
const std::string& pick_instruction(const std::vector<std::string>& pool, const std::string& key, std::uint64_t seed);

}  // namespace pubforge::exporter
