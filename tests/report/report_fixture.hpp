// Test helper for report tests: a small archive of articles over several journals and years, with stored images.
#pragma once

#include <string>

#include "export/export_fixture.hpp"
#include "pubforge/archive/archive.hpp"
#include "pubforge/archive/loader.hpp"

namespace pubforge::testing {

// Six articles, three journals x two years, two figures each; articles 0, 2 and 4 have two
// panels per figure with the second panel unpaired (listed in `unlinked`).
inline void make_report_archive(const std::string& db_path, ImageStore& store) {
    auto archive = archive::Archive::open(db_path, archive::Archive::Mode::ReadWrite);
    RejectLog rejects;
    archive::Loader loader(archive, {}, rejects);
    const char* journals[] = {"Journal of Examples", "Sample Radiology", "Annals of Tests"};
    for (int i = 0; i < 6; ++i) {
        ArticleSpec spec;
        spec.id = "PMC10" + std::to_string(i);
        spec.journal = journals[i % 3];
        spec.year = 2018 + i / 3;
        spec.image_seed = 10 * i;
        spec.panels = i % 2 == 0;
        spec.license_code = i == 5 ? "CC-BY-NC-4.0" : "CC-BY-4.0";
        spec.license_class = i == 5 ? "noncommercial" : "commercial";
        Record record = make_article(store, spec);
        if (spec.panels)
            for (auto& figure : record["figures"]) {
                figure["compound"] = true;
                figure["unlinked"] = {{"subfigures", {figure["id"].get<std::string>() + "-p2"}}, {"labels", nlohmann::json::array()}};
            }
        loader.add(record);
    }
    loader.finish();
}

}  // namespace pubforge::testing
