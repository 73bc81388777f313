// Domain tagging: whole-word phrase matching against the vocabulary file, loaded once per process.
#include "pubforge/align/domains.hpp"

#include <cstdlib>
#include <mutex>
#include <set>

#include "pubforge/core/error.hpp"
#include "pubforge/core/files.hpp"
#include "pubforge/core/ascii.hpp"

namespace pubforge::align {
namespace {

bool is_word_char(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80; }

std::vector<std::string> strings_of(const nlohmann::json& value) {
    std::vector<std::string> out;
    if (value.is_array())
        for (const auto& v : value)
            if (v.is_string()) out.push_back(v.get<std::string>());
    return out;
}

}  // namespace

DomainVocabulary DomainVocabulary::from_json(const nlohmann::json& data) {
    if (!data.is_object() || !data.contains("tags") || !data["tags"].is_array())
        throw Error("domains.invalid", "domain vocabulary: no \"tags\" array");
    DomainVocabulary vocabulary;
    for (const auto& entry : data["tags"]) {
        if (!entry.is_object() || !entry.contains("tag") || !entry["tag"].is_string())
            throw Error("domains.invalid", "domain vocabulary: a tag without a name");
        Tag tag{entry["tag"].get<std::string>(), {}};
        for (std::string phrase : strings_of(entry.value("phrases", nlohmann::json::array()))) {
            const bool prefix = !phrase.empty() && phrase.back() == '*';
            if (prefix) phrase.pop_back();
            if (!phrase.empty()) tag.phrases.push_back({ascii_lower(phrase), prefix});
        }
        vocabulary.tags_.push_back(std::move(tag));
    }
    if (data.contains("llava_med") && data["llava_med"].is_object()) {
        for (const auto& [name, rule] : data["llava_med"].items())
            vocabulary.llava_.push_back({name, strings_of(rule.value("all", nlohmann::json::array())),
                                         strings_of(rule.value("any", nlohmann::json::array()))});
    }
    return vocabulary;
}

DomainVocabulary DomainVocabulary::from_file(const std::string& path) {
    nlohmann::json data = nlohmann::json::parse(read_file(path), nullptr, false);
    if (data.is_discarded()) throw Error("domains.invalid", path + ": not JSON");
    return from_json(data);
}

std::shared_ptr<const DomainVocabulary> DomainVocabulary::shared(const std::string& path) {
    static std::mutex mutex;
    static std::map<std::string, std::shared_ptr<const DomainVocabulary>> loaded;
    std::string resolved = path;
    if (resolved.empty()) {
        const char* dir = std::getenv("PUBFORGE_DATA_DIR");
        resolved = std::string(dir && *dir ? dir : PUBFORGE_DATA_DIR) + "/domains.json";
    }
    std::lock_guard<std::mutex> lock(mutex);
    auto& slot = loaded[resolved];
    if (!slot) slot = std::make_shared<const DomainVocabulary>(from_file(resolved));
    return slot;
}

std::vector<DomainHit> DomainVocabulary::tag(std::string_view text) const {
    const std::string lowered = ascii_lower(std::string(text));
    std::vector<DomainHit> hits;
    for (const Tag& tag : tags_) {
        DomainHit hit{tag.name, {}};
        for (const Phrase& phrase : tag.phrases) {
            for (size_t at = lowered.find(phrase.text); at != std::string::npos;
                 at = lowered.find(phrase.text, at + 1)) {
                const size_t end = at + phrase.text.size();
                const bool starts = at == 0 || !is_word_char(static_cast<unsigned char>(lowered[at - 1]));
                const bool ends = phrase.prefix || end == lowered.size() ||
                                  !is_word_char(static_cast<unsigned char>(lowered[end]));
                if (starts && ends) {
                    hit.phrases.push_back(phrase.prefix ? phrase.text + "*" : phrase.text);
                    break;
                }
            }
        }
        if (!hit.phrases.empty()) hits.push_back(std::move(hit));
    }
    return hits;
}

nlohmann::json DomainVocabulary::llava_med(const std::vector<std::string>& tags) const {
    const std::set<std::string> have(tags.begin(), tags.end());
    nlohmann::json out = nlohmann::json::object();
    for (const LlavaField& field : llava_) {
        bool value = !field.all.empty() || !field.any.empty();
        for (const std::string& t : field.all) value = value && have.count(t) > 0;
        if (!field.any.empty()) {
            bool any = false;
            for (const std::string& t : field.any) any = any || have.count(t) > 0;
            value = value && any;
        }
        out[field.name] = value;
    }
    return out;
}

nlohmann::json llava_med_domains(const Record& figure) {
    std::vector<std::string> tags;
    auto collect = [&tags](const nlohmann::json& domains) {
        if (!domains.is_array()) return;
        for (const auto& d : domains)
            if (d.is_object() && d.contains("tag") && d["tag"].is_string()) tags.push_back(d["tag"].get<std::string>());
    };
    if (figure.contains("domains")) collect(figure["domains"]);
    for (const char* part : {"subcaptions", "subfigures"})
        if (figure.contains(part) && figure[part].is_array())
            for (const auto& p : figure[part])
                if (p.is_object() && p.contains("domains")) collect(p["domains"]);
    return DomainVocabulary::shared()->llava_med(tags);
}

}  // namespace pubforge::align
