// Article metadata from <front>: identifiers, title, journal, dates, licence, authors, keywords, abstract.
#include <algorithm>
#include <cctype>
#include <regex>

#include "pubforge/core/ascii.hpp"
#include "pubforge/jats/license.hpp"
#include "pubforge/jats/xml_document.hpp"
#include "reader_parts.hpp"
#include "text.hpp"

namespace pubforge::jats::detail {
namespace {

using nlohmann::json;

std::string trimmed(const std::string& text) { return normalize_space(text); }

// <front>/<article-meta> of an article, or the <front-stub> of a sub-article (which holds the same children).
const xmlNode* article_meta_of(const xmlNode* article) {
    if (const xmlNode* meta = find(article, {"front", "article-meta"})) return meta;
    if (const xmlNode* stub = child(article, "front-stub")) return stub;
    return child(article, "front");
}

json read_ids(const xmlNode* meta) {
    json ids = json::object();
    std::string pmc_uid;
    for (const xmlNode* id : children(meta, "article-id")) {
        const std::string type = ascii_lower(attribute(id, "pub-id-type"));
        const std::string value = trimmed(inline_text(id));
        if (value.empty()) continue;
        if (type == "pmc" || type == "pmcid") {
            const bool prefixed = value.size() > 3 && ascii_lower(value.substr(0, 3)) == "pmc";
            ids.emplace("pmcid", "PMC" + (prefixed ? value.substr(3) : value));
        } else if (type == "pmc-uid") {
            pmc_uid = value;
        } else if (type == "pmid" || type == "doi") {
            ids.emplace(type, value);
        } else if (type == "publisher-id") {
            ids.emplace("publisher_id", value);
        }
    }
    if (!ids.contains("pmcid") && !pmc_uid.empty()) ids["pmcid"] = "PMC" + pmc_uid;
    return ids;
}

json read_journal(const xmlNode* front) {
    json journal = json::object();
    const xmlNode* meta = child(front, "journal-meta");
    if (!meta) return journal;
    const xmlNode* title = find(meta, {"journal-title-group", "journal-title"});
    if (!title) title = child(meta, "journal-title");
    if (title) journal["title"] = inline_text(title);
    json issn = json::array();
    for (const xmlNode* node : children(meta, "issn"))
        if (const std::string value = inline_text(node); !value.empty()) issn.push_back(value);
    if (!issn.empty()) journal["issn"] = issn;
    if (const xmlNode* publisher = find(meta, {"publisher", "publisher-name"})) journal["publisher"] = inline_text(publisher);
    return journal;
}

int month_number(const std::string& text) {
    static const char* names[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
    const std::string t = ascii_lower(trimmed(text));
    if (!t.empty() && std::all_of(t.begin(), t.end(), [](unsigned char c) { return std::isdigit(c); })) {
        const int m = std::stoi(t.substr(0, std::min<size_t>(t.size(), 4)));
        return m >= 1 && m <= 12 ? m : 0;
    }
    for (int i = 0; i < 12; ++i)
        if (t.rfind(names[i], 0) == 0) return i + 1;
    return 0;
}

std::string two_digits(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

// <pub-date> or <date> as an ISO 8601 partial date; "" when it has no usable year.
// "2020", "2020-05" or "2020-05-01".
bool is_iso_partial(const std::string& text) {
    if (text.size() != 4 && text.size() != 7 && text.size() != 10) return false;
    for (size_t i = 0; i < text.size(); ++i)
        if ((i == 4 || i == 7) ? text[i] != '-' : !std::isdigit(static_cast<unsigned char>(text[i]))) return false;
    return true;
}

std::string iso_date(const xmlNode* date) {
    const std::string attr = trimmed(attribute(date, "iso-8601-date"));
    if (is_iso_partial(attr)) return attr;
    const std::string year = trimmed(inline_text(child(date, "year")));
    if (year.size() != 4 || !std::all_of(year.begin(), year.end(), [](unsigned char c) { return std::isdigit(c); }))
        return "";
    std::string out = year;
    const int month = month_number(inline_text(child(date, "month")));
    if (month == 0) return out;
    out += "-" + two_digits(month);
    const std::string day_text = trimmed(inline_text(child(date, "day")));
    if (!day_text.empty() && day_text.size() <= 2 &&
        std::all_of(day_text.begin(), day_text.end(), [](unsigned char c) { return std::isdigit(c); })) {
        const int day = std::stoi(day_text);
        if (day >= 1 && day <= 31) out += "-" + two_digits(day);
    }
    return out;
}

// JATS 1.0 writes pub-type="epub"; JATS 1.1+ writes date-type="pub" publication-format="electronic".
std::string date_key(const xmlNode* date) {
    if (std::string type = attribute(date, "pub-type"); !type.empty()) return ascii_lower(type);
    const std::string type = ascii_lower(attribute(date, "date-type"));
    const std::string format = ascii_lower(attribute(date, "publication-format"));
    if (type.empty() || type == "pub") return format == "electronic" ? "epub" : format == "print" ? "ppub" : "pub";
    return type;
}

void read_dates(const xmlNode* meta, Record& record) {
    json dates = json::object();
    for (const xmlNode* date : children(meta, "pub-date"))
        if (const std::string iso = iso_date(date); !iso.empty()) dates.emplace(date_key(date), iso);
    std::optional<int> year;
    for (const char* key : {"epub", "ppub", "epub-ppub", "collection", "pub"})
        if (!year && dates.contains(key)) year = std::stoi(dates[key].get<std::string>().substr(0, 4));
    if (!year && !dates.empty()) year = std::stoi(dates.begin()->get<std::string>().substr(0, 4));
    for (const xmlNode* date : children(child(meta, "history"), "date"))
        if (const std::string iso = iso_date(date); !iso.empty()) dates.emplace(date_key(date), iso);
    record["dates"] = dates;
    record["year"] = year ? json(*year) : json(nullptr);
}

void read_license(const xmlNode* meta, Record& record) {
    const xmlNode* permissions = child(meta, "permissions");
    const xmlNode* license = child(permissions, "license");
    std::string url = attribute(license, "href");
    if (url.empty()) url = trimmed(inline_text(child(license, "license_ref")));
    if (url.empty())
        for (const xmlNode* link : descendants(license, "ext-link"))
            if (url.empty()) url = attribute(link, "href");
    std::string text;
    for (const xmlNode* p : children(license, "license-p")) text += (text.empty() ? "" : " ") + inline_text(p);
    LicenseCode code = normalise_license(url, text);
    if (!license) {
        // Older PMC articles state the licence in the copyright statement (NLM 2.3 puts it
        // straight into article-meta).
        const xmlNode* copyright = child(permissions, "copyright-statement");
        const std::string statement = inline_text(copyright ? copyright : child(meta, "copyright-statement"));
        code = normalise_license("", statement);
        if (code.code != "unknown") text = statement;
    }
    json out = {{"code", code.code}, {"class", code.klass}};
    if (!text.empty()) out["text"] = text;
    if (!url.empty()) out["url"] = trimmed(url);
    record["license"] = out;
}

std::string orcid_of(const std::string& raw) {
    static const std::regex orcid(R"([0-9]{4}-[0-9]{4}-[0-9]{4}-[0-9]{3}[0-9Xx])");
    std::smatch m;
    return std::regex_search(raw, m, orcid) ? m.str() : trimmed(raw);
}

// A collaboration's own name, without its member list or footnote links.
std::string collab_name(const xmlNode* collab) {
    TextBuilder builder;
    for (const xmlNode* c = collab->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE) builder.append(node_text(c));
        if (is_element(c) && !is_element(c, "contrib-group") && !is_element(c, "xref") && !is_element(c, "fn") &&
            !is_element(c, "address") && !is_element(c, "email"))
            builder.append(inline_text(c));
    }
    return builder.take();
}

// Affiliation text without its label ("1", "a").
std::string affiliation_text(const xmlNode* aff) {
    TextBuilder builder;
    for (const xmlNode* c = aff->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE) builder.append(node_text(c));
        if (is_element(c) && !is_element(c, "label")) {
            builder.soft_separate();
            builder.append(inline_text(c));
            builder.soft_separate();
        }
    }
    std::string text = builder.take();
    // A leading comma is what remains of "<label>1</label>, Institute".
    while (!text.empty() && (text[0] == ',' || text[0] == ' ')) text.erase(0, 1);
    return text;
}

// Authors are contribs typed "author" (or untyped); Texture writes contrib-type="person"
// inside a contrib-group whose content-type says "author".
bool is_author(const xmlNode* group, const xmlNode* contrib) {
    const std::string type = ascii_lower(attribute(contrib, "contrib-type"));
    const std::string group_type = ascii_lower(attribute(group, "content-type"));
    const bool author_group = group_type.empty() || group_type == "author" || group_type == "authors";
    return type == "author" || ((type.empty() || type == "person") && author_group);
}

class AuthorReader {
public:
    AuthorReader(const xmlNode* meta, Record& record) : meta_(meta), record_(record) {}

    void read() {
        std::vector<const xmlNode*> groups = children(meta_, "contrib-group");
        for (const xmlNode* aff : descendants(meta_, "aff", {"contrib", "sub-article"})) add_affiliation(aff);
        json authors = json::array();
        for (const xmlNode* group : groups)
            for (const xmlNode* contrib : children(group, "contrib")) {
                if (!is_author(group, contrib)) continue;
                json author = read_author(contrib);
                if (!author.is_null()) authors.push_back(author);
            }
        assign_default_affiliations(authors);
        record_["authors"] = authors;
        record_["affiliations"] = affiliations_;
    }

private:
    std::string add_affiliation(const xmlNode* aff) {
        std::string id = attribute(aff, "id");
        if (id.empty()) id = "aff-" + std::to_string(affiliations_.size() + 1);
        for (const auto& known : affiliations_)
            if (known["id"] == id) return id;
        affiliations_.push_back({{"id", id}, {"text", affiliation_text(aff)}});
        group_of_[id] = aff->parent;
        return id;
    }

    json read_author(const xmlNode* contrib) {
        json author = json::object();
        if (const xmlNode* name = child(contrib, "name")) {
            const std::string given = inline_text(child(name, "given-names"));
            const std::string surname = inline_text(child(name, "surname"));
            if (!given.empty()) author["given"] = given;
            if (!surname.empty()) author["surname"] = surname;
            const bool eastern = attribute(name, "name-style") == "eastern";
            author["name"] = trimmed(eastern ? surname + " " + given : given + " " + surname);
        } else if (const xmlNode* string_name = child(contrib, "string-name")) {
            author["name"] = inline_text(string_name);
        } else if (const xmlNode* collab = child(contrib, "collab")) {
            author["name"] = collab_name(collab);
            author["collab"] = true;
        } else {
            return nullptr;
        }
        for (const xmlNode* id : children(contrib, "contrib-id"))
            if (ascii_lower(attribute(id, "contrib-id-type")) == "orcid") author["orcid"] = orcid_of(inline_text(id));
        if (!author.contains("orcid"))
            for (const xmlNode* link : children(contrib, "uri"))
                if (inline_text(link).find("orcid.org") != std::string::npos) author["orcid"] = orcid_of(inline_text(link));
        bool corresponding = attribute(contrib, "corresp") == "yes";
        json affiliations = json::array();
        for (const xmlNode* xref : children(contrib, "xref")) {
            const std::string type = attribute(xref, "ref-type");
            if (type == "corresp") corresponding = true;
            if (type != "aff") continue;
            std::string rids = attribute(xref, "rid");
            for (size_t pos = 0; pos < rids.size();) {
                const size_t space = std::min(rids.find(' ', pos), rids.size());
                if (space > pos) affiliations.push_back(rids.substr(pos, space - pos));
                pos = space + 1;
            }
        }
        for (const xmlNode* aff : children(contrib, "aff")) affiliations.push_back(add_affiliation(aff));
        if (corresponding) author["corresponding"] = true;
        if (!affiliations.empty()) author["affiliations"] = affiliations;
        author_groups_.push_back(contrib->parent);
        return author;
    }

    // Authors with no affiliation link get their contrib-group's affiliations, or
    // the article's only affiliation: both mean "every author is from here".
    void assign_default_affiliations(json& authors) {
        for (size_t i = 0; i < authors.size(); ++i) {
            json& author = authors[i];
            if (author.contains("affiliations") || author.value("collab", false)) continue;
            json ids = json::array();
            for (const auto& [id, parent] : group_of_)
                if (parent == author_groups_[i]) ids.push_back(id);
            if (ids.empty() && affiliations_.size() == 1) ids.push_back(affiliations_[0]["id"]);
            if (!ids.empty()) author["affiliations"] = ids;
        }
    }

    const xmlNode* meta_;
    Record& record_;
    json affiliations_ = json::array();
    std::map<std::string, const xmlNode*> group_of_;
    std::vector<const xmlNode*> author_groups_;
};

json unique_texts(const std::vector<const xmlNode*>& nodes) {
    json out = json::array();
    for (const xmlNode* node : nodes) {
        const std::string text = inline_text(node);
        if (!text.empty() && std::find(out.begin(), out.end(), text) == out.end()) out.push_back(text);
    }
    return out;
}

// The main abstract: the first without abstract-type (graphical abstracts,
// teasers and digests carry one), else the first of any type.
const xmlNode* main_abstract(const xmlNode* meta) {
    const auto abstracts = children(meta, "abstract");
    for (const xmlNode* abstract : abstracts)
        if (!has_attribute(abstract, "abstract-type")) return abstract;
    return abstracts.empty() ? nullptr : abstracts.front();
}

}  // namespace

void read_metadata(const xmlNode* article, Record& record) {
    const xmlNode* meta = article_meta_of(article);
    record["ids"] = read_ids(meta);
    std::string title = inline_text(find(meta, {"title-group", "article-title"}));
    if (title.empty()) title = inline_text(find(meta, {"title-group", "trans-title-group", "trans-title"}));
    record["title"] = title;
    record["journal"] = read_journal(child(article, "front"));
    read_dates(meta, record);
    const std::string type = attribute(article, "article-type");
    if (!type.empty()) record["article_type"] = type;
    const std::string language = ascii_lower(trimmed(attribute(article, "lang")));
    record["language"] = language.empty() ? "en" : language;  // the JATS DTDs default xml:lang to "en"
    read_license(meta, record);
    AuthorReader(meta, record).read();
    record["keywords"] = unique_texts(descendants(meta, "kwd", {"sub-article"}));
    record["subjects"] = unique_texts(descendants(child(meta, "article-categories"), "subject"));
    const std::string abstract = read_abstract(main_abstract(meta));
    if (!abstract.empty()) record["abstract"] = abstract;
}

}  // namespace pubforge::jats::detail
