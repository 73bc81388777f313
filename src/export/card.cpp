// Dataset cards: README.md with Hugging Face YAML front matter, built from the manifest, the folder's files and one real sample.
#include "card.hpp"

#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <optional>
#include <set>

#include "pubforge/core/ascii.hpp"

namespace pubforge::exporter {
namespace {

using json = nlohmann::json;

// A YAML scalar: JSON's double-quoted strings are valid YAML double-quoted scalars.
std::string yaml(const std::string& text) { return json(text).dump(-1, ' ', false, json::error_handler_t::replace); }

bool ends_with(const std::string& text, const std::string& tail) {
    return text.size() >= tail.size() && text.compare(text.size() - tail.size(), tail.size(), tail) == 0;
}

// Hugging Face's license ids are lower-case SPDX ids ("cc-by-4.0", "cc0-1.0").
std::string hf_license(const std::string& code) { return ascii_lower(code); }

std::string size_category(size_t items) {
    if (items < 1000) return "n<1K";
    if (items < 10000) return "1K<n<10K";
    if (items < 100000) return "10K<n<100K";
    if (items < 1000000) return "100K<n<1M";
    if (items < 10000000) return "1M<n<10M";
    return "10M<n<100M";
}

struct KindText {
    std::vector<std::string> tasks;
    const char* what;
};

KindText kind_text(const std::string& kind) {
    if (kind == "text")
        return {{"text-generation"},
                "Full text of scientific articles (title, abstract, body sections) for language-model pretraining, one "
                "article per JSON line."};
    if (kind == "pairs")
        return {{"image-to-text", "zero-shot-image-classification"},
                "Figure-caption pairs from scientific articles: each sample is a figure image, its caption and article "
                "metadata."};
    if (kind == "subfigures")
        return {{"image-to-text", "zero-shot-image-classification"},
                "Subfigure-subcaption pairs: the panels of compound figures, cropped, each with the part of the caption "
                "that describes it."};
    if (kind == "mentions")
        return {{"image-to-text"},
                "Figures with their captions and the sentences of the article body that mention them (LLaVA-Med / "
                "CNS-Obsidian shape)."};
    if (kind == "llava")
        return {{"image-text-to-text", "visual-question-answering"},
                "LLaVA conversations about figures (an image, a human turn with <image>, a model turn), built from "
                "captions and mentions and from imported model responses."};
    return {{"image-text-to-text"},
            "LLM batch requests (OpenAI Batch JSONL) that turn figures into instruction-tuning data; not training data "
            "itself until the responses are imported."};
}

// Where a file belongs in the card's configs: (config, split), or none for images and sidecars.
std::optional<std::pair<std::string, std::string>> config_of(const std::string& path, const std::string& kind,
                                                              const std::set<std::string>& splits) {
    const auto slash = path.find('/');
    const std::string head = slash == std::string::npos ? path : path.substr(0, slash);
    const std::string stem = head.substr(0, head.rfind('.'));
    if (kind == "requests" && slash != std::string::npos && ends_with(path, ".jsonl")) return std::make_pair(head, "train");
    if (slash != std::string::npos && splits.count(head) && path.find('/', slash + 1) == std::string::npos) {
        if (ends_with(path, ".tar")) return std::make_pair("webdataset", head);
        if (ends_with(path, "/metadata.jsonl")) return std::make_pair("imagefolder", head);
        return std::nullopt;
    }
    if (slash != std::string::npos || !splits.count(stem)) return std::nullopt;
    const bool pairs = kind == "pairs" || kind == "subfigures";
    if (ends_with(path, ".jsonl")) return std::make_pair(kind, stem);
    if (ends_with(path, ".json")) return std::make_pair(pairs ? "blip" : kind, stem);
    if (ends_with(path, ".tsv")) return std::make_pair("open_clip_tsv", stem);
    return std::nullopt;
}

// The data_files pattern for a group: the file itself, or its folder's files with its extension.
std::string pattern_of(const std::vector<std::string>& paths) {
    if (paths.size() == 1) return paths.front();
    const std::string& first = paths.front();
    const auto slash = first.rfind('/');
    const auto dot = first.rfind('.');
    const std::string dir = slash == std::string::npos ? "" : first.substr(0, slash + 1);
    const std::string base = first.substr(dir.size(), dot - dir.size());
    const std::string prefix = base.substr(0, base.find_first_of("0123456789"));
    return dir + prefix + "*" + first.substr(dot);
}

// Strings past 300 bytes (data URLs, long captions) are cut so the example stays readable.
void shorten(json& value) {
    if (value.is_string()) {
        std::string text = value.get<std::string>();
        if (text.size() > 300) {
            size_t cut = 300;
            while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
            value = text.substr(0, cut) + "…";
        }
    } else if (value.is_structured()) {
        for (auto& element : value) shorten(element);
    }
}

// The first sample of a JSONL file, or of a JSON array written one element per line.
std::optional<json> first_line_sample(const std::string& path) {
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line == "[") continue;
        if (line.back() == ',') line.pop_back();
        const json value = json::parse(line, nullptr, false);
        if (!value.is_discarded() && value.is_object()) return value;
        return std::nullopt;
    }
    return std::nullopt;
}

// The first sample's KEY.json member of a WebDataset shard.
std::optional<json> first_tar_sample(const std::string& path) {
    ::archive* reader = archive_read_new();
    archive_read_support_format_tar(reader);
    std::optional<json> out;
    if (archive_read_open_filename(reader, path.c_str(), 1 << 16) == ARCHIVE_OK) {
        ::archive_entry* entry = nullptr;
        while (!out && archive_read_next_header(reader, &entry) == ARCHIVE_OK) {
            const std::string name = archive_entry_pathname(entry);
            if (!ends_with(name, ".json")) continue;
            std::string bytes(static_cast<size_t>(archive_entry_size(entry)), '\0');
            if (archive_read_data(reader, bytes.data(), bytes.size()) != static_cast<la_ssize_t>(bytes.size())) break;
            const json value = json::parse(bytes, nullptr, false);
            if (!value.is_discarded()) out = value;
        }
    }
    archive_read_free(reader);
    return out;
}

std::optional<json> example_sample(const std::map<std::string, std::vector<std::string>>& by_config_split,
                                   const std::string& root) {
    for (const auto& [key, paths] : by_config_split) {
        const std::string path = root + "/" + paths.front();
        std::optional<json> sample =
            ends_with(path, ".tar") ? first_tar_sample(path) : ends_with(path, ".tsv") ? std::nullopt : first_line_sample(path);
        if (sample) {
            shorten(*sample);
            return sample;
        }
    }
    return std::nullopt;
}

std::string front_matter(const json& manifest, const std::map<std::string, std::map<std::string, std::vector<std::string>>>& configs,
                         const ExportSummary& summary, const std::string& pretty_name) {
    const std::string kind = manifest.value("kind", "");
    std::string out = "---\n";
    std::set<std::string> codes;
    for (const auto& [code, count] : summary.licenses) codes.insert(code);
    const bool single = codes.size() == 1 && !codes.begin()->empty();
    out += "license: " + yaml(single ? hf_license(*codes.begin()) : "other") + "\n";
    if (!single) {
        out += "license_name: \"per-sample\"\n";
        out += "license_details: " +
               yaml("Samples come from articles under different licences (or none stated); each sample's `license` "
                    "field holds its article's licence code and `license_class` its class. See the licence notes.") +
               "\n";
    }
    out += "task_categories:\n";
    for (const std::string& task : kind_text(kind).tasks) out += "- " + task + "\n";
    out += "size_categories:\n- " + yaml(size_category(summary.items)) + "\n";
    std::vector<std::string> languages;
    for (const auto& [language, count] : summary.languages)
        if (!language.empty()) languages.push_back(language);
    if (languages.empty()) languages.push_back("en");
    out += "language:\n";
    for (const std::string& language : languages) out += "- " + yaml(language) + "\n";
    out += "pretty_name: " + yaml(pretty_name) + "\n";
    out += "tags:\n- scientific-figures\n- biomedical\n- pubforge\n";
    if (!configs.empty()) {
        out += "configs:\n";
        bool first = true;
        for (const auto& [config, splits] : configs) {
            out += "- config_name: " + yaml(config) + "\n";
            if (first) out += "  default: true\n";
            first = false;
            out += "  data_files:\n";
            for (const auto& [split, paths] : splits)
                out += "  - split: " + yaml(split) + "\n    path: " + yaml(pattern_of(paths)) + "\n";
        }
    }
    return out + "---\n";
}

std::string citation() {
    return "```bibtex\n@software{pubforge,\n  title = {pubforge: scientific articles to vision-language training data},\n"
           "  version = {" PUBFORGE_VERSION "}\n}\n```\n\n"
           "Cite the source articles too: every sample names its article (PMCID, PMID, DOI).\n";
}

}  // namespace

std::string dataset_card(const json& manifest, const std::vector<std::string>& files, const std::string& root,
                         const ExportSummary& summary) {
    const std::string kind = manifest.value("kind", "");
    std::set<std::string> splits;
    for (const auto& [split, count] : summary.per_split) splits.insert(split);
    std::map<std::string, std::map<std::string, std::vector<std::string>>> configs;
    for (const std::string& file : files)
        if (const auto where = config_of(file, kind, splits)) configs[where->first][where->second].push_back(file);
    std::map<std::string, std::vector<std::string>> flat;
    for (const auto& [config, by_split] : configs)
        for (const auto& [split, paths] : by_split) flat[config + "\t" + split] = paths;

    const std::string pretty_name = "pubforge " + kind + " export (" + std::to_string(summary.items) + " items from " +
                                    std::to_string(summary.articles) + " articles)";
    std::string out = front_matter(manifest, configs, summary, pretty_name);
    out += "\n# " + pretty_name + "\n\n" + kind_text(kind).what + "\n\n";

    const json& options = manifest.value("options", json::object());
    const json& source = manifest.value("source", json::object());
    out += "## How it was built\n\n";
    out += "- by `pubforge export " + kind + "` (pubforge " + manifest.value("pubforge_version", "") + ", format version " +
           manifest.value("format_version", json(0)).dump() + ")\n";
    if (source.contains("content_sha256") && source["content_sha256"].is_string())
        out += "- from a pubforge archive whose content hash (sha256 of its articles' ids, sources and stages) is `" +
               source["content_sha256"].get<std::string>() + "`\n";
    else
        out += "- from article records (JSONL), not an archive\n";
    out += "- seed " + options.value("seed", json(0)).dump() + " for the splits, which are assigned by article\n";
    out += "- filters and options (as in manifest.json):\n\n```json\n" + options.dump(2, ' ', false, json::error_handler_t::replace) + "\n```\n\n";
    out += "manifest.json lists every file with its sha256.\n\n";

    out += "## Splits\n\n| split | items |\n|---|---|\n";
    for (const auto& [split, count] : summary.per_split) out += "| " + split + " | " + std::to_string(count) + " |\n";
    out += "\n";
    if (!configs.empty()) {
        out += "| config | split | files |\n|---|---|---|\n";
        for (const auto& [config, by_split] : configs)
            for (const auto& [split, paths] : by_split)
                out += "| " + config + " | " + split + " | `" + pattern_of(paths) + "` (" + std::to_string(paths.size()) + ") |\n";
        out += "\n";
    }

    out += "## One sample\n\n";
    if (const auto sample = example_sample(flat, root)) {
        out += "Fields, with the values of the first sample (long strings cut):\n\n```json\n" + sample->dump(2, ' ', false, json::error_handler_t::replace) + "\n```\n\n";
        out += "docs/formats/" + kind + ".md in pubforge describes every field.\n\n";
    } else {
        out += "The export holds no sample.\n\n";
    }

    out += "## Licence notes\n\nEach article keeps its own licence; the counts of items per licence code:\n\n"
           "| licence | items |\n|---|---|\n";
    for (const auto& [code, count] : summary.licenses)
        out += "| " + (code.empty() ? std::string("unknown") : code) + " | " + std::to_string(count) + " |\n";
    out += "\nNon-commercial (NC) and no-derivatives (ND) licences restrict what a model trained on them may be used "
           "for; filter with `--license commercial` for data that allows commercial use.\n\n";
    out += "## Citation\n\n" + citation();
    return out;
}

}  // namespace pubforge::exporter
