// The process-wide interrupt flag behind SIGINT/SIGTERM, and SIGPIPE turned into a write error.
#include "pubforge/core/interrupt.hpp"

#include <atomic>
#include <csignal>

#include "pubforge/core/error.hpp"

namespace pubforge {
namespace {

std::atomic<bool> g_interrupted{false};

extern "C" void on_signal(int) { g_interrupted.store(true); }

}  // namespace

void install_interrupt_handlers() {
    struct sigaction action {};
    action.sa_handler = on_signal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
    // A reader that goes away (`| head -1`, a FIFO closed early) is then an EPIPE on the
    // write, which stops the batch like any fatal error: temporaries removed, nothing
    // committed, instead of a kill in the middle of a write.
    std::signal(SIGPIPE, SIG_IGN);
}

bool interrupt_requested() { return g_interrupted.load(); }

void request_interrupt(bool value) { g_interrupted.store(value); }

void throw_if_interrupted() {
    if (interrupt_requested()) throw Error("interrupted", "interrupted by a signal: stopped after the documents in flight; no partial output file was committed", true);
}

}  // namespace pubforge
