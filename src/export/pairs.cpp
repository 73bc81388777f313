// Figure-caption and panel-subcaption pairs: WebDataset shards, open_clip TSV, HF imagefolder, BLIP JSON.
#include <map>
#include <set>

#include "pubforge/core/jsonl.hpp"
#include "sinks.hpp"

namespace pubforge::exporter::detail {
namespace {

// One split's WebDataset shards: <split>/NNNNNN.tar, each sample's members adjacent.
class ShardSeries {
public:
    ShardSeries(OutputFolder& folder, std::string split, size_t shard_size)
        : folder_(folder), split_(std::move(split)), shard_size_(shard_size) {}

    void add(const ExportItem& item, const PreparedImage& image) {
        if (!tar_ || in_shard_ == shard_size_) open_next();
        // WebDataset groups members by the key before the first dot; keys never hold one.
        tar_->add(image_name(item, image), image.bytes);
        tar_->add(item.key + ".json", dump_json_line(item_metadata(item, image)));
        tar_->add(item.key + ".txt", item.caption);
        ++in_shard_;
        sizes_[shard_name()] = in_shard_;
    }

    void finish() {
        close_current();
        if (sizes_.empty()) return;
        folder_.write(split_ + "/sizes.json", nlohmann::json(sizes_).dump(2) + "\n");
    }

private:
    std::string shard_name() const {
        char name[32];
        std::snprintf(name, sizeof name, "%06zu.tar", shard_index_);
        return name;
    }
    void close_current() {
        if (!tar_) return;
        tar_->close();
        folder_.add_existing(split_ + "/" + shard_name());
        tar_.reset();
    }
    void open_next() {
        if (tar_) {
            close_current();
            ++shard_index_;
        }
        tar_ = std::make_unique<TarWriter>(folder_.path(split_ + "/" + shard_name()));
        in_shard_ = 0;
    }

    OutputFolder& folder_;
    std::string split_;
    size_t shard_size_;
    size_t shard_index_ = 0;
    size_t in_shard_ = 0;
    std::unique_ptr<TarWriter> tar_;
    std::map<std::string, size_t> sizes_;
};

// The image-file layouts of one split: <split>/KEY.ext plus the index files that point at them.
class FileLayouts {
public:
    FileLayouts(OutputFolder& folder, const std::string& split, const std::set<std::string>& layouts) : folder_(folder), split_(split) {
        if (layouts.count("tsv")) {
            tsv_ = std::make_unique<OutputFolder::Stream>(folder, split + ".tsv");
            tsv_->write("filepath\ttitle\n");
        }
        if (layouts.count("imagefolder")) metadata_ = std::make_unique<OutputFolder::Stream>(folder, split + "/metadata.jsonl");
        if (layouts.count("blip")) blip_ = std::make_unique<JsonArrayFile>(folder, split + ".json");
    }

    void add(const ExportItem& item, const PreparedImage& image) {
        const std::string name = image_name(item, image);
        folder_.write(split_ + "/" + name, image.bytes);
        if (tsv_) tsv_->write(split_ + "/" + name + "\t" + tsv_field(item.caption) + "\n");
        if (metadata_) {
            nlohmann::json row = item_metadata(item, image);
            row["file_name"] = name;
            row["text"] = item.caption;
            // imagefolder reads every row with one schema: same columns for figures and panels.
            for (const char* column : {"parent_key", "panel_id", "panel_label", "caption_source", "figure_caption"})
                if (!row.contains(column)) row[column] = "";
            if (!row.contains("panel_box")) row["panel_box"] = nullptr;
            metadata_->write(dump_json_line(row) + "\n");
        }
        if (blip_) blip_->add({{"image", split_ + "/" + name}, {"caption", item.caption}, {"image_id", item.key}});
    }

    void finish() {
        if (tsv_) tsv_->close();
        if (metadata_) metadata_->close();
        if (blip_) blip_->close();
    }

private:
    OutputFolder& folder_;
    std::string split_;
    std::unique_ptr<OutputFolder::Stream> tsv_, metadata_;
    std::unique_ptr<JsonArrayFile> blip_;
};

class PairsSink : public ItemSink {
public:
    PairsSink(OutputFolder& folder, const ExportOptions& options)
        : folder_(folder), options_(options), layouts_(options.pairs.layouts.begin(), options.pairs.layouts.end()) {}

    void add(const ExportItem& item, const PreparedImage& image) override {
        if (layouts_.count("webdataset")) {
            auto& shards = shards_.try_emplace(item.split, folder_, item.split, options_.pairs.shard_size).first->second;
            shards.add(item, image);
        }
        if (layouts_.count("tsv") || layouts_.count("imagefolder") || layouts_.count("blip")) {
            auto it = files_.find(item.split);
            if (it == files_.end()) it = files_.emplace(item.split, std::make_unique<FileLayouts>(folder_, item.split, layouts_)).first;
            it->second->add(item, image);
        }
        ++reencoded_[image.reencoded ? "reencoded" : "copied"];
    }

    void finish() override {
        for (auto& [split, shards] : shards_) shards.finish();
        for (auto& [split, files] : files_) files->finish();
    }

    void describe(nlohmann::json& counts) const override { counts["images"] = reencoded_; }

private:
    OutputFolder& folder_;
    const ExportOptions& options_;
    std::set<std::string> layouts_;
    std::map<std::string, ShardSeries> shards_;
    std::map<std::string, std::unique_ptr<FileLayouts>> files_;
    std::map<std::string, size_t> reencoded_;
};

}  // namespace

std::unique_ptr<ItemSink> make_pairs_sink(OutputFolder& folder, const ExportOptions& options) {
    return std::make_unique<PairsSink>(folder, options);
}

}  // namespace pubforge::exporter::detail
