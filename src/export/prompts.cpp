// Prompt template loading and filling.
#include "prompts.hpp"

#include <filesystem>
#include <sstream>

#include "pubforge/core/error.hpp"
#include "pubforge/core/files.hpp"
#include "pubforge/core/hash.hpp"

namespace pubforge::exporter {

const std::vector<std::string>& request_tasks() {
    static const std::vector<std::string> tasks = {"ift", "mcq", "ddx", "vqa", "abstract"};
    return tasks;
}

std::string PromptTemplate::fill_user(const std::map<std::string, std::string>& values) const {
    std::string out;
    size_t i = 0;
    while (i < user.size()) {
        const size_t open = user.find('{', i);
        if (open == std::string::npos) break;
        const size_t close = user.find('}', open);
        if (close == std::string::npos) break;
        const std::string name = user.substr(open + 1, close - open - 1);
        out += user.substr(i, open - i);
        // Only {identifier} is a placeholder; other braces (JSON examples in prompts) are text.
        if (name.empty() || name.find_first_not_of("abcdefghijklmnopqrstuvwxyz_") != std::string::npos) {
            out += user.substr(open, close - open + 1);
        } else {
            const auto it = values.find(name);
            if (it == values.end()) throw Error("prompt.placeholder", "prompt " + task + " uses {" + name + "}, which has no value");
            out += it->second;
        }
        i = close + 1;
    }
    return out + user.substr(i);
}

PromptTemplate load_prompt(const std::string& dir, const std::string& task) {
    const std::string path = dir + "/" + task + ".txt";
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) throw Error("prompt.missing", "no prompt file " + path, true);
    const std::string text = read_file(path, 1 << 20);
    PromptTemplate prompt;
    prompt.task = task;
    prompt.sha256 = sha256_hex(text);
    std::string* section = nullptr;
    std::istringstream lines(text);
    std::string line;
    while (std::getline(lines, line)) {
        if (line == "[system]") { section = &prompt.system; continue; }
        if (line == "[user]") { section = &prompt.user; continue; }
        if (!section) continue;  // header comments
        *section += line + "\n";
    }
    auto trim = [](std::string& s) {
        while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
    };
    trim(prompt.system);
    trim(prompt.user);
    if (prompt.user.empty()) throw Error("prompt.malformed", path + " has no [user] section", true);
    return prompt;
}

std::vector<std::string> load_instruction_pool(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) throw Error("prompt.missing", "no instruction pool " + path, true);
    std::istringstream lines(read_file(path, 1 << 20));
    std::vector<std::string> pool;
    std::string line;
    while (std::getline(lines, line))
        if (!line.empty() && line[0] != '#') pool.push_back(line);
    if (pool.empty()) throw Error("prompt.missing", path + " holds no instruction", true);
    return pool;
}

const std::string& pick_instruction(const std::vector<std::string>& pool, const std::string& key, std::uint64_t seed) {
    return pool[stable_hash64(key + ":" + std::to_string(seed)) % pool.size()];
}

}  // namespace pubforge::exporter
