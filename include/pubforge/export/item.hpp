// The in-memory export model: one figure or panel with its article's metadata, built from an article record.
#pragma once

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pubforge/core/record.hpp"
#include "pubforge/core/store.hpp"

namespace pubforge::exporter {

// Article-level fields every exporter and filter reads; shared by all items of the article.
struct ArticleInfo {
    std::string id;
    std::string pmcid, pmid, doi;
    std::string title, journal, article_type, language;
    std::string license_code, license_class;
    std::optional<int> year;
    std::string abstract;  // for prompts only; never copied into per-sample metadata

    static ArticleInfo from_record(const Record& record);
    nlohmann::json to_json() const;  // compact metadata for per-sample JSON (never the full text)
};

struct Mention {
    std::string sentence;
    std::string section;
    std::string reference;  // the reference as written, "Figure 2B"
};

enum class Unit { Figure, Panel };

// What an unlinked panel gets in the subfigures export.
enum class Unaligned { Drop, FullCaption };

struct ExportItem {
    std::shared_ptr<const ArticleInfo> article;
    Unit unit = Unit::Figure;
    std::string figure_id, figure_label, figure_kind;
    std::string panel_id, panel_label;               // panels only
    std::optional<std::array<double, 4>> panel_box;  // in the parent image's pixels
    std::string caption;         // figure caption, or the panel's subcaption
    std::string caption_source;  // "caption", "subcaption" or "full-caption"
    std::string figure_caption;  // the whole caption (equal to caption for figures)
    std::optional<StoredImage> image;
    std::vector<Mention> mentions;
    std::vector<std::string> domains;      // tags as align wrote them
    std::vector<nlohmann::json> responses;  // imported model responses for this figure or panel
    std::string key;         // [A-Za-z0-9_-]{1,64}: article + figure (+ panel)
    std::string parent_key;  // the figure's key, for panels
    std::string split;       // set by the export driver
};

// Key of a figure or a panel; stable across runs because it is derived from ids only.
std::string figure_key(const std::string& article_id, const std::string& figure_id);
std::string panel_key(const std::string& article_id, const std::string& figure_id, const std::string& panel_id);

// Items of one article record: one per figure (its own image, e.g. a PDF figure rendered
// from the page, else its first graphic with a stored image), or
// one per panel. Panels without a linked subcaption are dropped or given the whole
// caption per `unaligned`; dropped ones are counted in `unaligned_dropped`.
std::vector<ExportItem> build_items(const Record& record, Unit unit, Unaligned unaligned = Unaligned::Drop,
                                    size_t* unaligned_dropped = nullptr);

}  // namespace pubforge::exporter
