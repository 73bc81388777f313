// Tests of batch-result import: custom_id matching in any order, per-task validation, clean-up rules, answer turns.
#include "pubforge/export/responses.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "export/export_fixture.hpp"
#include "pubforge/core/error.hpp"
#include "test_support.hpp"

namespace pubforge::exporter {
namespace {

std::string code_of(const std::string& task, const nlohmann::json& answer) {
    try {
        validate_response(task, answer.is_string() ? answer.get<std::string>() : answer.dump());
        return "ok";
    } catch (const Error& e) {
        return e.code();
    }
}

nlohmann::json mcq() {
    return {{"question_stem", "A 40-year-old has headaches. Which sequence is shown?"},
            {"answer_choices", {"A. T1", "B. T2", "C. FLAIR", "D. DWI", "E. SWI"}},
            {"correct_answer", "C. FLAIR"},
            {"discussion", "CSF is dark while the lesion is bright."}};
}

nlohmann::json ddx(size_t n) {
    nlohmann::json list = nlohmann::json::array();
    for (size_t i = 0; i < n; ++i) list.push_back("Diagnosis " + std::to_string(i + 1));
    return {{"one-liner", "40-year-old with a ring-enhancing lesion."}, {"ddx", list}};
}

TEST(ResponsesTest, CustomIdsRoundTripAndBadOnesAreRejected) {
    EXPECT_EQ(make_custom_id("mcq", "PMC1_fig1_p2"), "mcq-PMC1_fig1_p2");
    EXPECT_EQ(parse_custom_id("mcq-PMC1_fig1-x"), (std::pair<std::string, std::string>{"mcq", "PMC1_fig1-x"}));
    for (const char* bad : {"mcq", "quiz-PMC1_fig1", "mcq-", "mcq-PMC1.fig1", "ift-a b"})
        EXPECT_THROW(parse_custom_id(bad), Error) << bad;
}

TEST(ResponsesTest, EachTaskIsValidatedForItsShape) {
    EXPECT_EQ(code_of("mcq", mcq()), "ok");
    auto letter_only = mcq();
    letter_only["correct_answer"] = "C";
    EXPECT_EQ(validate_response("mcq", letter_only.dump())["correct_answer"], "C. FLAIR");
    auto three = mcq();
    three["answer_choices"] = {"A. x", "B. y", "C. z"};
    three["correct_answer"] = "A. x";
    EXPECT_EQ(code_of("mcq", three), "response.choice-count");
    auto unlettered = mcq();
    unlettered["answer_choices"][1] = "T2";
    EXPECT_EQ(code_of("mcq", unlettered), "response.choice-letter");
    auto wrong = mcq();
    wrong["correct_answer"] = "F. CT";
    EXPECT_EQ(code_of("mcq", wrong), "response.answer-not-a-choice");
    EXPECT_EQ(code_of("ddx", ddx(5)), "ok");
    EXPECT_EQ(code_of("ddx", ddx(4)), "response.ddx-count");
    EXPECT_EQ(code_of("ddx", ddx(12)), "response.ddx-count");
    EXPECT_EQ(code_of("ift", nlohmann::json::array({{{"question", "What is shown?"}, {"answer", "An axial MRI."}}})), "ok");
    EXPECT_EQ(code_of("ift", nlohmann::json{{"conversation", {{{"question", "Q?"}, {"answer", "A."}}}}}), "ok");
    EXPECT_EQ(code_of("ift", nlohmann::json::array({{{"question", "Q?"}}})), "response.shape");
    EXPECT_EQ(code_of("ift", std::string("Sure! Here are questions:")), "response.not-json");
    EXPECT_EQ(code_of("ift", std::string("```json\n[{\"question\": \"Q?\", \"answer\": \"A.\"}]\n```")), "ok");
}

TEST(ResponsesTest, AnswersThatDoNotSeeTheImageOrCiteTheCaptionAreDropped) {
    EXPECT_EQ(code_of("ift", nlohmann::json::array({{{"question", "What is shown?"}, {"answer", "I cannot see the image, but..."}}})),
              "response.no-image");
    auto cites = mcq();
    cites["discussion"] = "As the caption states, the lesion is bright.";
    EXPECT_EQ(code_of("mcq", cites), "response.cites-caption");
}

TEST(ResponsesTest, TurnsFollowTheTrainingConventions) {
    const auto mcq_turns = response_turns("mcq", validate_response("mcq", mcq().dump()));
    ASSERT_EQ(mcq_turns.size(), 1u);
    EXPECT_NE(mcq_turns[0].first.find("\nA. T1\nB. T2"), std::string::npos);
    EXPECT_EQ(mcq_turns[0].second, "CSF is dark while the lesion is bright.\n\nAnswer: C");
    const auto ddx_turns = response_turns("ddx", validate_response("ddx", ddx(5).dump()));
    EXPECT_EQ(ddx_turns[0].second.substr(0, 17), "1. Diagnosis 1\n2.");
    EXPECT_EQ(std::count(ddx_turns[0].second.begin(), ddx_turns[0].second.end(), '\n'), 4);
}

struct MapStore : ResponseStore {
    std::map<std::string, std::pair<std::string, nlohmann::json>> rows;  // custom_id -> article, response
    bool committed = false;
    void put(const std::string& article_id, const nlohmann::json& response) override {
        rows[response["custom_id"]] = {article_id, response};
    }
    void commit() override { committed = true; }
};

nlohmann::json result_line(const std::string& custom_id, const std::string& content, int status = 200) {
    nlohmann::json message = {{"role", "assistant"}, {"content", content}};
    nlohmann::json body = {{"model", "gpt-4o-2024-08-06"}, {"choices", nlohmann::json::array({{{"message", message}}})}};
    return {{"id", "batch_req_" + custom_id},
            {"custom_id", custom_id},
            {"response", {{"status_code", status}, {"body", body}}},
            {"error", nullptr}};
}

TEST(ResponsesTest, ImportMatchesByCustomIdInAnyOrderAndCountsRejectsByReason) {
    testing::ScratchDir dir;
    ImageStore store(dir.file("store"));
    testing::ArticleSpec spec;
    spec.panels = true;
    const RecordSource source(std::vector<Record>{testing::make_article(store, spec)});
    const std::vector<nlohmann::json> lines = {
        result_line("ddx-PMC1000_fig2", ddx(6).dump()),
        result_line("mcq-PMC1000_fig1", mcq().dump()),
        result_line("ift-PMC1000_fig1_p1", R"([{"question": "Which plane?", "answer": "Axial."}])"),
        result_line("abstract-PMC1000", R"({"headline": "MRI of a lesion", "summary": "One panel.", "panels": []})"),
        result_line("mcq-PMC1000_fig1", mcq().dump()),            // retried request
        result_line("mcq-PMC9_fig1", mcq().dump()),               // not in the archive
        result_line("ift-PMC1000_fig2", "I cannot see the image."),  // not JSON
        result_line("vqa-PMC1000_fig2", "[]", 500),
    };
    std::ofstream(dir.file("results.jsonl")) << [&] {
        std::string text;
        for (const auto& line : lines) text += line.dump() + "\n";
        return text + "{not json\n";
    }();
    MapStore responses;
    RejectLog rejects;
    const auto summary = import_responses(source, responses, dir.file("results.jsonl"), rejects);
    EXPECT_EQ(summary.lines, 9u);
    EXPECT_EQ(summary.stored, 4u);
    EXPECT_TRUE(responses.committed);
    EXPECT_EQ(summary.rejected, (std::map<std::string, size_t>{{"response.duplicate", 1},
                                                               {"response.unknown-id", 1},
                                                               {"response.not-json", 1},
                                                               {"response.http-error", 1},
                                                               {"response.malformed-line", 1}}));
    const auto& panel = responses.rows.at("ift-PMC1000_fig1_p1");
    EXPECT_EQ(panel.first, "PMC1000");
    EXPECT_EQ(panel.second["figure_id"], "fig1");
    EXPECT_EQ(panel.second["subfigure_id"], "fig1-p1");
    EXPECT_EQ(panel.second["model"], "gpt-4o-2024-08-06");
    EXPECT_TRUE(responses.rows.at("abstract-PMC1000").second["figure_id"].is_null());
    EXPECT_EQ(responses.rows.at("mcq-PMC1000_fig1").second["payload"]["correct_answer"], "C. FLAIR");
}

}  // namespace
}  // namespace pubforge::exporter
