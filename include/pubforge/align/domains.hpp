// Domain tags (mri, ct, x-ray, histology, chart, ...) from caption words, with the phrases that triggered them.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "pubforge/core/record.hpp"

namespace pubforge::align {

struct DomainHit {
    std::string tag;
    std::vector<std::string> phrases;  // the vocabulary phrases found, in vocabulary order
};

// The vocabulary of data/domains.json: tags, their phrases, and how the LLaVA-Med fields derive from tags.
class DomainVocabulary {
public:
    // Throws Error("domains.invalid") when the file is missing or malformed.
    static DomainVocabulary from_file(const std::string& path);
    static DomainVocabulary from_json(const nlohmann::json& data);
    // Loaded once per process: `path`, else $PUBFORGE_DATA_DIR/domains.json, else the source tree's data/.
    static std::shared_ptr<const DomainVocabulary> shared(const std::string& path = "");

    // Tags whose phrases occur in `text` as whole words, case-insensitive, in vocabulary order.
    std::vector<DomainHit> tag(std::string_view text) const;

    // {"chest_xray", "mri", "ct_scan", "histology", "gross"} -> bool, from a list of tags.
    nlohmann::json llava_med(const std::vector<std::string>& tags) const;

private:
    struct Phrase {
        std::string text;
        bool prefix = false;  // "radiograph*": any word ending
    };
    struct Tag {
        std::string name;
        std::vector<Phrase> phrases;
    };
    struct LlavaField {
        std::string name;
        std::vector<std::string> all;
        std::vector<std::string> any;
    };
    std::vector<Tag> tags_;
    std::vector<LlavaField> llava_;
};

// The LLaVA-Med domain fields of one figure record (its figure-level and panel-level
// `domains`), for the mentions/llava exporters: {"chest_xray": false, "mri": true, ...}.
nlohmann::json llava_med_domains(const Record& figure);

}  // namespace pubforge::align
