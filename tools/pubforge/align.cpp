// pubforge align: caption lines -> subcaptions (--captions), or article records -> subcaptions, links, mentions, domains.
#include <iostream>

#include "pubforge/pipeline/align_stage.hpp"
#include "common.hpp"
#include "subcommands.hpp"

namespace pubforge::cli {

void setup_align(CLI::App& command, int& exit_code) {
    struct Options {
        std::string input = "-";
        std::string captions;
        BatchFlags batch;
        align::AlignOptions align;
    };
    auto options = std::make_shared<Options>();
    command.add_option("records", options->input, "Article records (JSONL) from parse or crop, or - for stdin")
        ->capture_default_str();
    command.add_option("--captions", options->captions,
                       "Split the captions of a {\"key\", \"caption\"} JSONL file instead of article records");
    command.add_option("--domains", options->align.domains_path, "Domain vocabulary (default: data/domains.json)");
    command.add_option("--max-caption-bytes", options->align.split.max_bytes, "Longer captions are cut (and warned)")
        ->capture_default_str();
    command.add_flag("!--no-mentions", options->align.mentions,
                     "Keep the parser's mentions as they are: do not add the panels they name");
    command.add_flag("!--no-domains", options->align.domains, "Do not tag domains");
    add_batch_flags(command, options->batch);
    command.callback([options, &exit_code] {
        run_command(exit_code, [&] {
            const bool captions = !options->captions.empty();
            JsonlReader in(captions ? options->captions : options->input);
            JsonlWriter out(options->batch.output);
            RejectLog rejects(options->batch.rejects);
            const size_t written =
                captions ? pipeline::split_caption_lines(in, options->align.split, options->batch.jobs, out, rejects)
                         : pipeline::align_records(in, options->align, options->batch.jobs, out, rejects);
            out.close();
            rejects.close();
            log_summary("align", written, rejects);
            return exit_code_for(rejects, options->batch);
        });
    });
}

}  // namespace pubforge::cli
