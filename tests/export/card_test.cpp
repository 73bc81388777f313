// Tests for dataset cards: front matter (licence, sizes, configs pointing at real files), a real sample, every kind.
#include "export/card.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <regex>

#include "export/export_fixture.hpp"
#include "test_support.hpp"

namespace pubforge::exporter {
namespace {

namespace fs = std::filesystem;
using testing::ScratchDir;

std::vector<Record> articles(ImageStore& store, bool mixed_licences) {
    std::vector<Record> records;
    for (int i = 0; i < 8; ++i) {
        testing::ArticleSpec spec;
        spec.id = "PMC" + std::to_string(300 + i);
        spec.image_seed = 10 * i;
        spec.panels = true;
        if (mixed_licences && i == 3) spec.license_code = "CC-BY-NC-4.0", spec.license_class = "noncommercial";
        records.push_back(testing::make_article(store, spec));
    }
    return records;
}

ExportOptions options_for(Kind kind) {
    ExportOptions options;
    options.kind = kind;
    options.split = SplitSpec::parse("train=0.5,test=0.5");
    options.units = default_units(kind);
    options.requests.model = "gpt-4o-mini";
    options.pairs.layouts = {"webdataset", "tsv", "imagefolder", "blip"};
    options.pairs.shard_size = 3;
    options.prompts_dir = testing::source_path("data/prompts");
    return options;
}

std::string front_matter(const std::string& card) {
    EXPECT_EQ(card.rfind("---\n", 0), 0u);
    return card.substr(4, card.find("\n---\n", 4) - 4);
}

// Every `path:` of the front matter matches at least one file of the folder ('*' as a glob).
void expect_paths_exist(const std::string& yaml, const std::string& root) {
    const std::regex path_line("\n    path: \"([^\"]+)\"");
    size_t paths = 0;
    for (std::sregex_iterator it(yaml.begin(), yaml.end(), path_line), end; it != end; ++it, ++paths) {
        std::string pattern = (*it)[1];
        const auto star = pattern.find('*');
        if (star == std::string::npos) {
            EXPECT_TRUE(fs::is_regular_file(root + "/" + pattern)) << pattern;
            continue;
        }
        const std::string prefix = pattern.substr(0, star), suffix = pattern.substr(star + 1);
        size_t matches = 0;
        for (const auto& entry : fs::recursive_directory_iterator(root)) {
            const std::string relative = fs::relative(entry.path(), root).string();
            matches += relative.size() >= prefix.size() + suffix.size() && relative.rfind(prefix, 0) == 0 &&
                       relative.compare(relative.size() - suffix.size(), suffix.size(), suffix) == 0;
        }
        EXPECT_GT(matches, 0u) << pattern;
    }
    EXPECT_GT(paths, 0u) << yaml;
}

TEST(DatasetCard, PairsCardNamesItsLicenceSplitsAndEveryLayoutsFiles) {
    ScratchDir dir;
    ImageStore store(dir.file("store"));
    const RecordSource source(articles(store, false));
    const ExportSummary summary = run_export(source, store, dir.file("pairs"), options_for(Kind::Pairs));
    const auto files = testing::read_tree(dir.file("pairs"));
    ASSERT_TRUE(files.count("README.md"));
    const std::string card = files.at("README.md");
    const std::string yaml = front_matter(card);
    EXPECT_NE(yaml.find("license: \"cc-by-4.0\"\n"), std::string::npos) << yaml;
    EXPECT_NE(yaml.find("size_categories:\n- \"n<1K\""), std::string::npos);
    EXPECT_NE(yaml.find("language:\n- \"en\""), std::string::npos);
    EXPECT_NE(yaml.find("task_categories:\n- image-to-text"), std::string::npos);
    for (const char* config : {"\"webdataset\"", "\"imagefolder\"", "\"blip\"", "\"open_clip_tsv\""})
        EXPECT_NE(yaml.find("- config_name: " + std::string(config)), std::string::npos) << config;
    EXPECT_NE(yaml.find("path: \"train/metadata.jsonl\""), std::string::npos) << yaml;
    expect_paths_exist(yaml, dir.file("pairs"));
    // The body: counts per split as the manifest has them, and a real sample read back from a shard.
    for (const auto& [split, count] : summary.per_split)
        EXPECT_NE(card.find("| " + split + " | " + std::to_string(count) + " |"), std::string::npos) << split;
    // The first config (blip, by name) gives the sample: its train.json's first element.
    EXPECT_NE(card.find("\"image_id\": \"PMC30"), std::string::npos) << card;
    EXPECT_NE(card.find("from article records (JSONL)"), std::string::npos);
    EXPECT_NE(card.find("@software{pubforge"), std::string::npos);
    // The card is one of the folder's files, hashed in the manifest like the rest.
    EXPECT_NE(files.at("manifest.json").find("\"path\": \"README.md\""), std::string::npos);
}

TEST(DatasetCard, MixedLicencesGiveOtherWithThePerSampleField) {
    ScratchDir dir;
    ImageStore store(dir.file("store"));
    const RecordSource source(articles(store, true));
    run_export(source, store, dir.file("mentions"), options_for(Kind::Mentions));
    const std::string card = testing::read_tree(dir.file("mentions")).at("README.md");
    const std::string yaml = front_matter(card);
    EXPECT_NE(yaml.find("license: \"other\"\n"), std::string::npos) << yaml;
    EXPECT_NE(yaml.find("license_details:"), std::string::npos);
    EXPECT_NE(card.find("| CC-BY-NC-4.0 | 2 |"), std::string::npos) << card;  // two figures of the NC article
}

TEST(DatasetCard, EveryKindGetsACardWhoseDataFilesExist) {
    ScratchDir dir;
    ImageStore store(dir.file("store"));
    const RecordSource source(articles(store, false));
    for (const Kind kind : {Kind::Text, Kind::Pairs, Kind::Subfigures, Kind::Mentions, Kind::Llava, Kind::Requests}) {
        const std::string out = dir.file(kind_name(kind));
        run_export(source, store, out, options_for(kind));
        const std::string card = testing::read_tree(out).at("README.md");
        expect_paths_exist(front_matter(card), out);
        EXPECT_NE(card.find("## One sample\n\nFields"), std::string::npos) << kind_name(kind);
    }
}

}  // namespace
}  // namespace pubforge::exporter
