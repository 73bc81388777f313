// A source document as the readers see it: the main bytes (XML or PDF) plus the package's other files.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "pubforge/core/sniff.hpp"

namespace pubforge {

struct Resource {
    std::string name;   // path inside the package
    std::string bytes;
    int match_rank = 0;  // 0 the href's exact path ... 6 another extension of its stem (document.cpp)
};

// Finds a package file from an href as JATS writes it: exact relative path, then
// file name, then stem with any extension (PMC and SciELO hrefs often omit it).
class ResourceResolver {
public:
    virtual ~ResourceResolver() = default;
    // Every file the href may stand for, best name match first (then images before
    // other files, then by name). Packages often hold one figure several times
    // (a thumbnail .gif beside the .jpg, a .tif original): choosing among them is the
    // reader's business (jats/graphic_choice), not the resolver's.
    virtual std::vector<Resource> find_all(const std::string& href) const = 0;
    // The best name match alone, or nothing.
    std::optional<Resource> find(const std::string& href) const;
};

struct PackageLimits {
    std::uint64_t max_member_bytes = 512ull << 20;   // one file inside a .tar.gz
    std::uint64_t max_total_bytes = 4ull << 30;      // all files of one package, uncompressed
    std::uint64_t max_expansion_ratio = 200;         // uncompressed / compressed, past 64 MiB (images barely compress)
    std::uint64_t max_document_bytes = 1ull << 30;   // a loose XML or PDF
};

struct SourceDocument {
    std::string path;       // the input as given
    std::string kind;       // "jats", "pmc-oa" (a package archive) or "pdf"
    std::string member;     // the main file's name inside a package, else empty
    Format format = Format::Unknown;  // of the main bytes: Xml or Pdf
    std::string bytes;      // the main file's bytes
    std::string sha256;     // of the input file as given (the package, for archives)
    std::uint64_t input_bytes = 0;
    std::shared_ptr<const ResourceResolver> resources;
};

// Opens an input by sniffing its bytes: XML and PDF are read directly (resources
// resolve in the same directory); gzip/tar packages are read in memory with
// libarchive, never extracted. Throws Error with a specific code: io.read,
// input.unknown-format, tar.corrupt, tar.unsafe-path, tar.unsafe-link,
// tar.member-too-large, tar.bomb, tar.no-article.
SourceDocument open_document(const std::string& path, const PackageLimits& limits = {});

// Resolver over an in-memory set of files (tar packages, tests).
std::shared_ptr<const ResourceResolver> make_memory_resolver(std::map<std::string, std::string> files);

// Resolver over a directory on disk (loose JATS files next to their images).
std::shared_ptr<const ResourceResolver> make_directory_resolver(std::string directory);

}  // namespace pubforge
