// The PDF reader as a loadable module: the one entry point the pubforge binary finds in pubforge-pdf.so.
#pragma once

#include <cstddef>
#include <string_view>

#include "pubforge/pdf/pdf_reader.hpp"

namespace pubforge::pdf {

// What `pubforge_pdf_module()` returns. The binary and the module come from one build; the
// version and the sizes of the types that cross between them catch a module from another one.
struct ReaderModule {
    const char* version;
    std::size_t record_size;
    std::size_t options_size;
    Record (*parse)(const SourceDocument& doc, ImageStore& store, const PdfOptions& options);
};

inline ReaderModule reader_module_of_this_build(
    Record (*parse)(const SourceDocument&, ImageStore&, const PdfOptions&)) {
    return {PUBFORGE_VERSION, sizeof(Record), sizeof(PdfOptions), parse};
}

// Whether a loaded module was built with this binary.
inline bool same_build(const ReaderModule& module) {
    return std::string_view(module.version) == PUBFORGE_VERSION && module.record_size == sizeof(Record) &&
           module.options_size == sizeof(PdfOptions);
}

// The module's exported symbol (extern "C", so dlsym finds it by this name).
inline constexpr const char* kReaderModuleSymbol = "pubforge_pdf_module";
inline constexpr const char* kReaderModuleFile = "pubforge-pdf.so";

}  // namespace pubforge::pdf
