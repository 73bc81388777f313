// The stage batch loops, on top of the ordered parallel map.
#include "pubforge/pipeline/batch.hpp"

#include "pubforge/pipeline/outcome.hpp"

namespace pubforge::pipeline {

size_t parse_batch(const std::vector<InputFile>& inputs, ImageStore& store, const ParseOptions& options, int jobs,
                   JsonlWriter& out, RejectLog& rejects) {
    store.remove_stale_temporaries();  // what a killed earlier batch left half-stored
    size_t written = 0;
    for_each_ordered<InputFile, Outcome>(
        jobs, next_of(inputs),
        [&](InputFile& item) {
            Outcome outcome;
            outcome.input = item.path;
            run_step(outcome, "parse", [&] { outcome.record = parse_input(item.path, store, options); });
            return outcome;
        },
        [&](Outcome& outcome) { written += write_outcome(outcome, out, rejects); });
    return written;
}

namespace {
struct Line {
    std::string text;
    size_t number = 0;
};
}  // namespace

size_t map_lines(JsonlReader& in, const std::string& stage, int jobs,
                 const std::function<void(const std::string& line, Outcome& outcome)>& work, JsonlWriter& out,
                 RejectLog& rejects) {
    size_t written = 0;
    for_each_ordered<Line, Outcome>(
        jobs,
        [&](Line& line) {
            if (!in.next_line(line.text)) return false;
            line.number = in.line_number();
            return true;
        },
        [&](Line& line) {
            Outcome outcome;
            outcome.input = in.path() + ":" + std::to_string(line.number);
            run_step(outcome, stage, [&] { work(line.text, outcome); });
            return outcome;
        },
        [&](Outcome& outcome) { written += write_outcome(outcome, out, rejects); });
    return written;
}

size_t transform_batch(JsonlReader& in, const std::string& stage, const std::function<void(Record&)>& transform,
                       int jobs, JsonlWriter& out, RejectLog& rejects) {
    return map_lines(
        in, stage, jobs,
        [&](const std::string& line, Outcome& outcome) {
            Record record;
            try {
                record = Record::parse(line);
            } catch (const nlohmann::json::exception& e) {
                throw Error("jsonl.malformed", outcome.input + ": not JSON: " + e.what());
            }
            if (record.contains("source") && record["source"].contains("path"))
                outcome.input = record["source"]["path"].get<std::string>();
            transform(record);
            mark_stage(record, stage);
            outcome.record = std::move(record);
        },
        out, rejects);
}

}  // namespace pubforge::pipeline
