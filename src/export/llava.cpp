// LLaVA training conversations: from captions with a pooled instruction (alignment) and from imported model answers.
#include <algorithm>
#include <map>

#include "pubforge/export/responses.hpp"
#include "prompts.hpp"
#include "sinks.hpp"

namespace pubforge::exporter::detail {
namespace {

using Turns = std::vector<std::pair<std::string, std::string>>;

// LLaVA's {id, image, conversations[{from, value}]} or the chat {id, images, messages[{role, content}]} shape;
// the image token opens the first human turn, as LLaVA's preprocessing expects.
nlohmann::json conversation(const std::string& id, const std::string& image, const Turns& turns, const std::string& style) {
    nlohmann::json messages = nlohmann::json::array();
    const bool chat = style == "chat";
    for (size_t i = 0; i < turns.size(); ++i) {
        const std::string human = (i == 0 ? "<image>\n" : "") + turns[i].first;
        if (chat) {
            messages.push_back({{"role", "user"}, {"content", human}});
            messages.push_back({{"role", "assistant"}, {"content", turns[i].second}});
        } else {
            messages.push_back({{"from", "human"}, {"value", human}});
            messages.push_back({{"from", "gpt"}, {"value", turns[i].second}});
        }
    }
    if (chat) return {{"id", id}, {"images", {image}}, {"messages", messages}};
    return {{"id", id}, {"image", image}, {"conversations", messages}};
}

class LlavaSink : public ItemSink {
public:
    LlavaSink(OutputFolder& folder, const ExportOptions& options) : folder_(folder), options_(options) {
        const auto& sources = options.llava.sources;
        from_captions_ = std::find(sources.begin(), sources.end(), "captions") != sources.end();
        from_responses_ = std::find(sources.begin(), sources.end(), "responses") != sources.end();
        if (from_captions_) instructions_ = load_instruction_pool(options.prompts_dir + "/" + options.llava.instructions);
    }

    void add(const ExportItem& item, const PreparedImage& image) override {
        std::vector<nlohmann::json> samples;
        const std::string name = image_name(item, image);
        if (from_captions_) {
            const std::string& instruction = pick_instruction(instructions_, item.key, options_.seed);
            samples.push_back(conversation(item.key, name, {{instruction, item.caption}}, options_.llava.style));
            ++by_source_["captions"];
        }
        if (from_responses_) {
            std::map<std::string, size_t> seen;  // several models may have answered the same task
            for (const auto& response : item.responses) {
                const std::string task = response.value("task", "");
                if (std::find(options_.llava.tasks.begin(), options_.llava.tasks.end(), task) == options_.llava.tasks.end()) continue;
                const Turns turns = response_turns(task, response.value("payload", nlohmann::json()));
                if (turns.empty()) continue;
                const size_t n = ++seen[task];
                const std::string id = item.key + "-" + task + (n > 1 ? "-" + std::to_string(n) : "");
                samples.push_back(conversation(id, name, turns, options_.llava.style));
                ++by_source_[task];
            }
        }
        if (samples.empty()) {
            ++without_samples_;
            return;
        }
        folder_.write("images/" + name, image.bytes);
        auto it = files_.find(item.split);
        if (it == files_.end()) it = files_.emplace(item.split, std::make_unique<JsonArrayFile>(folder_, item.split + ".json")).first;
        for (const auto& sample : samples) it->second->add(sample);
    }

    void finish() override {
        for (auto& entry : files_) entry.second->close();
    }

    void describe(nlohmann::json& counts) const override {
        counts["conversations"] = by_source_;
        counts["items_without_conversation"] = without_samples_;
        if (from_captions_) counts["instruction_pool"] = instructions_.size();
    }

private:
    OutputFolder& folder_;
    const ExportOptions& options_;
    bool from_captions_ = false, from_responses_ = false;
    std::vector<std::string> instructions_;
    std::map<std::string, std::unique_ptr<JsonArrayFile>> files_;
    std::map<std::string, size_t> by_source_;
    size_t without_samples_ = 0;
};

}  // namespace

std::unique_ptr<ItemSink> make_llava_sink(OutputFolder& folder, const ExportOptions& options) {
    return std::make_unique<LlavaSink>(folder, options);
}

}  // namespace pubforge::exporter::detail
