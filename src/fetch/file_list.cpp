// Reading PMC-OA file lists and plain lists into entries, checking their paths, and selecting what to fetch.
#include "pubforge/fetch/file_list.hpp"

#include <algorithm>
#include <cctype>
#include <ctime>
#include <fstream>
#include <regex>

#include "pubforge/core/ascii.hpp"
#include "pubforge/core/error.hpp"
#include "pubforge/jats/license.hpp"

namespace pubforge::fetch {
namespace {

std::string trim(const std::string& text) {
    const auto first = text.find_first_not_of(" \t\r");
    if (first == std::string::npos) return {};
    const auto last = text.find_last_not_of(" \t\r");
    return text.substr(first, last - first + 1);
}

std::vector<std::string> split(const std::string& line, char separator) {
    std::vector<std::string> fields;
    size_t start = 0;
    for (;;) {
        const auto at = line.find(separator, start);
        fields.push_back(line.substr(start, at == std::string::npos ? std::string::npos : at - start));
        if (at == std::string::npos) return fields;
        start = at + 1;
    }
}

bool is_pmcid(const std::string& text) {
    static const std::regex pattern(R"(PMC[0-9]{1,12})", std::regex::icase);
    return std::regex_match(text, pattern);
}

// "oa_package/ac/6a/PMC7112410.tar.gz" -> "PMC7112410"
std::string pmcid_of_path(const std::string& path) {
    static const std::regex pattern(R"((?:^|/)(PMC[0-9]{1,12})[^/]*$)", std::regex::icase);
    std::smatch m;
    return std::regex_search(path, m, pattern) ? ascii_upper(m[1]) : std::string();
}

std::optional<std::int64_t> to_epoch(int year, int month, int day, int hour, int minute, int second) {
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return std::nullopt;
    std::tm tm{};
    tm.tm_year = year - 1900;
    tm.tm_mon = month - 1;
    tm.tm_mday = day;
    tm.tm_hour = hour;
    tm.tm_min = minute;
    tm.tm_sec = second;
    return static_cast<std::int64_t>(timegm(&tm));
}

}  // namespace

std::optional<std::int64_t> parse_list_time(const std::string& text) {
    std::smatch m;
    const std::string t = trim(text);
    static const std::regex iso(R"(([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[ T]([0-9]{2}):([0-9]{2})(?::([0-9]{2}))?)?)");
    static const std::regex spreadsheet(R"(([0-9]{2})-([0-9]{2})-([0-9]{2}) ([0-9]{1,2}):([0-9]{2}))");
    auto number = [&m](int i) { return m[i].matched ? std::stoi(m[i].str()) : 0; };
    if (std::regex_match(t, m, iso)) return to_epoch(number(1), number(2), number(3), number(4), number(5), number(6));
    if (std::regex_match(t, m, spreadsheet)) return to_epoch(2000 + number(3), number(2), number(1), number(4), number(5), 0);
    return std::nullopt;
}

void check_relative_path(const std::string& path) {
    auto refuse = [&path](const std::string& why) {
        throw Error("fetch.unsafe-path", "'" + path + "' would not stay under the mirror: " + why);
    };
    if (path.empty()) refuse("empty path");
    if (path[0] == '/') refuse("absolute path");
    for (unsigned char c : path)
        if (c < 0x20 || c == 0x7f || c == '\\') refuse("control character or backslash");
    for (const auto& segment : split(path, '/')) {
        if (segment.empty()) refuse("empty segment");
        if (segment == "..") refuse("'..' segment");
        if (segment[0] == '.') refuse("segment starting with '.'");
    }
}

std::vector<ListEntry> read_file_list(std::istream& in, const std::string& name, const std::string& id_path,
                                      RejectLog& rejects) {
    std::vector<ListEntry> entries;
    std::string raw;
    size_t line = 0;
    while (std::getline(in, raw)) {
        ++line;
        const std::string text = trim(raw);
        if (text.empty() || text[0] == '#') continue;
        const std::string where = name + ":" + std::to_string(line);
        try {
            ListEntry entry;
            entry.line = line;
            const auto fields = split(text, ',');
            if (fields.size() == 1) {
                if (is_pmcid(text)) {
                    if (id_path.empty())
                        throw Error("fetch.no-id-path", "a bare PMCID (" + text +
                                                            ") needs --id-path: PMC's package paths cannot be derived from it");
                    entry.pmcid = ascii_upper(text);
                    entry.path = std::regex_replace(id_path, std::regex(R"(\{pmcid\})"), entry.pmcid);
                } else {
                    entry.path = text;
                    entry.pmcid = pmcid_of_path(text);
                }
            } else if (fields.size() >= 6) {
                // The citation may hold commas: the File is the first field, the last four are fixed.
                const size_t n = fields.size();
                if (line == 1 && trim(fields[0]) == "File") continue;  // the header line
                entry.path = trim(fields[0]);
                entry.pmcid = ascii_upper(trim(fields[n - 4]));
                const std::string updated = trim(fields[n - 3]);
                entry.license = trim(fields[n - 1]);
                entry.license_class = jats::normalise_license("", entry.license).klass;
                if (!is_pmcid(entry.pmcid))
                    throw Error("fetch.list-malformed", "Accession ID '" + entry.pmcid + "' is not a PMCID");
                if (!updated.empty()) {
                    entry.updated = parse_list_time(updated);
                    if (!entry.updated) throw Error("fetch.list-malformed", "Last Updated '" + updated + "' is not a date");
                }
            } else {
                throw Error("fetch.list-malformed", std::to_string(fields.size()) +
                                                        " comma-separated fields: neither a PMC file list row (6) nor a path");
            }
            check_relative_path(entry.path);
            entries.push_back(std::move(entry));
        } catch (const Error& e) {
            rejects.add(where, "fetch", e);
        }
    }
    return entries;
}

std::vector<ListEntry> select_entries(std::vector<ListEntry> entries, const Selection& selection) {
    std::vector<ListEntry> kept;
    std::set<std::string> seen;
    for (auto& entry : entries) {
        if (selection.limit >= 0 && static_cast<long>(kept.size()) >= selection.limit) break;
        if (!selection.license_classes.empty() &&
            !selection.license_classes.count(entry.license_class.empty() ? "other" : entry.license_class))
            continue;
        if ((selection.since || selection.until) && !entry.updated) continue;
        if (selection.since && *entry.updated < *selection.since) continue;
        if (selection.until && *entry.updated > *selection.until) continue;
        if (!selection.pmcids.empty() && !selection.pmcids.count(entry.pmcid)) continue;
        const auto slash = entry.path.rfind('/');
        if (!selection.shard.selects(slash == std::string::npos ? entry.path : entry.path.substr(slash + 1))) continue;
        if (!seen.insert(entry.path).second) continue;
        kept.push_back(std::move(entry));
    }
    return kept;
}

std::set<std::string> parse_license_classes(const std::string& text) {
    std::set<std::string> classes;
    for (const auto& word : split(text, ',')) {
        const std::string w = trim(word);
        if (w != "commercial" && w != "noncommercial" && w != "other")
            throw UsageError("--license takes commercial, noncommercial and other, got '" + w + "'");
        classes.insert(w);
    }
    return classes;
}

std::set<std::string> parse_pmcids(const std::string& text) {
    std::vector<std::string> words;
    if (!text.empty() && text[0] == '@') {
        std::ifstream in(text.substr(1));
        if (!in) throw UsageError("cannot read the PMCID list " + text.substr(1));
        std::string line;
        while (std::getline(in, line)) words.push_back(line);
    } else {
        words = split(text, ',');
    }
    std::set<std::string> ids;
    for (const auto& word : words) {
        const std::string w = trim(word);
        if (w.empty() || w[0] == '#') continue;
        if (!is_pmcid(w)) throw UsageError("--pmcids: '" + w + "' is not a PMCID (PMC followed by digits)");
        ids.insert(ascii_upper(w));
    }
    return ids;
}

}  // namespace pubforge::fetch
