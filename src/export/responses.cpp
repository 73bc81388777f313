// Batch-result import: custom_id matching, per-task validation, LLaVA-Med's clean-up rules, and answer -> turns.
#include "pubforge/export/responses.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "pubforge/core/ascii.hpp"
#include "pubforge/core/error.hpp"
#include "pubforge/core/jsonl.hpp"
#include "pubforge/export/item.hpp"
#include "prompts.hpp"

namespace pubforge::exporter {
namespace {

void collect_strings(const nlohmann::json& value, std::string& out) {
    if (value.is_string()) {
        out += value.get<std::string>();
        out += '\n';
    } else if (value.is_structured()) {
        for (const auto& child : value) collect_strings(child, out);
    }
}

// Phrases by which a model admits it did not look at the image, and phrases that
// leak the context it was given; LLaVA-Med drops such answers from its training data.
const std::vector<std::string> kNoImage = {
    "cannot see the image", "can't see the image", "unable to see the image", "not able to see the image",
    "cannot view the image", "can't view the image", "unable to view the image", "do not have access to the image",
    "don't have access to the image", "no image was provided", "image is not provided", "image was not provided",
    "without seeing the image", "as a text-based", "as an ai language model", "i cannot see images"};
const std::vector<std::string> kCitesContext = {"the caption", "figure caption", "the figure legend", "the provided text",
                                                "the given text", "the in-text mention"};

void check_clean(const nlohmann::json& answer) {
    std::string text;
    collect_strings(answer, text);
    text = ascii_lower(text);
    for (const auto& phrase : kNoImage)
        if (text.find(phrase) != std::string::npos) throw Error("response.no-image", "the answer says: \"" + phrase + "\"");
    for (const auto& phrase : kCitesContext)
        if (text.find(phrase) != std::string::npos) throw Error("response.cites-caption", "the answer mentions \"" + phrase + "\"");
}

std::string required_text(const nlohmann::json& object, const char* name) {
    const auto it = object.find(name);
    if (it == object.end() || !it->is_string() || it->get<std::string>().find_first_not_of(" \t\r\n") == std::string::npos)
        throw Error("response.shape", std::string("\"") + name + "\" must be a non-empty string");
    return it->get<std::string>();
}

// A list of turns, given bare or as the single array inside an object ({"conversation": [...]}).
const nlohmann::json& turn_list(const nlohmann::json& answer) {
    if (answer.is_array()) return answer;
    if (answer.is_object() && answer.size() == 1 && answer.begin()->is_array()) return *answer.begin();
    throw Error("response.shape", "expected a list of {question, answer}");
}

nlohmann::json validate_turns(const nlohmann::json& answer, bool with_category) {
    const auto& turns = turn_list(answer);
    if (turns.empty()) throw Error("response.shape", "the list of {question, answer} is empty");
    nlohmann::json out = nlohmann::json::array();
    for (const auto& turn : turns) {
        if (!turn.is_object()) throw Error("response.shape", "each turn must be {question, answer}");
        nlohmann::json entry = {{"question", required_text(turn, "question")}, {"answer", required_text(turn, "answer")}};
        if (with_category && turn.contains("category") && turn["category"].is_string()) entry["category"] = turn["category"];
        out.push_back(std::move(entry));
    }
    return out;
}

nlohmann::json validate_mcq(const nlohmann::json& answer) {
    if (!answer.is_object()) throw Error("response.shape", "expected {question_stem, answer_choices, correct_answer, discussion}");
    const std::string stem = required_text(answer, "question_stem");
    const auto choices = answer.find("answer_choices");
    if (choices == answer.end() || !choices->is_array()) throw Error("response.shape", "\"answer_choices\" must be a list");
    if (choices->size() < 4 || choices->size() > 9)
        throw Error("response.choice-count", "expected 4 to 9 answer choices, got " + std::to_string(choices->size()));
    std::vector<std::string> texts;
    for (size_t i = 0; i < choices->size(); ++i) {
        const auto& choice = (*choices)[i];
        const std::string prefix = std::string(1, static_cast<char>('A' + i)) + ".";
        if (!choice.is_string() || choice.get<std::string>().rfind(prefix, 0) != 0)
            throw Error("response.choice-letter", "choice " + std::to_string(i + 1) + " must start with \"" + prefix + "\"");
        texts.push_back(choice.get<std::string>());
    }
    const std::string correct = required_text(answer, "correct_answer");
    std::string resolved;
    for (const auto& text : texts) {
        const std::string letter = text.substr(0, 1);
        // The exact choice, or just its letter ("C", "C.").
        if (correct == text || correct == letter || correct == letter + ".") resolved = text;
    }
    if (resolved.empty()) throw Error("response.answer-not-a-choice", "correct_answer \"" + correct + "\" is not one of the choices");
    return {{"question_stem", stem},
            {"answer_choices", texts},
            {"correct_answer", resolved},
            {"discussion", required_text(answer, "discussion")}};
}

nlohmann::json validate_ddx(const nlohmann::json& answer) {
    if (!answer.is_object()) throw Error("response.shape", "expected {one-liner, ddx}");
    const char* one_liner_key = answer.contains("one-liner") ? "one-liner" : "one_liner";
    const std::string one_liner = required_text(answer, one_liner_key);
    const auto ddx = answer.find("ddx");
    if (ddx == answer.end() || !ddx->is_array()) throw Error("response.shape", "\"ddx\" must be a list");
    if (ddx->size() < 5 || ddx->size() > 11)
        throw Error("response.ddx-count", "expected 5 to 11 diagnoses, got " + std::to_string(ddx->size()));
    std::vector<std::string> diagnoses;
    for (const auto& entry : *ddx) {
        if (!entry.is_string() || entry.get<std::string>().empty()) throw Error("response.shape", "each diagnosis must be a string");
        diagnoses.push_back(entry.get<std::string>());
    }
    return {{"one-liner", one_liner}, {"ddx", diagnoses}};
}

nlohmann::json validate_abstract(const nlohmann::json& answer) {
    if (!answer.is_object()) throw Error("response.shape", "expected {headline, summary, panels}");
    nlohmann::json out = {{"headline", required_text(answer, "headline")}, {"summary", required_text(answer, "summary")}};
    out["panels"] = answer.contains("panels") && answer["panels"].is_array() ? answer["panels"] : nlohmann::json::array();
    return out;
}

std::string strip_fence(const std::string& content) {
    const size_t begin = content.find_first_not_of(" \t\r\n");
    if (begin == std::string::npos) return "";
    std::string text = content.substr(begin, content.find_last_not_of(" \t\r\n") - begin + 1);
    if (text.rfind("```", 0) != 0) return text;
    const size_t first_line = text.find('\n');
    const size_t closing = text.rfind("```");
    if (first_line == std::string::npos || closing <= first_line) return text;
    return text.substr(first_line + 1, closing - first_line - 1);
}

}  // namespace

std::string make_custom_id(const std::string& task, const std::string& key) { return task + "-" + key; }

std::pair<std::string, std::string> parse_custom_id(const std::string& custom_id) {
    const size_t dash = custom_id.find('-');
    const std::string task = dash == std::string::npos ? "" : custom_id.substr(0, dash);
    const std::string key = dash == std::string::npos ? "" : custom_id.substr(dash + 1);
    const auto& tasks = request_tasks();
    if (std::find(tasks.begin(), tasks.end(), task) == tasks.end() || key.empty() || key.size() > 64 ||
        key.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-") != std::string::npos)
        throw Error("response.bad-custom-id", "custom_id \"" + custom_id + "\" is not <task>-<key>");
    return {task, key};
}

std::string response_content(const nlohmann::json& line) {
    if (line.contains("error") && !line["error"].is_null())
        throw Error("response.failed", "the batch reports an error: " + line["error"].dump());
    const auto& response = line.value("response", nlohmann::json());
    if (!response.is_object()) throw Error("response.failed", "the line has no response");
    const int status = response.value("status_code", 200);
    if (status != 200) throw Error("response.http-error", "status " + std::to_string(status));
    const auto& body = response.value("body", nlohmann::json());
    const auto choices = body.is_object() ? body.value("choices", nlohmann::json()) : nlohmann::json();
    if (!choices.is_array() || choices.empty() || !choices[0].is_object()) throw Error("response.empty", "no choices in the response");
    const auto message = choices[0].value("message", nlohmann::json());
    if (!message.is_object() || !message.contains("content") || !message["content"].is_string())
        throw Error("response.empty", "the first choice has no text content");
    return message["content"].get<std::string>();
}

nlohmann::json validate_response(const std::string& task, const std::string& content) {
    const nlohmann::json parsed = nlohmann::json::parse(strip_fence(content), nullptr, false);
    if (parsed.is_discarded()) throw Error("response.not-json", "the answer is not JSON");
    nlohmann::json answer;
    if (task == "ift") answer = validate_turns(parsed, false);
    else if (task == "vqa") answer = validate_turns(parsed, true);
    else if (task == "mcq") answer = validate_mcq(parsed);
    else if (task == "ddx") answer = validate_ddx(parsed);
    else if (task == "abstract") answer = validate_abstract(parsed);
    else throw Error("response.bad-custom-id", "unknown task " + task);
    check_clean(answer);
    return answer;
}

std::vector<std::pair<std::string, std::string>> response_turns(const std::string& task, const nlohmann::json& answer) {
    std::vector<std::pair<std::string, std::string>> turns;
    if (task == "ift" || task == "vqa") {
        for (const auto& turn : answer) turns.emplace_back(turn.at("question").get<std::string>(), turn.at("answer").get<std::string>());
    } else if (task == "mcq") {
        std::string question = answer.at("question_stem").get<std::string>() + "\n";
        for (const auto& choice : answer.at("answer_choices")) question += "\n" + choice.get<std::string>();
        const std::string correct = answer.at("correct_answer").get<std::string>();
        turns.emplace_back(question, answer.at("discussion").get<std::string>() + "\n\nAnswer: " + correct.substr(0, 1));
    } else if (task == "ddx") {
        std::string list;
        size_t n = 0;
        for (const auto& entry : answer.at("ddx")) {
            if (n++) list += "\n";
            list += std::to_string(n) + ". " + entry.get<std::string>();
        }
        turns.emplace_back(answer.at("one-liner").get<std::string>() + "\n\nWhat is the differential diagnosis?", list);
    }
    return turns;
}

ImportSummary import_responses(const ArticleSource& source, ResponseStore& store, const std::string& results_path,
                               RejectLog& rejects) {
    struct Target {
        std::string article, figure, panel;
    };
    // Keys are derived from ids only, so recomputing them finds what every request was about.
    std::map<std::string, Target> targets;
    archive::Projection figures;  // keys need ids only: no mentions, no responses, no text
    figures.mentions = false;
    for (const auto& id : source.article_ids()) {
        const Record record = source.load(id, figures);
        targets[id] = {id, "", ""};
        for (const auto& item : build_items(record, Unit::Figure)) targets[item.key] = {id, item.figure_id, ""};
        for (const auto& item : build_items(record, Unit::Panel, Unaligned::FullCaption))
            targets[item.key] = {id, item.figure_id, item.panel_id};
    }

    ImportSummary summary;
    std::set<std::string> stored;
    JsonlReader reader(results_path);
    std::string raw;
    while (reader.next_line(raw)) {
        ++summary.lines;
        std::string input = results_path + ":" + std::to_string(reader.line_number());
        try {
            const nlohmann::json line = nlohmann::json::parse(raw, nullptr, false);
            if (!line.is_object() || !line.contains("custom_id") || !line["custom_id"].is_string())
                throw Error("response.malformed-line", "not a batch result line (no custom_id)");
            const std::string custom_id = line["custom_id"].get<std::string>();
            input = custom_id;
            const auto [task, key] = parse_custom_id(custom_id);
            const auto target = targets.find(key);
            const bool article_task = task == "abstract";
            if (target == targets.end() || article_task != target->second.figure.empty())
                throw Error("response.unknown-id", "no " + std::string(article_task ? "article" : "figure or panel") + " with key " + key);
            if (stored.count(custom_id)) throw Error("response.duplicate", "custom_id seen before");
            const nlohmann::json answer = validate_response(task, response_content(line));
            std::string model = "unknown";
            const auto& body = line["response"]["body"];
            if (body.contains("model") && body["model"].is_string()) model = body["model"].get<std::string>();
            auto or_null = [](const std::string& id) { return id.empty() ? nlohmann::json() : nlohmann::json(id); };
            store.put(target->second.article, {{"custom_id", custom_id},
                                               {"task", task},
                                               {"model", model},
                                               {"figure_id", or_null(target->second.figure)},
                                               {"subfigure_id", or_null(target->second.panel)},
                                               {"payload", answer},
                                               {"status", "ok"}});
            stored.insert(custom_id);
            ++summary.stored;
            ++summary.stored_by_task[task];
        } catch (const Error& e) {
            if (e.fatal()) throw;
            rejects.add(input, "responses", e);
            ++summary.rejected[e.code()];
        }
    }
    store.commit();
    return summary;
}

}  // namespace pubforge::exporter
