// Imported LLM responses (`pubforge responses import`): the responses table's typed API.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pubforge/archive/archive.hpp"

namespace pubforge::archive {

struct Response {
    std::string custom_id;                   // the batch request's custom_id; unique
    std::string article_id;                  // must be an article of the archive
    std::string figure_id;                   // empty: an article-level request
    std::optional<std::string> subfigure_id;
    std::string task;                        // qa | mcq | differential | vqa | graphical-abstract | ...
    std::string model;
    nlohmann::json payload;                  // the validated content
    std::string status;                      // ok | invalid | error | ...
};

// Inserts or replaces (by custom_id) one response. The caller groups many in a
// Transaction; an unknown article makes the transaction's COMMIT fail with
// archive.constraint, so check with has_article() first to reject one response.
void put_response(Archive& archive, const Response& response);

bool has_article(Archive& archive, const std::string& article_id);

// Responses in import order, optionally only one task.
std::vector<Response> list_responses(Archive& archive, const std::string& task = "");

}  // namespace pubforge::archive
