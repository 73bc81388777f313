// Licence codes from Creative Commons URLs and from the sentences publishers write instead.
#include "pubforge/jats/license.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <regex>

#include "pubforge/core/ascii.hpp"

namespace pubforge::jats {
namespace {

std::string upper(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
    return s;
}

std::string class_of(const std::string& code) {
    if (code == "unknown") return "other";
    if (code.rfind("CC0", 0) == 0 || code.rfind("PDM", 0) == 0) return "commercial";
    if (code.rfind("CC-BY", 0) != 0) return "other";
    return code.find("-NC") != std::string::npos ? "noncommercial" : "commercial";
}

LicenseCode make(std::string code) {
    LicenseCode out{code, class_of(code)};
    return out;
}

// "by-nc-nd" + "3.0" -> "CC-BY-NC-ND-3.0"
std::string cc_code(const std::string& elements, const std::string& version) {
    std::string code = "CC-" + upper(elements);
    if (!version.empty()) code += "-" + (version.find('.') == std::string::npos ? version + ".0" : version);
    return code;
}

std::optional<LicenseCode> from_url(const std::string& url) {
    const std::string u = ascii_lower(url);
    static const std::regex licenses(R"(creativecommons\.org/licen[cs]es/(by(?:-nc)?(?:-sa|-nd)?(?:-nc)?)(?:/([0-9](?:\.[0-9])?))?)");
    std::smatch m;
    if (std::regex_search(u, m, licenses)) {
        std::string elements = m[1];
        if (elements == "by-nd-nc") elements = "by-nc-nd";  // CC's 1.0 spelling
        return make(cc_code(elements, m[2]));
    }
    static const std::regex zero(R"(creativecommons\.org/publicdomain/zero(?:/([0-9](?:\.[0-9])?))?)");
    if (std::regex_search(u, m, zero)) return make("CC0-" + (m[1].matched ? m[1].str() : std::string("1.0")));
    if (u.find("creativecommons.org/publicdomain/mark") != std::string::npos) return make("PDM-1.0");
    return std::nullopt;
}

std::optional<LicenseCode> from_text(const std::string& text) {
    const std::string t = ascii_lower(text);
    std::smatch m;
    // "CC BY-NC-SA 4.0", "CC-BY 4.0", "CC BY"
    static const std::regex short_form(R"(\bcc[ -]?(by(?:[ -]nc)?(?:[ -](?:sa|nd))?)(?:[ -]?(?:licen[cs]e)?[ ,]*(?:v(?:ersion)?\s*)?([0-9]\.[0-9]))?)");
    static const std::regex zero(R"(\bcc0\b|cc zero|creative commons zero|public domain dedication)");
    if (std::regex_search(t, zero)) return make("CC0-1.0");
    if (t.find("creative commons") != std::string::npos) {
        const bool nc = t.find("noncommercial") != std::string::npos || t.find("non-commercial") != std::string::npos ||
                        t.find("non commercial") != std::string::npos;
        const bool nd = t.find("noderivative") != std::string::npos || t.find("no derivative") != std::string::npos ||
                        t.find("no-derivative") != std::string::npos;
        const bool sa = t.find("sharealike") != std::string::npos || t.find("share alike") != std::string::npos ||
                        t.find("share-alike") != std::string::npos;
        const bool attribution = t.find("attribution") != std::string::npos;
        if (attribution || nc || nd || sa) {
            std::string elements = std::string("by") + (nc ? "-nc" : "") + (sa ? "-sa" : nd ? "-nd" : "");
            static const std::regex version(R"(\b([1-4]\.0)\b)");
            const std::string v = std::regex_search(t, m, version) ? m[1].str() : "";
            return make(cc_code(elements, v));
        }
    }
    if (std::regex_search(t, m, short_form)) {
        std::string elements = m[1];
        std::replace(elements.begin(), elements.end(), ' ', '-');
        return make(cc_code(elements, m[2]));
    }
    if (t.find("public domain") != std::string::npos) return make("PDM-1.0");
    return std::nullopt;
}

}  // namespace

LicenseCode normalise_license(const std::string& url, const std::string& text) {
    if (auto code = from_url(url)) return *code;
    if (auto code = from_text(text)) return *code;
    return make("unknown");
}

}  // namespace pubforge::jats
