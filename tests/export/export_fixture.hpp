// Test helper for export tests: article records with real images in a scratch store, shaped as parse/crop/align write them.
#pragma once

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "pubforge/core/record.hpp"
#include "pubforge/core/store.hpp"

namespace pubforge::testing {

// A distinct picture per seed (bars at seed-dependent places), so images differ in content and pHash.
inline std::string make_image(int seed, int width = 120, int height = 90, const std::string& ext = ".png") {
    cv::Mat image(height, width, CV_8UC3, cv::Scalar(255, 255, 255));
    cv::RNG rng(static_cast<uint64_t>(seed) * 7919 + 17);
    for (int i = 0; i < 6; ++i) {
        const cv::Point a(rng.uniform(0, width), rng.uniform(0, height));
        const cv::Point b(rng.uniform(0, width), rng.uniform(0, height));
        cv::rectangle(image, a, b, cv::Scalar(rng.uniform(0, 255), rng.uniform(0, 255), rng.uniform(0, 255)), cv::FILLED);
    }
    std::vector<uchar> bytes;
    cv::imencode(ext, image, bytes);
    return std::string(bytes.begin(), bytes.end());
}

struct ArticleSpec {
    std::string id = "PMC1000";
    int figures = 2;
    int year = 2020;
    std::string license_code = "CC-BY-4.0";
    std::string license_class = "commercial";
    std::string journal = "Journal of Examples";
    int image_seed = 0;  // first figure's image seed; figure i uses image_seed + i
    bool panels = false; // two panels per figure, the second unlinked
};

// One article record with `figures` figures, each with a stored image, a caption, a mention
// and domain tags; with `panels`, two panel crops per figure, panel 1 linked to subcaption "A".
inline Record make_article(ImageStore& store, const ArticleSpec& spec) {
    Record record = {{"schema", 1},
                     {"id", spec.id},
                     {"ids", {{"pmcid", spec.id}, {"pmid", "9" + spec.id.substr(3)}, {"doi", "10.1000/" + spec.id}}},
                     {"source", {{"kind", "jats"}, {"path", spec.id + ".nxml"}, {"sha256", std::string(64, 'a')}}},
                     {"title", "Imaging findings in case " + spec.id},
                     {"journal", {{"title", spec.journal}}},
                     {"year", spec.year},
                     {"article_type", "case-report"},
                     {"language", "en"},
                     {"license", {{"code", spec.license_code}, {"class", spec.license_class}}},
                     {"abstract", "We report the brain MRI of a patient with headache."},
                     {"sections", {{{"title", "Case"}, {"paragraphs", {{{"text", "A 40-year-old presented with headache (Figure 1)."}}}}}}},
                     {"figures", nlohmann::json::array()},
                     {"tables", {{{"id", "T1"}, {"label", "Table 1"}, {"caption", {{"text", "Laboratory values."}}}, {"text", "Na\t140\nK\t4.1"}}}},
                     {"warnings", nlohmann::json::array()}};
    for (int i = 0; i < spec.figures; ++i) {
        const std::string figure_id = "fig" + std::to_string(i + 1);
        const StoredImage image = store.put(make_image(spec.image_seed + i));
        nlohmann::json figure = {
            {"id", figure_id},
            {"label", "Figure " + std::to_string(i + 1)},
            {"kind", "figure"},
            {"caption", {{"text", "(A) Axial MRI of the brain showing a lesion. (B) Follow-up scan\tafter \"treatment\"."}}},
            {"graphics", {{{"href", figure_id + ".png"}, {"image", image.to_json()}}}},
            {"mentions", {{{"sentence", "MRI showed a lesion (Figure " + std::to_string(i + 1) + "A)."},
                           {"section", "Case"},
                           {"text", "Figure " + std::to_string(i + 1) + "A"},
                           {"panels", {"A"}}}}},
            {"domains", {{{"tag", "mri"}}}},
        };
        if (spec.panels) {
            const StoredImage a = store.put(make_image(1000 + spec.image_seed + i, 60, 90));
            const StoredImage b = store.put(make_image(2000 + spec.image_seed + i, 60, 90));
            figure["subfigures"] = {{{"id", figure_id + "-p1"}, {"box", {0, 0, 60, 90}}, {"label", "A"}, {"image", a.to_json()}, {"method", "gutter"}},
                                    {{"id", figure_id + "-p2"}, {"box", {60, 0, 120, 90}}, {"label", nullptr}, {"image", b.to_json()}, {"method", "gutter"}}};
            figure["subcaptions"] = {{{"label", "A"}, {"text", "Axial MRI of the brain showing a lesion."}, {"span", {4, 44}}}};
            figure["links"] = {{{"subfigure", figure_id + "-p1"}, {"label", "A"}, {"method", "printed-label"}, {"score", 0.9}}};
        }
        record["figures"].push_back(figure);
    }
    return record;
}

// Every regular file under `root`, relative path -> bytes.
inline std::map<std::string, std::string> read_tree(const std::string& root) {
    std::map<std::string, std::string> files;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root))
        if (entry.is_regular_file()) {
            std::ifstream in(entry.path(), std::ios::binary);
            files[std::filesystem::relative(entry.path(), root).string()] =
                std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        }
    return files;
}

}  // namespace pubforge::testing
