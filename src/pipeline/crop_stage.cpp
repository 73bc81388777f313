// Crop batches on the ordered parallel map: output order never depends on -j.
#include "pubforge/pipeline/crop_stage.hpp"

#include "pubforge/pipeline/batch.hpp"
#include "pubforge/pipeline/outcome.hpp"

namespace pubforge::pipeline {

size_t crop_batch(JsonlReader& in, ImageStore& store, const CropOptions& options, int jobs, JsonlWriter& out,
                  RejectLog& rejects) {
    store.remove_stale_temporaries();  // what a killed earlier batch left half-stored
    return transform_batch(
        in, "crop", [&](Record& record) { crop_record(record, store, options); }, jobs, out, rejects);
}

size_t crop_images(const std::vector<std::string>& files, const CropOptions& options, const std::string& debug_dir,
                   int jobs, JsonlWriter& out, RejectLog& rejects) {
    size_t written = 0;
    for_each_ordered<std::string, Outcome>(
        jobs, next_of(files),
        [&](std::string& path) {
            Outcome outcome;
            outcome.input = path;
            run_step(outcome, "crop", [&] { outcome.record = crop_image_file(path, options, debug_dir); });
            return outcome;
        },
        [&](Outcome& outcome) { written += write_outcome(outcome, out, rejects); });
    return written;
}

}  // namespace pubforge::pipeline
