// Shared record helpers: ids, keys, warnings and the structural validation archive load relies on.
#include "pubforge/core/record.hpp"

#include <cctype>

#include "pubforge/core/error.hpp"
#include "pubforge/core/hash.hpp"

namespace pubforge {

std::string make_key(const std::string& text) {
    std::string key;
    for (unsigned char c : text) key += (std::isalnum(c) || c == '-' || c == '_') ? static_cast<char>(c) : '_';
    if (key.empty() || key.size() > 64) {
        const std::string digest = sha256_hex(text).substr(0, 16);
        key = key.substr(0, key.empty() ? 0 : 47) + (key.empty() ? "" : "-") + digest;
    }
    return key;
}

std::string make_article_id(const nlohmann::json& ids, const std::string& source_sha256) {
    auto get = [&](const char* name) -> std::string {
        return ids.contains(name) && ids[name].is_string() ? ids[name].get<std::string>() : "";
    };
    std::string pmcid = get("pmcid");
    if (!pmcid.empty()) return make_key(pmcid.rfind("PMC", 0) == 0 ? pmcid : "PMC" + pmcid);
    if (!get("pmid").empty()) return make_key("pmid-" + get("pmid"));
    if (!get("doi").empty()) return make_key("doi-" + get("doi"));
    return "sha-" + source_sha256.substr(0, 16);
}

void add_warning(nlohmann::json& object, const std::string& code, const std::string& message) {
    object["warnings"].push_back({{"code", code}, {"message", message}});
}

void mark_stage(Record& record, const std::string& stage) { record["stages"][stage] = PUBFORGE_VERSION; }

namespace {

void require(bool condition, const std::string& what) {
    if (!condition) throw Error("record.invalid", what);
}

void check_image(const nlohmann::json& image, const std::string& where) {
    if (image.is_null()) return;
    require(image.is_object() && image.value("sha256", "").size() == 64, where + ".sha256 must be a 64-hex digest");
}

}  // namespace

void validate_record(const Record& record) {
    require(record.is_object(), "a record must be a JSON object");
    require(record.value("schema", 0) == kRecordSchemaVersion,
            "schema must be " + std::to_string(kRecordSchemaVersion));
    require(record.contains("id") && record["id"].is_string() && !record["id"].get<std::string>().empty() &&
                record["id"].get<std::string>().size() <= 64,
            "id must be a non-empty string of at most 64 characters");
    require(record.contains("source") && record["source"].is_object(), "source must be an object");
    require(record.contains("figures") && record["figures"].is_array(), "figures must be an array");
    for (size_t i = 0; i < record["figures"].size(); ++i) {
        const auto& figure = record["figures"][i];
        const std::string where = "figures[" + std::to_string(i) + "]";
        require(figure.is_object() && figure.contains("id") && figure["id"].is_string(), where + ".id must be a string");
        require(!figure.contains("caption") || figure["caption"].is_object(), where + ".caption must be an object");
        check_image(figure.value("image", nlohmann::json()), where + ".image");
        if (figure.contains("graphics"))
            for (const auto& graphic : figure["graphics"]) check_image(graphic.value("image", nlohmann::json()), where + ".graphics[].image");
        if (figure.contains("subfigures"))
            for (const auto& panel : figure["subfigures"]) {
                require(panel.contains("box") && panel["box"].is_array() && panel["box"].size() == 4,
                        where + ".subfigures[].box must be [x0, y0, x1, y1]");
                check_image(panel.value("image", nlohmann::json()), where + ".subfigures[].image");
            }
    }
}

std::string normalize_space(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    bool pending_space = false;
    for (size_t i = 0; i < text.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        // U+00A0 no-break space counts as whitespace too.
        const bool nbsp = c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0;
        if (std::isspace(c) || nbsp) {
            pending_space = !out.empty();
            if (nbsp) ++i;
            continue;
        }
        if (pending_space) out += ' ';
        pending_space = false;
        out += static_cast<char>(c);
    }
    return out;
}

size_t count_words(const std::string& text) {
    size_t words = 0;
    bool in_word = false;
    for (unsigned char c : text) {
        // ASCII whitespace only: std::isspace consults the locale for every byte.
        const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
        if (!space && !in_word) ++words;
        in_word = !space;
    }
    return words;
}

}  // namespace pubforge
