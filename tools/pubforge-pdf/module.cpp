// pubforge-pdf.so: the PDF reader (PoDoFo, and OpenSSL for old encryption) as a module that the pubforge
// binary loads on its first PDF, so no other start pays for loading them (docs/architecture.md, "Start-up").
#include "pubforge/pdf/module.hpp"

extern "C" __attribute__((visibility("default"))) const pubforge::pdf::ReaderModule* pubforge_pdf_module() {
    static const pubforge::pdf::ReaderModule module = pubforge::pdf::reader_module_of_this_build(&pubforge::pdf::parse_pdf);
    return &module;
}
