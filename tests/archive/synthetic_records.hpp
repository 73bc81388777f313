// Article records generated in-process (data/schemas/article.schema.json) for the archive tests and benchmark.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pubforge/archive/loader.hpp"
#include "pubforge/core/hash.hpp"

namespace pubforge::testing {

inline nlohmann::json synthetic_image(const std::string& seed, int width, int height) {
    return {{"sha256", sha256_hex(seed)}, {"format", width % 2 ? "png" : "jpeg"}, {"width", width},
            {"height", height}, {"bytes", width * height / 7 + 123}};
}

// A realistic article: ids, license, authors with affiliations, sections with
// cross-referenced paragraphs, compound figures with graphics, panels, subcaptions,
// links, mentions and domains, a table, references and warnings. `index` varies
// every field so a corpus of them spreads over years, journals, licenses and domains.
inline nlohmann::json synthetic_record(int index, int figure_count = 3) {
    static const char* kJournals[] = {"Brain Research", "PLoS ONE", "Neuroimage", "BMC Neurology", "eLife"};
    static const char* kClasses[] = {"commercial", "noncommercial", "other"};
    static const char* kCodes[] = {"CC-BY-4.0", "CC-BY-NC-4.0", "unknown"};
    static const char* kDomains[] = {"mri", "ct", "histology", "microscopy", "chart", "diagram", "x-ray", "photograph"};
    static const char* kWords[] = {"brain", "cerebral", "cortex", "tumour", "lesion", "neuron", "signal", "patient",
                                   "contrast", "tissue", "imaging", "axial", "sagittal", "stain", "cohort", "volume"};
    const auto word = [&](int k) { return std::string(kWords[(index * 7 + k * 3) % 16]); };
    const auto sentence = [&](int k, int words) {
        std::string text;
        for (int w = 0; w < words; ++w) text += (w ? " " : "") + word(k + w);
        return text;
    };
    const std::string id = "PMC" + std::to_string(1000000 + index);
    nlohmann::json record = {
        {"schema", 1},
        {"id", id},
        {"ids", {{"pmcid", id}, {"pmid", std::to_string(30000000 + index)}, {"doi", "10.1000/test." + std::to_string(index)}}},
        {"source", {{"kind", "jats"}, {"path", "in/" + id + ".nxml"}, {"sha256", sha256_hex("source" + std::to_string(index))}, {"bytes", 40000 + index}}},
        {"stages", {{"parse", "0.1.0"}, {"align", "0.1.0"}}},
        {"title", "A study of " + sentence(1, 6)},
        {"journal", {{"title", kJournals[index % 5]}, {"issn", {"1234-567" + std::to_string(index % 10)}}, {"publisher", "Pub"}}},
        {"dates", {{"epub", std::to_string(2000 + index % 24) + "-03-1" + std::to_string(index % 10)}}},
        {"year", 2000 + index % 24},
        {"article_type", index % 4 ? "research-article" : "review-article"},
        {"language", "en"},
        {"license", {{"text", "Open access"}, {"url", "https://creativecommons.org/licenses/by/4.0/"}, {"code", kCodes[index % 3]}, {"class", kClasses[index % 3]}}},
        {"authors", {{{"name", "Ada Lovelace"}, {"given", "Ada"}, {"surname", "Lovelace"}, {"affiliations", {"aff1"}}, {"corresponding", true}},
                     {{"name", "The Consortium"}, {"collab", true}}}},
        {"affiliations", {{{"id", "aff1"}, {"text", "Department of Neurology, Somewhere"}}}},
        {"keywords", {word(1), word(2)}},
        {"subjects", {"Neuroscience"}},
        {"abstract", "Background. " + sentence(2, 30)},
        {"word_counts", {{"abstract", 31}, {"body", 120}, {"captions", 40 * figure_count}}},
        {"tables", {{{"id", "tab1"}, {"label", "Table 1"}, {"kind", "table"}, {"caption", {{"text", "Demographics"}}}, {"text", "a\tb\n1\t2"}}}},
        {"references", {{{"id", "ref1"}, {"label", "1"}, {"text", "Smith J. Brains. 2001."}, {"year", "2001"}, {"authors", {"Smith J"}}, {"ids", {{"pmid", "111"}}}}}},
        {"warnings", nlohmann::json::array()},
    };
    nlohmann::json sections = nlohmann::json::array();
    for (int s = 0; s < 3; ++s) {
        nlohmann::json paragraphs = nlohmann::json::array();
        for (int p = 0; p < 2; ++p) {
            const std::string text = "As shown in Figure 1B, " + sentence(s * 5 + p, 16) + ".";
            paragraphs.push_back({{"id", "p" + std::to_string(s) + "." + std::to_string(p)}, {"text", text},
                                  {"xrefs", {{{"type", "fig"}, {"rid", "fig1"}, {"text", "Figure 1B"}, {"start", 12}, {"end", 21}}}}});
        }
        sections.push_back({{"id", "sec" + std::to_string(s)}, {"title", s ? "Results" : "Introduction"}, {"level", 1}, {"paragraphs", paragraphs}});
    }
    record["sections"] = sections;
    nlohmann::json figures = nlohmann::json::array();
    for (int f = 1; f <= figure_count; ++f) {
        const std::string fid = "fig" + std::to_string(f);
        const std::string seed = id + fid;
        const bool compound = (index + f) % 3 != 0;
        nlohmann::json figure = {
            {"id", fid}, {"label", "Figure " + std::to_string(f)}, {"kind", "figure"},
            {"caption", {{"title", "Imaging of the " + word(f)}, {"text", "Imaging of the " + word(f) + ". (A) Axial " + sentence(f, 8) + ". (B) " + sentence(f + 1, 10) + ". Case " + std::to_string(index % 1000) + "."}}},
            {"graphics", {{{"href", fid + ".jpg"}, {"member", "pkg/" + fid + ".jpg"}, {"image", synthetic_image(seed, 800 + 13 * ((index + f) % 50), 600 + f)}}}},
            {"compound", compound},
            {"domains", {{{"tag", kDomains[(index + f) % 8]}, {"phrases", {word(f)}}, {"source", "caption"}}}},
            {"mentions", {{{"paragraph", "p1.0"}, {"section", "Results"}, {"sentence", "As shown in Figure 1B, the lesion grows."}, {"start", 12}, {"end", 21}, {"text", "Figure 1B"}, {"panels", {"B"}}}}},
            {"warnings", nlohmann::json::array()},
        };
        if (compound) {
            figure["subfigures"] = {
                {{"id", fid + "-p1"}, {"graphic", 0}, {"box", {0, 0, 400, 300}}, {"label", "A"}, {"image", synthetic_image(seed + "p1", 400, 300)}, {"score", 0.93}, {"method", "gutter"}},
                {{"id", fid + "-p2"}, {"graphic", 0}, {"box", {400.5, 0, 800, 300}}, {"label", nullptr}, {"image", synthetic_image(seed + "p2", 400, 300)}, {"score", 1}, {"method", "gutter"}}};
            figure["subcaptions"] = {{{"label", "A"}, {"text", "Axial " + sentence(f, 8) + "."}, {"span", {30, 60}}},
                                     {{"label", "B"}, {"text", sentence(f + 1, 10) + "."}, {"span", {61, 100}}}};
            figure["shared_caption"] = "Imaging of the " + word(f) + ".";
            figure["links"] = {{{"subfigure", fid + "-p1"}, {"label", "A"}, {"method", "printed-label"}, {"score", 0.9}},
                               {{"subfigure", fid + "-p2"}, {"label", "B"}, {"method", "reading-order"}, {"score", 0.5}}};
            figure["unlinked"] = {{"subfigures", nlohmann::json::array()}, {"labels", nlohmann::json::array()}};
        } else {
            figure["subfigures"] = nlohmann::json::array();
            if (index % 4 == 1) {  // a graphic whose file was not found, as parse records it
                figure["graphics"][0]["image"] = nullptr;
                figure["warnings"].push_back({{"code", "image.missing"}, {"message", "fig.jpg not in package"}});
                figure["note"] = {{"kept", "in extra"}};  // a field no column covers
            }
        }
        figures.push_back(figure);
    }
    record["figures"] = figures;
    if (index % 5 == 0) record["warnings"].push_back({{"code", "jats.missing-graphic"}, {"message", "a graphic was not found"}});
    return record;
}

// Loads records through a Loader in batches; rejects are counted only.
inline archive::LoadCounts load(archive::Archive& db, const std::vector<nlohmann::json>& records, size_t batch_size = 500) {
    RejectLog rejects;
    archive::LoadOptions options;
    options.batch_size = batch_size;
    archive::Loader loader(db, options, rejects);
    for (const auto& record : records) loader.add(record);
    return loader.finish();
}

inline std::vector<nlohmann::json> synthetic_records(int first, int count) {
    std::vector<nlohmann::json> records;
    for (int i = first; i < first + count; ++i) records.push_back(synthetic_record(i, 1 + i % 4));
    return records;
}

}  // namespace pubforge::testing
