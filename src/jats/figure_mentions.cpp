// Figure mentions: each figure xref of the body, with its paragraph, sentence, offsets and the panels it names.
#include "pubforge/text/mentions.hpp"
#include "mentions.hpp"
#include "reader_parts.hpp"

namespace pubforge::jats::detail {
namespace {

using nlohmann::json;

std::vector<size_t> targets_of(const std::string& rids, const Floats& floats) {
    std::vector<size_t> out;
    for (size_t pos = 0; pos < rids.size();) {
        const size_t space = std::min(rids.find(' ', pos), rids.size());
        const auto it = floats.figure_by_id.find(rids.substr(pos, space - pos));
        if (it != floats.figure_by_id.end() && std::find(out.begin(), out.end(), it->second) == out.end())
            out.push_back(it->second);
        pos = space + 1;
    }
    return out;
}

// A figure xref whose rid names nothing, matched instead by the number it shows
// ("Figure 1") to the one figure without an id that has that number in its label.
std::vector<size_t> by_label_number(const std::string& reference, const Floats& floats) {
    const std::string number = text::figure_number(reference);
    if (number.empty()) return {};
    std::vector<size_t> out;
    for (size_t index : floats.without_id)
        if (text::figure_number(floats.figures[index].value("label", "")) == number) out.push_back(index);
    if (out.size() > 1) out.clear();
    return out;
}

}  // namespace

MentionCounts attach_mentions(const json& sections, Floats& floats) {
    MentionCounts counts;
    for (const json& section : sections) {
        for (const json& paragraph : section["paragraphs"]) {
            if (!paragraph.contains("xrefs")) continue;
            const std::string& text = paragraph["text"].get_ref<const std::string&>();
            for (const json& xref : paragraph["xrefs"]) {
                std::vector<size_t> targets = targets_of(xref.value("rid", ""), floats);
                if (targets.empty() && xref["type"] == "fig") {
                    targets = by_label_number(xref.value("text", ""), floats);
                    (targets.empty() ? counts.dangling : counts.recovered) += 1;
                }
                if (targets.empty()) continue;
                const size_t start = xref["start"], end = xref["end"];
                const std::string reference = xref.value("text", "");
                const std::string with_panels = reference_with_panels(reference, std::string_view(text).substr(end, 32));
                const auto [s, e] = text::sentence_around(text, start, end);
                for (size_t target : targets) {
                    json& figure = floats.figures[target];
                    const std::string number = text::figure_number(figure.value("label", ""));
                    figure["mentions"].push_back({{"paragraph", paragraph.value("id", "")},
                                                  {"section", section.value("title", "")},
                                                  {"sentence", text.substr(s, e - s)},
                                                  {"start", start},
                                                  {"end", end},
                                                  {"text", reference},
                                                  {"panels", text::panels_named(with_panels, number)}});
                }
            }
        }
    }
    return counts;
}

}  // namespace pubforge::jats::detail
