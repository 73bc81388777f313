// Licence normalisation: a Creative Commons URL or sentence to a code (CC-BY-4.0) and the PMC-OA reuse class.
#pragma once

#include <string>

namespace pubforge::jats {

struct LicenseCode {
    std::string code;   // "CC-BY-4.0", "CC-BY-NC-ND-3.0", "CC0-1.0", "CC-BY" (no version stated), "PDM-1.0" or "unknown"
    std::string klass;  // "commercial", "noncommercial" or "other", as BIOMEDICA splits PMC-OA
};

// Reads the URL first (creativecommons.org/licenses/by-nc/4.0/, publicdomain/zero/1.0/),
// then the licence text ("Creative Commons Attribution-NonCommercial 3.0 License",
// "CC BY 4.0", "public domain"). CC0, CC BY, BY-SA and BY-ND allow commercial reuse;
// any NC variant is noncommercial; everything else (publisher terms, none) is other.
LicenseCode normalise_license(const std::string& url, const std::string& text);

}  // namespace pubforge::jats
