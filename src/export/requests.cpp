// LLM batch requests (OpenAI Batch JSONL, which vLLM's run_batch also reads), one series of files per task.
#include <nettle/base64.h>

#include <algorithm>
#include <map>

#include "pubforge/core/jsonl.hpp"
#include "pubforge/export/responses.hpp"
#include "prompts.hpp"
#include "sinks.hpp"

namespace pubforge::exporter::detail {
namespace {

// OpenAI rejects batch input files over 200 MB; stay clearly below it.
constexpr size_t kMaxFileBytes = 180u << 20;

std::string base64(const std::string& bytes) {
    std::string out(BASE64_ENCODE_RAW_LENGTH(bytes.size()), '\0');
    base64_encode_raw(out.data(), bytes.size(), reinterpret_cast<const uint8_t*>(bytes.data()));
    return out;
}

// Image types the chat-completions APIs accept; others need --format jpg or png.
const std::map<std::string, std::string> kMime = {
    {"jpg", "image/jpeg"}, {"png", "image/png"}, {"gif", "image/gif"}, {"webp", "image/webp"}};

std::string mention_list(const ExportItem& item) {
    if (item.mentions.empty()) return "(none)";
    std::string out;
    for (const auto& mention : item.mentions) out += (out.empty() ? "- " : "\n- ") + mention.sentence;
    return out;
}

std::string label_of(const ExportItem& item) {
    std::string label = item.figure_label.empty() ? "Figure" : item.figure_label;
    if (item.unit == Unit::Panel && !item.panel_label.empty()) label += " panel " + item.panel_label;
    return label;
}

// The numbered files of one task: <task>/requests-NNNNNN.jsonl, each within the API's limits.
class RequestFiles {
public:
    RequestFiles(OutputFolder& folder, std::string task, size_t per_file) : folder_(folder), task_(std::move(task)), per_file_(per_file) {}

    void write(const std::string& line) {
        if (!stream_ || in_file_ == per_file_ || bytes_ + line.size() > kMaxFileBytes) open_next();
        stream_->write(line);
        ++in_file_;
        ++total_;
        bytes_ += line.size();
    }
    void close() {
        if (stream_) stream_->close();
        stream_.reset();
    }
    size_t total() const { return total_; }

private:
    void open_next() {
        close();
        char name[48];
        std::snprintf(name, sizeof name, "/requests-%06zu.jsonl", files_++);
        stream_ = std::make_unique<OutputFolder::Stream>(folder_, task_ + name);
        in_file_ = 0;
        bytes_ = 0;
    }

    OutputFolder& folder_;
    std::string task_;
    size_t per_file_;
    std::unique_ptr<OutputFolder::Stream> stream_;
    size_t files_ = 0, in_file_ = 0, bytes_ = 0, total_ = 0;
};

class RequestsSink : public ItemSink {
public:
    RequestsSink(OutputFolder& folder, const ExportOptions& options) : folder_(folder), options_(options.requests) {
        for (const auto& task : options_.tasks) {
            prompts_.emplace(task, load_prompt(options.prompts_dir, task));
            files_.emplace(task, RequestFiles(folder, task, options_.requests_per_file));
        }
    }

    void add(const ExportItem& item, const PreparedImage& image) override {
        const auto mime = kMime.find(image.extension);
        if (mime == kMime.end()) {
            ++unsupported_images_;
            return;
        }
        const std::string url = image_url(item, image, mime->second);
        const std::map<std::string, std::string> values = {
            {"title", item.article->title}, {"label", label_of(item)}, {"caption", item.caption}, {"mentions", mention_list(item)}};
        for (auto& [task, prompt] : prompts_) {
            if (task == "abstract") continue;
            write(task, make_custom_id(task, item.key), prompt.fill_user(values), {url});
        }
        if (prompts_.count("abstract") && item.unit == Unit::Figure && article_figures_.size() < options_.abstract_figures)
            article_figures_.push_back({label_of(item) + ": " + item.caption, url, item.article});
    }

    void end_article() override {
        if (!article_figures_.empty()) {
            const ArticleInfo& article = *article_figures_.front().article;
            std::string figures;
            std::vector<std::string> urls;
            for (const auto& figure : article_figures_) {
                figures += (figures.empty() ? "" : "\n") + figure.description;
                urls.push_back(figure.url);
            }
            const std::map<std::string, std::string> values = {
                {"title", article.title}, {"abstract", article.abstract.empty() ? "(none)" : article.abstract}, {"figures", figures}};
            write("abstract", make_custom_id("abstract", article.id), prompts_.at("abstract").fill_user(values), urls);
        }
        article_figures_.clear();
    }

    void finish() override {
        for (auto& entry : files_) entry.second.close();
    }

    void describe(nlohmann::json& counts) const override {
        nlohmann::json requests, prompts;
        for (const auto& [task, files] : files_) requests[task] = files.total();
        for (const auto& [task, prompt] : prompts_) prompts[task] = {{"file", task + ".txt"}, {"sha256", prompt.sha256}};
        counts["requests"] = requests;
        counts["prompts"] = prompts;
        counts["model"] = options_.model;
        counts["skipped_unsupported_image_format"] = unsupported_images_;
    }

private:
    struct ArticleFigure {
        std::string description;
        std::string url;
        std::shared_ptr<const ArticleInfo> article;
    };

    std::string image_url(const ExportItem& item, const PreparedImage& image, const std::string& mime) {
        if (options_.image == "data-url") return "data:" + mime + ";base64," + base64(image.bytes);
        const std::string name = image_name(item, image);
        folder_.write("images/" + name, image.bytes);
        return options_.image_base + name;
    }

    void write(const std::string& task, const std::string& custom_id, const std::string& user_text,
               const std::vector<std::string>& image_urls) {
        const PromptTemplate& prompt = prompts_.at(task);
        nlohmann::json content = nlohmann::json::array({{{"type", "text"}, {"text", user_text}}});
        for (const auto& url : image_urls) content.push_back({{"type", "image_url"}, {"image_url", {{"url", url}}}});
        nlohmann::json messages = nlohmann::json::array();
        if (!prompt.system.empty()) messages.push_back({{"role", "system"}, {"content", prompt.system}});
        messages.push_back({{"role", "user"}, {"content", content}});
        nlohmann::json body = {{"model", options_.model}, {"messages", messages}, {"max_tokens", options_.max_tokens}};
        if (options_.temperature >= 0) body["temperature"] = options_.temperature;
        const nlohmann::json line = {{"custom_id", custom_id}, {"method", "POST"}, {"url", "/v1/chat/completions"}, {"body", body}};
        files_.at(task).write(dump_json_line(line) + "\n");
    }

    OutputFolder& folder_;
    const RequestsOptions& options_;
    std::map<std::string, PromptTemplate> prompts_;
    std::map<std::string, RequestFiles> files_;
    std::vector<ArticleFigure> article_figures_;
    size_t unsupported_images_ = 0;
};

}  // namespace

std::unique_ptr<ItemSink> make_requests_sink(OutputFolder& folder, const ExportOptions& options) {
    return std::make_unique<RequestsSink>(folder, options);
}

}  // namespace pubforge::exporter::detail
