// Placeholder until the JATS reader lands: rejects every XML input with a clear code.
#include "pubforge/jats/jats_reader.hpp"

#include "pubforge/core/error.hpp"

namespace pubforge::jats {
Record parse_jats(const SourceDocument& doc, ImageStore&, const JatsOptions&) {
    throw Error("not-implemented", doc.path + ": the JATS reader is not built yet");
}
}  // namespace pubforge::jats
