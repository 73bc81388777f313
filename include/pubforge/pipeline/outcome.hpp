// What one document became in a stage (a record or the stage's error), and the steps every batch shares.
#pragma once

#include <new>
#include <optional>
#include <string>

#include "pubforge/core/error.hpp"
#include "pubforge/core/jsonl.hpp"
#include "pubforge/core/ordered.hpp"
#include "pubforge/core/record.hpp"
#include "pubforge/core/rejects.hpp"

namespace pubforge::pipeline {

// What one document became: a record, or the error of the stage that gave up on it.
struct Outcome {
    std::string input;
    std::optional<Record> record;
    std::string stage;  // set with error
    std::optional<Error> error;
};

// Runs one step of a document's processing and turns a non-fatal Error into
// the outcome's rejection; fatal errors propagate and stop the run.
template <class Step>
bool run_step(Outcome& outcome, const std::string& stage, Step&& step) {
    if (outcome.error) return false;
    try {
        step();
        return true;
    } catch (const Error& e) {
        if (e.fatal()) throw;
        outcome.stage = stage;
        outcome.error = e;
    } catch (const std::bad_alloc&) {
        outcome.stage = stage;
        outcome.error = Error("resource.memory", outcome.input + ": out of memory");
    } catch (const std::exception& e) {
        outcome.stage = stage;
        outcome.error = Error("internal", outcome.input + ": " + e.what());
    }
    outcome.record.reset();
    return false;
}

// The usual last step of a batch: a rejection goes to the log, a record to the writer.
// Returns 1 when a record was written, so callers can count outputs.
inline size_t write_outcome(const Outcome& outcome, JsonlWriter& out, RejectLog& rejects) {
    if (outcome.error) {
        rejects.add(outcome.input, outcome.stage, *outcome.error);
        return 0;
    }
    out.write(*outcome.record);
    return 1;
}

}  // namespace pubforge::pipeline
