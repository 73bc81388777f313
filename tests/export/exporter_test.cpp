// Tests of whole exports from in-memory records: determinism, splits, manifests and each format's consumer rules.
#include "pubforge/export/exporter.hpp"

#include <gtest/gtest.h>

#include <regex>

#include "export/export_fixture.hpp"
#include "pubforge/archive/loader.hpp"
#include "pubforge/archive/query.hpp"
#include "pubforge/core/error.hpp"
#include "pubforge/core/hash.hpp"
#include "test_support.hpp"

namespace pubforge::exporter {
namespace {

using testing::ArticleSpec;
using testing::make_article;
using testing::read_tree;
using testing::ScratchDir;

std::vector<Record> corpus(ImageStore& store, int articles, bool panels = false) {
    std::vector<Record> records;
    for (int i = 0; i < articles; ++i) {
        ArticleSpec spec;
        spec.id = "PMC" + std::to_string(100 + i);
        spec.image_seed = i * 10;
        spec.panels = panels;
        records.push_back(make_article(store, spec));
    }
    return records;
}

ExportOptions options_for(Kind kind) {
    ExportOptions options;
    options.kind = kind;
    options.split = SplitSpec::parse("train=0.6,val=0.2,test=0.2");
    if (kind == Kind::Subfigures) options.units = Units::Panels;
    if (kind == Kind::Requests) options.requests.model = "gpt-4o-mini";
    options.prompts_dir = testing::source_path("data/prompts");
    return options;
}

TEST(ExporterTest, SameSourceAndOptionsGiveByteIdenticalFoldersWhateverTheThreads) {
    ScratchDir dir;
    ImageStore store(dir.file("store"));
    const RecordSource source(corpus(store, 12, true));
    for (const Kind kind : {Kind::Text, Kind::Pairs, Kind::Subfigures, Kind::Mentions, Kind::Llava, Kind::Requests}) {
        ExportOptions options = options_for(kind);
        options.pairs.layouts = {"webdataset", "tsv", "imagefolder", "blip"};
        options.pairs.shard_size = 5;
        // Many threads first: oneTBB sizes its worker pool on first use.
        options.jobs = 4;
        const std::string first = dir.file("a-" + kind_name(kind)), second = dir.file("b-" + kind_name(kind));
        run_export(source, store, first, options);
        options.jobs = 1;
        run_export(source, store, second, options);
        const auto a = read_tree(first), b = read_tree(second);
        ASSERT_GT(a.size(), 1u) << kind_name(kind);
        EXPECT_EQ(a, b) << kind_name(kind) << " differs between runs";
    }
}

TEST(ExporterTest, ManifestListsEveryFileWithItsHashAndComesLast) {
    ScratchDir dir;
    ImageStore store(dir.file("store"));
    const RecordSource source(corpus(store, 6));
    ExportOptions options = options_for(Kind::Pairs);
    options.pairs.layouts = {"webdataset", "tsv"};
    const auto summary = run_export(source, store, dir.file("out"), options);
    const auto tree = read_tree(dir.file("out"));
    const auto manifest = nlohmann::json::parse(tree.at("manifest.json"));
    EXPECT_EQ(manifest["kind"], "pairs");
    EXPECT_EQ(manifest["counts"]["items"], summary.items);
    EXPECT_EQ(manifest["options"]["split"][0]["name"], "train");
    EXPECT_EQ(manifest["files"].size() + 1, tree.size());
    for (const auto& file : manifest["files"]) {
        const std::string& bytes = tree.at(file["path"].get<std::string>());
        EXPECT_EQ(file["sha256"], sha256_hex(bytes));
        EXPECT_EQ(file["bytes"], bytes.size());
    }
    EXPECT_EQ(summary.items, 12u);  // 6 articles x 2 figures
}

TEST(ExporterTest, SplitsAreByArticleAndStayPutWhenTheArchiveGrows) {
    ScratchDir dir;
    ImageStore store(dir.file("store"));
    auto records = corpus(store, 40);
    const RecordSource small(std::vector<Record>(records.begin(), records.begin() + 20));
    const RecordSource large(records);
    ExportOptions options = options_for(Kind::Mentions);
    run_export(small, store, dir.file("small"), options);
    run_export(large, store, dir.file("large"), options);
    auto split_of = [&](const std::string& folder) {
        std::map<std::string, std::string> splits;  // pair id -> split
        for (const char* split : {"train", "val", "test"}) {
            const std::string path = folder + "/" + split + ".jsonl";
            if (!std::filesystem::exists(path)) continue;
            for (const auto& line : testing::read_jsonl_file(path)) splits[line["pair_id"]] = split;
        }
        return splits;
    };
    const auto before = split_of(dir.file("small")), after = split_of(dir.file("large"));
    ASSERT_EQ(before.size(), 40u);
    ASSERT_EQ(after.size(), 80u);
    std::set<std::string> used;
    for (const auto& [pair, split] : before) {
        EXPECT_EQ(after.at(pair), split) << pair << " moved";
        used.insert(split);
    }
    EXPECT_GE(used.size(), 2u);  // 20 articles at 60/20/20 do not all land in one split
    // Both figures of an article share its split.
    for (const auto& [pair, split] : after) EXPECT_EQ(after.at(pair.substr(0, pair.find('_')) + "_fig1"), split);
}

TEST(ExporterTest, FiltersCountWhatTheySkipByReason) {
    ScratchDir dir;
    ImageStore store(dir.file("store"));
    std::vector<Record> records = corpus(store, 4);
    ArticleSpec nc;
    nc.id = "PMC900";
    nc.license_class = "noncommercial";
    nc.license_code = "CC-BY-NC-4.0";
    nc.image_seed = 500;
    records.push_back(make_article(store, nc));
    ArticleSpec duplicate = nc;  // same images as PMC900, commercial
    duplicate.id = "PMC901";
    duplicate.license_class = "commercial";
    records.push_back(make_article(store, duplicate));
    const RecordSource source(records);
    ExportOptions options = options_for(Kind::Pairs);
    options.filters.license_classes = {"commercial"};
    options.filters.dedupe_exact = true;
    options.filters.per_article_cap = 1;
    options.filters.min_side = 10;
    const auto summary = run_export(source, store, dir.file("out"), options);
    EXPECT_EQ(summary.skipped.at("license-class"), 2u);
    EXPECT_EQ(summary.skipped.at("per-article-cap"), 5u);
    EXPECT_EQ(summary.items, 5u);  // one per commercial article; PMC901's images are new to the export
    options.filters.min_side = 100;  // images are 120x90
    options.overwrite = true;
    const auto strict = run_export(source, store, dir.file("out"), options);
    EXPECT_EQ(strict.items, 0u);
    EXPECT_EQ(strict.skipped.at("min-side"), 10u);
}

TEST(ExporterTest, ExactDuplicatesKeepTheFirstImageInArticleOrder) {
    ScratchDir dir;
    ImageStore store(dir.file("store"));
    ArticleSpec a, b;
    a.id = "PMC1";
    b.id = "PMC2";  // same image seeds: same bytes
    const RecordSource source(std::vector<Record>{make_article(store, a), make_article(store, b)});
    ExportOptions options = options_for(Kind::Mentions);
    options.filters.dedupe_exact = true;
    const auto summary = run_export(source, store, dir.file("out"), options);
    EXPECT_EQ(summary.items, 2u);
    EXPECT_EQ(summary.skipped.at("duplicate-exact"), 2u);
    const auto tree = read_tree(dir.file("out"));
    EXPECT_TRUE(tree.count("images/PMC1_fig1.png"));
    EXPECT_FALSE(tree.count("images/PMC2_fig1.png"));
}

TEST(ExporterTest, MissingStoreImagesAreCountedNotFatal) {
    ScratchDir dir;
    ImageStore store(dir.file("store"));
    Record record = make_article(store, {});
    record["figures"][0]["graphics"][0]["image"]["sha256"] = std::string(64, 'f');
    const RecordSource source(std::vector<Record>{record});
    const auto summary = run_export(source, store, dir.file("out"), options_for(Kind::Pairs));
    EXPECT_EQ(summary.errors.at("store.missing"), 1u);
    EXPECT_EQ(summary.items, 1u);
}

TEST(ExporterTest, WebDatasetKeysHaveNoDotAndSampleMembersAreAdjacent) {
    ScratchDir dir;
    ImageStore store(dir.file("store"));
    Record record = make_article(store, {});
    record["figures"][0]["id"] = "F1.a";  // a dot in an id must not reach the key
    const RecordSource source(std::vector<Record>{record});
    ExportOptions options = options_for(Kind::Pairs);
    options.split = SplitSpec::parse("train=1");
    run_export(source, store, dir.file("out"), options);
    const std::string tar = read_tree(dir.file("out")).at("train/000000.tar");
    // ustar: 512-byte header with the name first; walk it.
    std::vector<std::string> names;
    for (size_t offset = 0; offset + 512 <= tar.size();) {
        const std::string name(tar.c_str() + offset);
        if (name.empty()) break;
        names.push_back(name);
        const size_t size = std::stoul(std::string(tar.data() + offset + 124, 11), nullptr, 8);
        EXPECT_EQ(std::string(tar.data() + offset + 136, 11), "00000000000");  // mtime 0
        offset += 512 + (size + 511) / 512 * 512;
    }
    ASSERT_EQ(names.size(), 6u);
    const std::regex key("^[A-Za-z0-9_-]{1,64}$");
    for (size_t i = 0; i < names.size(); ++i) {
        const std::string stem = names[i].substr(0, names[i].find('.'));
        EXPECT_TRUE(std::regex_match(stem, key)) << names[i];
        EXPECT_EQ(stem, names[i / 3 * 3].substr(0, names[i / 3 * 3].find('.'))) << "members of a sample must be adjacent";
    }
    EXPECT_EQ(names[0], "PMC1000_F1_a.png");
    const auto sizes = nlohmann::json::parse(read_tree(dir.file("out")).at("train/sizes.json"));
    EXPECT_EQ(sizes["000000.tar"], 2);
}

TEST(ExporterTest, TsvCaptionsHaveNoTabsOrLineBreaksAndQuotesAreEscaped) {
    ScratchDir dir;
    ImageStore store(dir.file("store"));
    const RecordSource source(std::vector<Record>{make_article(store, {})});
    ExportOptions options = options_for(Kind::Pairs);
    options.split = SplitSpec::parse("train=1");
    options.pairs.layouts = {"tsv"};
    run_export(source, store, dir.file("out"), options);
    const std::string tsv = read_tree(dir.file("out")).at("train.tsv");
    std::istringstream lines(tsv);
    std::string line;
    std::getline(lines, line);
    EXPECT_EQ(line, "filepath\ttitle");
    size_t rows = 0;
    while (std::getline(lines, line)) {
        ++rows;
        EXPECT_EQ(std::count(line.begin(), line.end(), '\t'), 1) << line;
        const std::string path = line.substr(0, line.find('\t'));
        EXPECT_TRUE(std::filesystem::exists(dir.file("out/" + path))) << path;
        EXPECT_NE(line.find("\"\"treatment\"\""), std::string::npos) << "inner quotes doubled inside a quoted field";
    }
    EXPECT_EQ(rows, 2u);
}

TEST(ExporterTest, LlavaPutsTheImageTokenFirstInTheFirstHumanTurnOnly) {
    ScratchDir dir;
    ImageStore store(dir.file("store"));
    Record record = make_article(store, {});
    record["responses"] = {{{"custom_id", "mcq-PMC1000_fig1"}, {"task", "mcq"}, {"model", "m"}, {"figure_id", "fig1"}, {"subfigure_id", nullptr}, {"status", "ok"},
                            {"payload", {{"question_stem", "Which sequence?"},
                                        {"answer_choices", {"A. T1", "B. T2", "C. FLAIR", "D. DWI"}},
                                        {"correct_answer", "C. FLAIR"},
                                        {"discussion", "Bright CSF-suppressed lesion."}}}}};
    const RecordSource source(std::vector<Record>{record});
    for (const std::string style : {"llava", "chat"}) {
        ExportOptions options = options_for(Kind::Llava);
        options.split = SplitSpec::parse("train=1");
        options.llava.sources = {"captions", "responses"};
        options.llava.style = style;
        run_export(source, store, dir.file(style), options);
        const auto samples = nlohmann::json::parse(read_tree(dir.file(style)).at("train.json"));
        ASSERT_EQ(samples.size(), 3u);  // two caption samples, one mcq
        for (const auto& sample : samples) {
            const auto& turns = style == "chat" ? sample["messages"] : sample["conversations"];
            const char* who = style == "chat" ? "role" : "from";
            const char* text = style == "chat" ? "content" : "value";
            ASSERT_GE(turns.size(), 2u);
            EXPECT_EQ(turns[0][who], style == "chat" ? "user" : "human");
            EXPECT_EQ(turns[0][text].get<std::string>().rfind("<image>\n", 0), 0u);
            size_t tokens = 0;
            for (const auto& turn : turns) tokens += turn[text].get<std::string>().find("<image>") != std::string::npos;
            EXPECT_EQ(tokens, 1u);
            const std::string image = style == "chat" ? sample["images"][0].get<std::string>() : sample["image"].get<std::string>();
            EXPECT_TRUE(std::filesystem::exists(dir.file(style + "/images/" + image)));
        }
        const auto& mcq = samples[1];
        EXPECT_EQ(mcq["id"], "PMC1000_fig1-mcq");
        const auto& answer = style == "chat" ? mcq["messages"][1]["content"] : mcq["conversations"][1]["value"];
        EXPECT_EQ(answer, "Bright CSF-suppressed lesion.\n\nAnswer: C");
    }
}

TEST(ExporterTest, RequestLinesHaveTheBatchShapeAndPatternedCustomIds) {
    ScratchDir dir;
    ImageStore store(dir.file("store"));
    const RecordSource source(std::vector<Record>{make_article(store, {})});
    ExportOptions options = options_for(Kind::Requests);
    options.requests.tasks = {"ift", "mcq", "ddx", "vqa", "abstract"};
    options.requests.temperature = 0.2;
    run_export(source, store, dir.file("out"), options);
    const auto tree = read_tree(dir.file("out"));
    const std::regex pattern("^(ift|mcq|ddx|vqa|abstract)-[A-Za-z0-9_-]{1,64}$");
    std::set<std::string> ids;
    for (const char* task : {"ift", "mcq", "ddx", "vqa", "abstract"}) {
        const auto lines = testing::read_jsonl_file(dir.file(std::string("out/") + task + "/requests-000000.jsonl"));
        ASSERT_EQ(lines.size(), std::string(task) == "abstract" ? 1u : 2u) << task;
        for (const auto& line : lines) {
            EXPECT_EQ(line.size(), 4u);
            EXPECT_EQ(line["method"], "POST");
            EXPECT_EQ(line["url"], "/v1/chat/completions");
            EXPECT_TRUE(std::regex_match(line["custom_id"].get<std::string>(), pattern)) << line["custom_id"];
            EXPECT_TRUE(ids.insert(line["custom_id"]).second);
            EXPECT_EQ(line["body"]["model"], "gpt-4o-mini");
            EXPECT_EQ(line["body"]["temperature"], 0.2);
            const auto& messages = line["body"]["messages"];
            EXPECT_EQ(messages[0]["role"], "system");
            EXPECT_EQ(messages.back()["role"], "user");
            const auto& content = messages.back()["content"];
            EXPECT_EQ(content[0]["type"], "text");
            EXPECT_EQ(content[0]["text"].get<std::string>().find('{' + std::string("caption}")), std::string::npos);
            EXPECT_EQ(content[1]["type"], "image_url");
            EXPECT_EQ(content[1]["image_url"]["url"].get<std::string>().rfind("data:image/png;base64,iVBOR", 0), 0u);
        }
    }
    EXPECT_TRUE(ids.count("abstract-PMC1000"));
    const auto manifest = nlohmann::json::parse(tree.at("manifest.json"));
    EXPECT_EQ(manifest["counts"]["prompts"]["mcq"]["sha256"].get<std::string>().size(), 64u);
    EXPECT_EQ(manifest["counts"]["requests"]["ift"], 2);
}

TEST(ExporterTest, TextExportCountsWordsAndAddsCaptionsOnRequest) {
    ScratchDir dir;
    ImageStore store(dir.file("store"));
    const RecordSource source(corpus(store, 3));
    ExportOptions options = options_for(Kind::Text);
    options.split = SplitSpec::parse("train=1");
    const auto plain = run_export(source, store, dir.file("plain"), options);
    options.text.captions = options.text.tables = options.text.plain_text = true;
    const auto rich = run_export(source, store, dir.file("rich"), options);
    EXPECT_EQ(plain.items, 3u);
    EXPECT_GT(rich.words, plain.words);
    const auto lines = testing::read_jsonl_file(dir.file("rich/train.jsonl"));
    ASSERT_EQ(lines.size(), 3u);
    EXPECT_EQ(lines[0]["sections"][0]["title"], "Case");
    EXPECT_NE(lines[0]["text"].get<std::string>().find("Figure 1. (A) Axial MRI"), std::string::npos);
    EXPECT_EQ(lines[0]["word_count"], count_words(lines[0]["text"].get<std::string>()));
    EXPECT_TRUE(std::filesystem::exists(dir.file("rich/train/text/PMC100.txt")));
    EXPECT_EQ(nlohmann::json::parse(read_tree(dir.file("rich")).at("manifest.json"))["counts"]["words"], rich.words);
}

TEST(ExporterTest, RefusesToWriteIntoAFolderThatIsNotAnExport) {
    ScratchDir dir;
    ImageStore store(dir.file("store"));
    const RecordSource source(corpus(store, 1));
    testing::write_text_file(dir.file("out/notes.txt"), "mine");
    ExportOptions options = options_for(Kind::Pairs);
    options.overwrite = true;
    try {
        run_export(source, store, dir.file("out"), options);
        FAIL() << "wrote into a folder holding user files";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), "export.output-not-empty");
    }
    EXPECT_TRUE(std::filesystem::exists(dir.file("out/notes.txt")));
}

TEST(ExporterTest, FullTextQueryUsesFts5Syntax) {
    ScratchDir dir;
    ImageStore store(dir.file("store"));
    auto records = corpus(store, 3);
    records[1]["abstract"] = "Cerebral angiography of an aneurysm.";
    const RecordSource source(records);
    ExportOptions options = options_for(Kind::Text);
    options.filters.match = "cerebral OR aneurysm";
    EXPECT_EQ(run_export(source, store, dir.file("a"), options).items, 1u);
    options.filters.match = "\"unbalanced";
    EXPECT_THROW(run_export(source, store, dir.file("b"), options), UsageError);
}

TEST(ExporterTest, FullTextQueryMatchesAcrossFieldsOfAnArticle) {
    ScratchDir dir;
    ImageStore store(dir.file("store"));
    auto records = corpus(store, 3);
    records[1]["title"] = "Zebrafish imaging";
    records[1]["abstract"] = "Optogenetic stimulation.";
    const RecordSource source(records);
    ExportOptions options = options_for(Kind::Pairs);
    options.filters.match = "zebrafish AND optogenetic";  // the title has one word, the abstract the other
    const auto summary = run_export(source, store, dir.file("out"), options);
    EXPECT_EQ(summary.articles, 1u);
    EXPECT_EQ(summary.items, records[1]["figures"].size());
    EXPECT_EQ(summary.skipped.at("query"), records[0]["figures"].size() + records[2]["figures"].size());
}

TEST(ExporterTest, ExportKeepsTheArticlesArchiveQueryFinds) {
    ScratchDir dir;
    ImageStore store(dir.file("store"));
    auto records = corpus(store, 6);
    records[1]["journal"]["title"] = "Brain Imaging";
    records[2]["journal"]["title"] = "BRAIN IMAGING";
    records[4]["journal"]["title"] = "Brain imaging letters";
    records[3]["year"] = 2001;
    {
        archive::Archive db = archive::Archive::open(dir.file("a.sqlite"), archive::Archive::Mode::ReadWrite);
        RejectLog rejects;
        archive::Loader loader(db, {}, rejects);
        for (const auto& record : records) loader.add(record);
        loader.finish();
    }
    ExportOptions options = options_for(Kind::Mentions);
    options.filters.journals = {"brain imaging"};
    options.filters.year_min = 2010;
    archive::QueryOptions query;
    query.journals = options.filters.journals;
    query.year_min = options.filters.year_min;
    query.target = archive::QueryOptions::Target::Articles;
    archive::Archive db = archive::Archive::open(dir.file("a.sqlite"), archive::Archive::Mode::ReadOnly);
    const auto hits = archive::query(db, query);
    ASSERT_EQ(hits.size(), 2u);  // both spellings of the title, not the longer one
    std::vector<std::unique_ptr<ArticleSource>> sources;  // --db and --records
    sources.push_back(open_archive_source(dir.file("a.sqlite")));
    sources.push_back(std::make_unique<RecordSource>(records));
    for (const auto& source : sources) {
        options.overwrite = true;
        const auto summary = run_export(*source, store, dir.file("out"), options);
        EXPECT_EQ(summary.articles, hits.size());
        EXPECT_EQ(summary.skipped.at("journal"), 3 * records[0]["figures"].size());
    }
}

}  // namespace
}  // namespace pubforge::exporter
