// The export driver: articles in id order -> filters -> items -> images (in parallel) -> dedupe, cap, split -> sink.
#include "pubforge/export/exporter.hpp"

#include <algorithm>
#include <deque>
#include <filesystem>
#include <set>

#include "pubforge/core/error.hpp"
#include "pubforge/core/ordered.hpp"
#include "card.hpp"
#include "sinks.hpp"

namespace pubforge::exporter {
namespace {

constexpr int kFormatVersion = 1;

const std::map<Kind, std::string> kKindNames = {{Kind::Text, "text"},         {Kind::Pairs, "pairs"},
                                                 {Kind::Subfigures, "subfigures"}, {Kind::Mentions, "mentions"},
                                                 {Kind::Llava, "llava"},       {Kind::Requests, "requests"}};

void require_subset(const std::vector<std::string>& values, const std::set<std::string>& allowed, const std::string& option) {
    for (const auto& value : values)
        if (!allowed.count(value)) {
            std::string names;
            for (const auto& a : allowed) names += (names.empty() ? "" : ", ") + a;
            throw UsageError(option + ": '" + value + "' is not one of " + names);
        }
}

std::string units_name(Units units) {
    return units == Units::Figures ? "figures" : units == Units::Panels ? "panels" : "both";
}

// One item on its way through the pipeline.
struct Work {
    ExportItem item;
    std::optional<PreparedImage> image;
    std::optional<std::uint64_t> perceptual;
    std::string error_code;
};

// Reads articles in order, applies the metadata filters, and hands out items one by one.
class ItemProducer {
public:
    ItemProducer(const ArticleSource& source, const ExportOptions& options, ExportSummary& summary, const Progress& progress)
        : source_(source), options_(options), summary_(summary), progress_(progress),
          articles_(source.select(options.filters)) {
        // Captions and mentions feed every kind's metadata; only llava reads imported responses.
        kept_.responses = options.kind == Kind::Llava;
        // A rejected article is read only to count the items it would have given, so by its figures and panels.
        rejected_.mentions = false;
    }

    bool next(ExportItem& item) {
        while (pending_.empty()) {
            if (index_ >= articles_.size()) return false;
            load(articles_[index_++]);
            if (progress_) progress_(index_, articles_.size());
        }
        item = std::move(pending_.front());
        pending_.pop_front();
        return true;
    }

private:
    void load(const archive::ArticleVerdict& article) {
        const Record record = source_.load(article.id, article.reject ? rejected_ : kept_);
        ++summary_.articles_seen;
        std::vector<ExportItem> items;
        size_t unaligned = 0;
        if (options_.units != Units::Panels) items = build_items(record, Unit::Figure);
        if (options_.units != Units::Figures) {
            auto panels = build_items(record, Unit::Panel, options_.unaligned, &unaligned);
            items.insert(items.end(), std::make_move_iterator(panels.begin()), std::make_move_iterator(panels.end()));
        }
        if (unaligned) summary_.skipped["panel-unaligned"] += unaligned;
        if (items.empty()) return;
        if (article.reject) {
            summary_.skipped[*article.reject] += items.size();
            return;
        }
        for (auto& item : items) {
            if (const auto why = item_reject(item, options_.filters, article.domain_figures)) {
                ++summary_.skipped[*why];
                continue;
            }
            if (options_.kind == Kind::Mentions && options_.mentions.require_mentions && item.mentions.empty()) {
                ++summary_.skipped["no-mention"];
                continue;
            }
            pending_.push_back(std::move(item));
        }
    }

    const ArticleSource& source_;
    const ExportOptions& options_;
    ExportSummary& summary_;
    const Progress& progress_;
    const std::vector<archive::ArticleVerdict> articles_;
    archive::Projection kept_, rejected_;
    size_t index_ = 0;
    std::deque<ExportItem> pending_;
};

// Reads the stored image, hashes it for near duplicates, and re-encodes it if asked: the costly, parallel part.
void prepare(Work& work, const ImageStore& store, const ExportOptions& options) {
    try {
        std::string bytes = store.read(*work.item.image);
        if (options.filters.near_duplicate_distance >= 0) work.perceptual = perceptual_hash(bytes);
        work.image = prepare_image(std::move(bytes), *work.item.image, options.image);
    } catch (const Error& e) {
        if (e.fatal()) throw;
        work.error_code = e.code();
    }
}

// Accepts or skips items in export order: duplicates, the per-article cap, key collisions, split.
class ItemAcceptor {
public:
    ItemAcceptor(const ExportOptions& options, ExportSummary& summary, detail::ItemSink& sink)
        : options_(options), summary_(summary), sink_(sink), dedupe_(options.filters) {}

    void accept(Work& work) {
        ExportItem& item = work.item;
        if (item.article->id != article_) finish_article(item.article->id);
        if (!work.error_code.empty()) {
            ++summary_.errors[work.error_code];
            return;
        }
        if (options_.filters.per_article_cap && taken_ >= options_.filters.per_article_cap) {
            ++summary_.skipped["per-article-cap"];
            return;
        }
        if (const auto duplicate = dedupe_.check(item.image->sha256, work.perceptual)) {
            ++summary_.skipped[*duplicate];
            return;
        }
        if (!keys_.insert(item.key).second) {
            ++summary_.errors["export.key-collision"];
            return;
        }
        item.split = options_.split.assign(item.article->id, options_.seed);
        sink_.add(item, *work.image);
        ++taken_;
        ++summary_.items;
        ++summary_.per_split[item.split];
        ++summary_.licenses[item.article->license_code];
        ++summary_.languages[item.article->language];
    }

    void finish_article(const std::string& next_article = "") {
        if (taken_) {
            sink_.end_article();
            ++summary_.articles;
        }
        article_ = next_article;
        taken_ = 0;
        keys_.clear();
    }

private:
    const ExportOptions& options_;
    ExportSummary& summary_;
    detail::ItemSink& sink_;
    Deduplicator dedupe_;
    std::string article_;
    size_t taken_ = 0;
    std::set<std::string> keys_;  // keys carry the article id, so collisions can only happen within one
};

void export_items(const ArticleSource& source, const ImageStore& store, const ExportOptions& options,
                  detail::ItemSink& sink, ExportSummary& summary, const Progress& progress) {
    ItemProducer producer(source, options, summary, progress);
    ItemAcceptor acceptor(options, summary, sink);
    for_each_ordered<Work, Work>(
        options.jobs, [&](Work& work) { return producer.next(work.item); },
        [&](Work& work) {
            prepare(work, store, options);
            return std::move(work);
        },
        [&](Work& work) { acceptor.accept(work); });
    acceptor.finish_article();
}

void export_articles(const ArticleSource& source, const ExportOptions& options, detail::ArticleSink& sink,
                     ExportSummary& summary, const Progress& progress) {
    // The text export filters articles only: a domain filter (of figures) does not apply to it.
    archive::Filter filter = options.filters;
    filter.domains.clear();
    const auto articles = source.select(filter);
    for (size_t i = 0; i < articles.size(); ++i) {
        ++summary.articles_seen;
        if (articles[i].reject) {
            ++summary.skipped[*articles[i].reject];
        } else {
            const Record record = source.load(articles[i].id);
            const ArticleInfo info = ArticleInfo::from_record(record);
            const std::string& split = options.split.assign(info.id, options.seed);
            if (sink.add(record, split)) {
                ++summary.articles;
                ++summary.items;
                ++summary.per_split[split];
                ++summary.licenses[info.license_code];
                ++summary.languages[info.language];
            } else {
                ++summary.skipped["no-text"];
            }
        }
        if (progress) progress(i + 1, articles.size());
    }
    summary.words = sink.words();
}

}  // namespace

Kind parse_kind(const std::string& name) {
    for (const auto& [kind, kind_text] : kKindNames)
        if (kind_text == name) return kind;
    throw UsageError("unknown export kind '" + name + "' (text, pairs, subfigures, mentions, llava, requests)");
}

std::string kind_name(Kind kind) { return kKindNames.at(kind); }

Units default_units(Kind kind) { return kind == Kind::Subfigures ? Units::Panels : Units::Figures; }

Units parse_units(const std::string& name, Units fallback) {
    if (name.empty()) return fallback;
    if (name == "figures") return Units::Figures;
    if (name == "panels") return Units::Panels;
    if (name == "both") return Units::Both;
    throw UsageError("--units must be figures, panels or both");
}

Unaligned parse_unaligned(const std::string& name) {
    if (name == "drop") return Unaligned::Drop;
    if (name == "full-caption") return Unaligned::FullCaption;
    throw UsageError("--unaligned must be drop or full-caption");
}

void ExportOptions::validate() const {
    image.validate();
    if (filters.year_min && filters.year_max && *filters.year_min > *filters.year_max)
        throw UsageError("--year-min is after --year-max");
    if (filters.caption_words_max && filters.caption_words_max < filters.caption_words_min)
        throw UsageError("--caption-words-max is below --caption-words-min");
    if (filters.near_duplicate_distance > 31) throw UsageError("--near-duplicates: distance must be at most 31");
    require_subset(filters.license_classes, {"commercial", "noncommercial", "other"}, "--license");
    require_subset(pairs.layouts, {"webdataset", "tsv", "imagefolder", "blip"}, "--layout");
    if (pairs.layouts.empty()) throw UsageError("--layout: give at least one layout");
    if (pairs.shard_size == 0) throw UsageError("--shard-size must be positive");
    require_subset({llava.style}, {"llava", "chat"}, "--style");
    require_subset(llava.sources, {"captions", "responses"}, "--from");
    require_subset(llava.tasks, {"ift", "mcq", "ddx", "vqa"}, "--tasks");
    require_subset(requests.tasks, {"ift", "mcq", "ddx", "vqa", "abstract"}, "--tasks");
    require_subset({requests.image}, {"data-url", "file"}, "--image");
    if (kind == Kind::Requests && requests.model.empty()) throw UsageError("export requests needs --model");
    if (requests.requests_per_file == 0) throw UsageError("--requests-per-file must be positive");
}

nlohmann::json ExportOptions::to_json() const {
    nlohmann::json out;
    out["filters"] = filters.to_json();
    out["split"] = split.to_json();
    out["seed"] = seed;
    if (kind == Kind::Text) {
        out["text"] = {{"captions", text.captions}, {"tables", text.tables}, {"plain_text", text.plain_text}};
        return out;
    }
    out["units"] = units_name(units);
    out["unaligned"] = unaligned == Unaligned::Drop ? "drop" : "full-caption";
    out["image"] = image.to_json();
    switch (kind) {
        case Kind::Pairs:
        case Kind::Subfigures: out["pairs"] = {{"layouts", pairs.layouts}, {"shard_size", pairs.shard_size}}; break;
        case Kind::Mentions:
            out["mentions"] = {{"json_array", mentions.json_array}, {"require_mentions", mentions.require_mentions}};
            break;
        case Kind::Llava:
            out["llava"] = {{"style", llava.style}, {"sources", llava.sources}, {"tasks", llava.tasks},
                            {"instructions", llava.instructions}};
            break;
        case Kind::Requests:
            out["requests"] = {{"tasks", requests.tasks},
                               {"model", requests.model},
                               {"image", requests.image},
                               {"image_base", requests.image_base},
                               {"max_tokens", requests.max_tokens},
                               {"temperature", requests.temperature < 0 ? nlohmann::json() : nlohmann::json(requests.temperature)},
                               {"requests_per_file", requests.requests_per_file},
                               {"abstract_figures", requests.abstract_figures}};
            break;
        case Kind::Text: break;
    }
    return out;
}

ExportSummary run_export(const ArticleSource& source, const ImageStore& store, const std::string& output_dir,
                         const ExportOptions& options, const Progress& progress) {
    options.validate();
    std::error_code ec;
    if (options.kind != Kind::Text && !std::filesystem::is_directory(store.root(), ec))
        throw UsageError("--store " + store.root() + " is not a directory");
    OutputFolder folder(output_dir, options.overwrite);
    ExportSummary summary;
    nlohmann::json counts;
    if (options.kind == Kind::Text) {
        auto sink = detail::make_text_sink(folder, options);
        export_articles(source, options, *sink, summary, progress);
        sink->finish();
        sink->describe(counts);
    } else {
        std::unique_ptr<detail::ItemSink> sink;
        switch (options.kind) {
            case Kind::Pairs:
            case Kind::Subfigures: sink = detail::make_pairs_sink(folder, options); break;
            case Kind::Mentions: sink = detail::make_mentions_sink(folder, options); break;
            case Kind::Llava: sink = detail::make_llava_sink(folder, options); break;
            case Kind::Requests: sink = detail::make_requests_sink(folder, options); break;
            case Kind::Text: break;
        }
        export_items(source, store, options, *sink, summary, progress);
        sink->finish();
        sink->describe(counts);
    }
    counts["articles_seen"] = summary.articles_seen;
    counts["articles"] = summary.articles;
    counts["items"] = summary.items;
    counts["splits"] = summary.per_split;
    counts["skipped"] = summary.skipped;
    counts["errors"] = summary.errors;
    nlohmann::json manifest = {{"kind", kind_name(options.kind)},
                               {"format_version", kFormatVersion},
                               {"pubforge_version", PUBFORGE_VERSION},
                               {"source", source.provenance()},
                               {"options", options.to_json()},
                               {"counts", counts}};
    folder.write("README.md", dataset_card(manifest, folder.files(), folder.root(), summary));
    folder.write_manifest(std::move(manifest));
    summary.files = folder.file_count();
    return summary;
}

std::string summary_line(Kind kind, const ExportSummary& summary) {
    auto list = [](const std::map<std::string, size_t>& counts) {
        std::string out;
        for (const auto& [name, count] : counts) out += (out.empty() ? "" : ", ") + name + ": " + std::to_string(count);
        return out;
    };
    auto total = [](const std::map<std::string, size_t>& counts) {
        size_t n = 0;
        for (const auto& entry : counts) n += entry.second;
        return n;
    };
    std::string line = kind_name(kind) + ": " + std::to_string(summary.items) + (kind == Kind::Text ? " articles" : " items");
    std::string splits;
    for (const auto& [name, count] : summary.per_split) splits += (splits.empty() ? "" : ", ") + name + " " + std::to_string(count);
    if (!splits.empty()) line += " (" + splits + ")";
    if (kind != Kind::Text) line += " from " + std::to_string(summary.articles) + " articles";
    if (kind == Kind::Text) line += ", " + std::to_string(summary.words) + " words";
    line += "; " + std::to_string(total(summary.skipped)) + " skipped";
    if (!summary.skipped.empty()) line += " (" + list(summary.skipped) + ")";
    if (!summary.errors.empty()) line += "; " + std::to_string(total(summary.errors)) + " failed (" + list(summary.errors) + ")";
    return line;
}

}  // namespace pubforge::exporter
