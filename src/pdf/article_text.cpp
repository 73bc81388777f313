// Title, DOI, abstract and body sections from laid-out PDF text, and in-text figure mentions found in the body.
#include "article_text.hpp"

#include <algorithm>
#include <cctype>
#include <regex>

#include "pubforge/text/mentions.hpp"
#include "pubforge/text/utf8.hpp"

namespace pubforge::pdf {
namespace {

bool looks_like_heading(const Block& block, double body_font_size) {
    if (block.lines.size() > 2) return false;
    const std::string text = block.text();
    if (text.size() < 3 || text.size() > 120 || count_words(text) > 14) return false;
    if (text.back() == '.' || text.back() == ',' || text.back() == ';') return false;
    const bool letters = std::any_of(text.begin(), text.end(), [](unsigned char c) { return std::isalpha(c); });
    if (!letters) return false;
    const bool bold = std::all_of(block.lines.begin(), block.lines.end(), [](const Line& l) { return l.bold; });
    return bold || block.font_size > body_font_size + 0.9;
}

const std::regex& abstract_heading() {
    static const std::regex pattern(R"(^(Abstract|ABSTRACT|Summary|SUMMARY|Resumo|RESUMO|Resumen|RESUMEN)\b[\s.:—-]*)");
    return pattern;
}

bool is_abstract_heading(const std::string& text) { return std::regex_search(text, abstract_heading()); }

std::string strip_abstract_heading(const std::string& text) {
    return std::regex_replace(text, abstract_heading(), "", std::regex_constants::format_first_only);
}

}  // namespace

std::string find_title(const std::vector<PageLayout>& pages, const std::string& info_title) {
    if (!pages.empty()) {
        const PageLayout& first = pages.front();
        double largest = 0;
        for (const Block& block : first.blocks)
            if (block.box.y0 < first.height * 0.6 && count_words(block.text()) >= 2) largest = std::max(largest, block.font_size);
        std::string title;
        for (const Block& block : first.blocks)
            if (block.font_size == largest && block.box.y0 < first.height * 0.6 && count_words(block.text()) >= 2) {
                title = normalize_space(block.text());
                break;
            }
        if (count_words(title) >= 3 && title.size() < 400) return title;
    }
    const std::string info = normalize_space(info_title);
    const bool junk = info.find(".doc") != std::string::npos || info.find(".tex") != std::string::npos ||
                      info.find(".dvi") != std::string::npos || info.rfind("Microsoft", 0) == 0 || count_words(info) < 2;
    return junk ? "" : info;
}

std::string find_doi(const std::vector<std::string>& texts) {
    static const std::regex pattern(R"(\b(10\.\d{4,9}/[^\s"<>]+))");
    for (const std::string& text : texts) {
        std::smatch m;
        if (!std::regex_search(text, m, pattern)) continue;
        std::string doi = m[1].str();
        while (!doi.empty() && std::string(".,;:)]}'").find(doi.back()) != std::string::npos) doi.pop_back();
        return doi;
    }
    return "";
}

void add_body(Record& record, const std::vector<PageLayout>& pages, const BlockSet& skip, double body_font_size,
              const std::string& title) {
    nlohmann::json sections = nlohmann::json::array();
    nlohmann::json current = {{"title", ""}, {"level", 1}, {"paragraphs", nlohmann::json::array()}};
    std::string abstract;
    bool in_abstract = false;
    size_t body_words = 0;
    auto close_section = [&] {
        if (!current["paragraphs"].empty() || !current["title"].get<std::string>().empty()) sections.push_back(current);
    };
    for (const PageLayout& page : pages) {
        for (size_t b = 0; b < page.blocks.size(); ++b) {
            if (skip.count({page.number, b})) continue;
            const Block& block = page.blocks[b];
            const std::string text = normalize_space(block.text());
            if (text.empty() || text == title) continue;
            if (is_abstract_heading(text) && abstract.empty()) {
                in_abstract = true;
                abstract = normalize_space(strip_abstract_heading(text));
                continue;
            }
            if (looks_like_heading(block, body_font_size)) {
                in_abstract = false;
                close_section();
                current = {{"title", text}, {"level", 1}, {"paragraphs", nlohmann::json::array()}};
                continue;
            }
            if (in_abstract && std::abs(block.font_size - body_font_size) > 0.01 && abstract.size() < 6000) {
                append_line_text(abstract, text);
                continue;
            }
            in_abstract = false;
            // Running headers, page numbers and figure debris are short and not in the body font.
            if (count_words(text) < 4 && std::abs(block.font_size - body_font_size) > 0.75) continue;
            const size_t index = current["paragraphs"].size() + 1;
            current["paragraphs"].push_back({{"id", "p" + std::to_string(sections.size() + 1) + "." + std::to_string(index)},
                                             {"text", text},
                                             {"page", page.number}});
            body_words += count_words(text);
        }
    }
    close_section();
    if (!abstract.empty()) record["abstract"] = abstract;
    record["sections"] = sections;
    record["word_counts"]["body"] = body_words;
    record["word_counts"]["abstract"] = count_words(abstract);
}

void add_mentions(Record& record) {
    // One reading of references and sentences for JATS and PDF: the text module's. The parse is the only owner
    // of a PDF's mentions: align keeps them (and names panels only where a mention lacks them).
    for (auto& figure : record["figures"]) figure["mentions"] = nlohmann::json::array();
    for (const auto& section : record["sections"]) {
        for (const auto& paragraph : section["paragraphs"]) {
            const std::string& text = paragraph["text"].get_ref<const std::string&>();
            for (const text::FigureReference& reference : text::find_figure_references(text)) {
                const auto [from, to] = text::sentence_around(text, reference.begin, reference.end);
                for (const text::ReferencedFigure& referenced : reference.figures)
                    for (auto& figure : record["figures"]) {
                        if (text::figure_number(figure.value("label", "")) != referenced.number) continue;
                        figure["mentions"].push_back({{"paragraph", paragraph["id"]},
                                                      {"section", section["title"]},
                                                      {"sentence", text::repair_utf8(std::string_view(text).substr(from, to - from))},
                                                      {"start", reference.begin},
                                                      {"end", reference.end},
                                                      {"text", text::repair_utf8(reference.text)},
                                                      {"panels", referenced.panels}});
                        break;
                    }
            }
        }
    }
}

}  // namespace pubforge::pdf
