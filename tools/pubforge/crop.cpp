// pubforge crop: records (or bare images with --images) through panel detection; options in, one library call.
#include <iostream>

#include "common.hpp"
#include "pubforge/pipeline/crop_stage.hpp"
#include "subcommands.hpp"

namespace pubforge::cli {

void setup_crop(CLI::App& command, int& exit_code) {
    struct Options {
        std::vector<std::string> inputs;
        std::string store = "store";
        bool images = false;
        std::string debug_dir;
        bool no_labels = false;
        bool no_caption_prior = false;
        BatchFlags batch;
        CropOptions crop;
    };
    auto options = std::make_shared<Options>();
    command.add_option("inputs", options->inputs, "Records JSONL file or - (default); image files with --images");
    command.add_option("--store", options->store, "Image store directory")->capture_default_str();
    command.add_flag("--images", options->images, "Inputs are image files: print one panel line per image");
    command.add_option("--debug-dir", options->debug_dir, "With --images: write each image with its panel boxes drawn");
    command.add_option("--max-pixels", options->crop.decode.max_pixels, "Largest image decoded, in pixels")
        ->capture_default_str();
    command.add_flag("--no-labels", options->no_labels, "Do not read panel letters");
    command.add_flag("--no-caption-prior", options->no_caption_prior, "Ignore the panel count the caption announces");
    add_batch_flags(command, options->batch);
    command.callback([options, &exit_code] {
        run_command(exit_code, [&] {
            options->crop.panels.read_labels = !options->no_labels;
            options->crop.caption_prior = !options->no_caption_prior;
            JsonlWriter out(options->batch.output);
            RejectLog rejects(options->batch.rejects);
            size_t written = 0;
            if (options->images) {
                if (options->inputs.empty()) throw UsageError("crop --images needs image files");
                written = pipeline::crop_images(options->inputs, options->crop, options->debug_dir,
                                                options->batch.jobs, out, rejects);
            } else {
                if (options->inputs.size() > 1) throw UsageError("crop reads one records file (or -)");
                if (!options->debug_dir.empty()) throw UsageError("--debug-dir goes with --images");
                JsonlReader in(options->inputs.empty() ? "-" : options->inputs.front());
                ImageStore store(options->store);
                written = pipeline::crop_batch(in, store, options->crop, options->batch.jobs, out, rejects);
            }
            out.close();
            rejects.close();
            log_summary("crop", written, rejects);
            return exit_code_for(rejects, options->batch);
        });
    });
}

}  // namespace pubforge::cli
