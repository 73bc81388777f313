// The one typed error the library throws: a stable machine code plus a human message.
#pragma once

#include <stdexcept>
#include <string>

namespace pubforge {

// Codes are dotted strings ("xml.malformed", "tar.unsafe-path") so that each
// module can add its own without a central enum; docs/operations.md lists them.
// `fatal` marks errors that stop the whole run (I/O on outputs, corrupt archive)
// rather than rejecting one document.
class Error : public std::runtime_error {
public:
    Error(std::string code, const std::string& message, bool fatal = false)
        : std::runtime_error(message), code_(std::move(code)), fatal_(fatal) {}

    const std::string& code() const noexcept { return code_; }
    bool fatal() const noexcept { return fatal_; }

private:
    std::string code_;
    bool fatal_;
};

// Usage errors (bad option values) are thrown as this subtype so the CLI can exit 2.
class UsageError : public Error {
public:
    explicit UsageError(const std::string& message) : Error("usage", message) {}
};

}  // namespace pubforge
