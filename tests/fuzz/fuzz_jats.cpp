// libFuzzer target: any bytes through the JATS reader must give a record or a pubforge::Error, never a crash or hang.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

#include "pubforge/core/error.hpp"
#include "pubforge/jats/jats_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static pubforge::ImageStore store((std::filesystem::temp_directory_path() / "pubforge-fuzz-jats-store").string());
    pubforge::SourceDocument doc;
    doc.path = "fuzz.xml";
    doc.kind = "jats";
    doc.format = pubforge::Format::Xml;
    doc.bytes.assign(reinterpret_cast<const char*>(data), size);
    doc.sha256 = std::string(64, '0');
    doc.input_bytes = size;
    // One package file, so graphic resolution and image probing are exercised too.
    doc.resources = pubforge::make_memory_resolver({{"fig1.png", doc.bytes.substr(0, 64)}});
    pubforge::jats::JatsOptions options;
    options.store_images = false;
    try {
        pubforge::jats::parse_jats(doc, store, options);
    } catch (const pubforge::Error&) {
    }
    return 0;
}
