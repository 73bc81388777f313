// pubforge parse: inputs (XML, PDF, PMC-OA tar.gz, directories, @lists, -) to article records.
#include <iostream>

#include "common.hpp"
#include "pubforge/pipeline/batch.hpp"
#include "subcommands.hpp"

namespace pubforge::cli {

void setup_parse(CLI::App& command, int& exit_code) {
    struct Options {
        std::vector<std::string> inputs;
        std::string store = "store";
        BatchFlags batch;
        pipeline::ParseOptions parse;
        bool no_render = false;
    };
    auto options = std::make_shared<Options>();
    command.add_option("inputs", options->inputs, "Files, directories, @list.txt, or - for paths on stdin")->required();
    command.add_option("--store", options->store, "Image store directory")->capture_default_str();
    command.add_option("--max-pixels", options->parse.pdf.max_image_pixels, "Largest image decoded, in pixels")
        ->capture_default_str();
    command.add_option("--pdf-time-limit", options->parse.pdf.time_limit_seconds, "Seconds per PDF before it is rejected")
        ->capture_default_str();
    command.add_option("--render-dpi", options->parse.pdf.render.dpi, "DPI of PDF figures rendered from the page")
        ->capture_default_str()->check(CLI::Range(10.0, 1200.0));
    command.add_option("--render-max-pixels", options->parse.pdf.render.max_pixels,
                       "Largest rendered PDF figure, in pixels (larger ones get a lower DPI)")
        ->capture_default_str();
    command.add_option("--pdf-renderer", options->parse.pdf.render.renderer, "Poppler's pdftoppm, run as a separate process")
        ->capture_default_str();
    command.add_flag("--no-render", options->no_render, "Keep PDF figures' embedded images only, render nothing");
    add_batch_flags(command, options->batch, true, true);
    command.callback([options, &exit_code] {
        run_command(exit_code, [&] {
            options->parse.pdf.render.enabled = !options->no_render;
            const auto inputs = collect_inputs(options->inputs, std::cin, Shard::parse(options->batch.shard.empty() ? "1/1" : options->batch.shard));
            ImageStore store(options->store);
            JsonlWriter out(options->batch.output);
            RejectLog rejects(options->batch.rejects);
            const size_t records = pipeline::parse_batch(inputs, store, options->parse, options->batch.jobs, out, rejects);
            out.close();
            rejects.close();
            log_summary("parse", records, rejects);
            return exit_code_for(rejects, options->batch);
        });
    });
}

}  // namespace pubforge::cli
