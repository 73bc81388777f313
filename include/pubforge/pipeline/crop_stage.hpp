// The crop stage's batch drivers: records through crop_record, or bare image files to panel lines.
#pragma once

#include <string>
#include <vector>

#include "pubforge/core/jsonl.hpp"
#include "pubforge/core/rejects.hpp"
#include "pubforge/core/store.hpp"
#include "pubforge/image/crop.hpp"

namespace pubforge::pipeline {

// Records from `in` through crop_record on `jobs` threads, in input order. Returns records written.
size_t crop_batch(JsonlReader& in, ImageStore& store, const CropOptions& options, int jobs, JsonlWriter& out,
                  RejectLog& rejects);

// One panel line per image file (crop_image_file), in the order given; an image that
// cannot be read or decoded goes to `rejects` (stage "crop"). Returns lines written.
size_t crop_images(const std::vector<std::string>& files, const CropOptions& options, const std::string& debug_dir,
                   int jobs, JsonlWriter& out, RejectLog& rejects);

}  // namespace pubforge::pipeline
