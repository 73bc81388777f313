// Tests of prompt templates: the shipped prompt files load and fill, and a placeholder typo is caught.
#include "export/prompts.hpp"

#include <gtest/gtest.h>

#include "pubforge/core/error.hpp"
#include "test_support.hpp"

namespace pubforge::exporter {
namespace {

TEST(PromptsTest, EveryShippedTaskPromptLoadsAndFillsWithoutLeftoverPlaceholders) {
    const std::string dir = testing::source_path("data/prompts");
    const std::map<std::string, std::string> values = {{"title", "T"}, {"label", "Figure 1"}, {"caption", "CAPTION-TEXT"},
                                                       {"mentions", "- m"}, {"abstract", "ABSTRACT"}, {"figures", "Figure 1: c"}};
    for (const auto& task : request_tasks()) {
        const PromptTemplate prompt = load_prompt(dir, task);
        EXPECT_FALSE(prompt.system.empty()) << task;
        const std::string filled = prompt.fill_user(values);
        EXPECT_EQ(filled.find("{caption}"), std::string::npos);
        EXPECT_NE(filled.find(task == "abstract" ? "ABSTRACT" : "CAPTION-TEXT"), std::string::npos) << task;
        EXPECT_NE(filled.find("JSON"), std::string::npos) << task << " must ask for JSON";
    }
}

TEST(PromptsTest, UnknownPlaceholdersFailAndJsonBracesAreText) {
    testing::ScratchDir dir;
    testing::write_text_file(dir.file("ift.txt"), "# comment\n[system]\nsys\n[user]\nSay {caption} as {\"a\": 1} and {captoin}\n");
    const PromptTemplate prompt = load_prompt(dir.path(), "ift");
    EXPECT_EQ(prompt.system, "sys");
    try {
        prompt.fill_user({{"caption", "x"}});
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), "prompt.placeholder");
    }
    testing::write_text_file(dir.file("mcq.txt"), "[user]\n{caption} {\"a\": 1}");
    EXPECT_EQ(load_prompt(dir.path(), "mcq").fill_user({{"caption", "x"}}), "x {\"a\": 1}");
    EXPECT_THROW(load_prompt(dir.path(), "ddx"), Error);
}

TEST(PromptsTest, InstructionChoiceIsStableAndUsesThePool) {
    const auto pool = load_instruction_pool(testing::source_path("data/prompts/caption_instructions.txt"));
    ASSERT_GE(pool.size(), 10u);
    std::set<std::string> used;
    for (int i = 0; i < 200; ++i) {
        const std::string key = "PMC" + std::to_string(i) + "_fig1";
        EXPECT_EQ(pick_instruction(pool, key, 314), pick_instruction(pool, key, 314));
        used.insert(pick_instruction(pool, key, 314));
    }
    EXPECT_GE(used.size(), pool.size() - 1);
}

}  // namespace
}  // namespace pubforge::exporter
