// pdf::parse_pdf for the pubforge binary: loads the PDF reader from pubforge-pdf.so beside the binary on the first PDF.
// The library's own build (tests, benchmarks) links the reader directly; only this binary keeps PoDoFo and
// OpenSSL off its start-up path, which every `make -j` call of pubforge pays (docs/architecture.md, "Start-up").
#include <dlfcn.h>

#include <mutex>
#include <string>

#include "common.hpp"
#include "pubforge/core/error.hpp"
#include "pubforge/pdf/module.hpp"

namespace pubforge::pdf {
namespace {

struct LoadedReader {
    const ReaderModule* module = nullptr;
    std::string problem;  // why it could not be loaded, for every PDF that asks
};

LoadedReader load_reader() {
    const std::string path = cli::path_beside_executable(kReaderModuleFile);
    // RTLD_LOCAL: the module's copies of PoDoFo's and OpenCV's inline code stay its own. Never unloaded:
    // records and errors made by its code may outlive any point where unloading would be safe.
    void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) return {nullptr, std::string("cannot load the PDF reader: ") + ::dlerror()};
    using Entry = const ReaderModule* (*)();
    auto entry = reinterpret_cast<Entry>(::dlsym(handle, kReaderModuleSymbol));
    if (!entry) return {nullptr, path + " has no " + kReaderModuleSymbol + ": not pubforge's PDF reader"};
    const ReaderModule* module = entry();
    if (!same_build(*module))
        return {nullptr, path + " is from another build of pubforge (version " + module->version + ", this binary " +
                             PUBFORGE_VERSION + "): rebuild both"};
    return {module, ""};
}

const LoadedReader& reader() {
    static std::once_flag once;
    static LoadedReader loaded;
    std::call_once(once, [] { loaded = load_reader(); });
    return loaded;
}

}  // namespace

Record parse_pdf(const SourceDocument& doc, ImageStore& store, const PdfOptions& options) {
    const LoadedReader& loaded = reader();
    if (!loaded.module) throw Error("pdf.reader-missing", loaded.problem, true);
    return loaded.module->parse(doc, store, options);
}

}  // namespace pubforge::pdf
