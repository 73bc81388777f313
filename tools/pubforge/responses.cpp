// pubforge responses import: batch results back into the archive, validated per task, rejects counted by reason.
#include <spdlog/spdlog.h>

#include "common.hpp"
#include "pubforge/export/responses.hpp"
#include "subcommands.hpp"

namespace pubforge::cli {

void setup_responses(CLI::App& command, int& exit_code) {
    struct Options {
        std::string db;
        std::string results;
        BatchFlags batch;
    };
    auto options = std::make_shared<Options>();
    command.require_subcommand(1);
    CLI::App& import = *command.add_subcommand("import", "Validate batch results and store them in the archive");
    import.add_option("--db", options->db, "Archive the requests were exported from")->required();
    import.add_option("results", options->results, "Batch results JSONL (OpenAI Batch output, vLLM run_batch output)")->required();
    add_batch_flags(import, options->batch, false);
    import.callback([options, &exit_code] {
        run_command(exit_code, [&] {
            auto archive = exporter::open_response_archive(options->db);
            RejectLog rejects(options->batch.rejects);
            const auto summary = exporter::import_responses(*archive.source, *archive.store, options->results, rejects);
            rejects.close();
            std::string tasks;
            for (const auto& [task, count] : summary.stored_by_task) tasks += (tasks.empty() ? "" : ", ") + task + " " + std::to_string(count);
            spdlog::info("responses: {} lines, {} stored{}", summary.lines, summary.stored, tasks.empty() ? "" : " (" + tasks + ")");
            log_summary("responses import", summary.stored, rejects);
            return exit_code_for(rejects, options->batch);
        });
    });
}

}  // namespace pubforge::cli
