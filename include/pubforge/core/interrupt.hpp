// Cooperative interruption: SIGINT/SIGTERM set a flag that batch loops poll, so a stop leaves nothing half-written.
#pragma once

namespace pubforge {

// Installs SIGINT and SIGTERM handlers that only set the flag (async-signal-safe), and
// ignores SIGPIPE so that a closed pipe is an io.broken-pipe error (core/files.hpp).
void install_interrupt_handlers();

bool interrupt_requested();

// Throws Error("interrupted", fatal) when an interrupt was requested; batch loops call it
// after draining the documents already in flight.
void throw_if_interrupted();

// For tests: raise or clear the flag.
void request_interrupt(bool value = true);

}  // namespace pubforge
