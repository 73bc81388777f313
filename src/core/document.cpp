// Opening inputs: sniffing, package reading with libarchive, and href resolution.
#include "pubforge/core/ascii.hpp"
#include "pubforge/core/document.hpp"

#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <filesystem>
#include <vector>

#include "pubforge/core/error.hpp"
#include "pubforge/core/files.hpp"
#include "pubforge/core/hash.hpp"

namespace pubforge {
namespace fs = std::filesystem;

namespace {

std::string base_name(const std::string& path) {
    const auto slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string stem_of(const std::string& name) {
    const std::string base = base_name(name);
    const auto dot = base.find_last_of('.');
    return dot == std::string::npos || dot == 0 ? base : base.substr(0, dot);
}

// Extensions an href may carry that another file of the package can stand in for.
bool has_file_extension(const std::string& href) {
    const std::string base = base_name(href);
    const auto dot = base.find_last_of('.');
    if (dot == std::string::npos || dot == 0) return false;
    const std::string ext = ascii_lower(base.substr(dot + 1));
    for (const char* known : {"tif", "tiff", "jpg", "jpeg", "png", "gif", "bmp", "webp", "jp2", "j2k", "eps", "ps",
                              "pdf", "svg"})
        if (ext == known) return true;
    return false;
}

// Orders candidate names for one href: exact path, exact file name, then the href
// as a stem with any extension ("pone.0234687.g001" -> "pone.0234687.g001.tif"; the
// href's own dots belong to the stem, so it never matches "pone.0234687.nxml"),
// then another extension for the same stem ("fig1.gif" -> "fig1.jpg").
int match_rank(const std::string& href, const std::string& name) {
    if (name == href) return 0;
    if (base_name(name) == base_name(href)) return 1;
    if (ascii_lower(base_name(name)) == ascii_lower(base_name(href))) return 2;
    if (stem_of(name) == base_name(href)) return 3;
    if (ascii_lower(stem_of(name)) == ascii_lower(base_name(href))) return 4;
    if (has_file_extension(href) && stem_of(name) == stem_of(href)) return 5;
    if (has_file_extension(href) && ascii_lower(stem_of(name)) == ascii_lower(stem_of(href))) return 6;
    return -1;
}

int format_preference(const std::string& bytes) {
    return is_image_format(sniff_format(std::string_view(bytes).substr(0, 64))) ? 0 : 1;
}

// Orders matches as find_all promises: name rank, then images first, then name.
void order_matches(std::vector<Resource>& matches) {
    std::vector<std::pair<std::pair<int, int>, size_t>> keys;
    for (size_t i = 0; i < matches.size(); ++i)
        keys.push_back({{matches[i].match_rank, format_preference(matches[i].bytes)}, i});
    std::stable_sort(keys.begin(), keys.end(), [&](const auto& a, const auto& b) {
        return a.first != b.first ? a.first < b.first : matches[a.second].name < matches[b.second].name;
    });
    std::vector<Resource> ordered;
    ordered.reserve(matches.size());
    for (const auto& key : keys) ordered.push_back(std::move(matches[key.second]));
    matches = std::move(ordered);
}

class MemoryResolver : public ResourceResolver {
public:
    explicit MemoryResolver(std::map<std::string, std::string> files) : files_(std::move(files)) {}
    std::vector<Resource> find_all(const std::string& href) const override {
        std::vector<Resource> matches;
        for (const auto& [name, bytes] : files_) {
            const int rank = match_rank(href, name);
            if (rank >= 0) matches.push_back(Resource{name, bytes, rank});
        }
        order_matches(matches);
        return matches;
    }

private:
    std::map<std::string, std::string> files_;
};

class DirectoryResolver : public ResourceResolver {
public:
    explicit DirectoryResolver(std::string directory) : directory_(std::move(directory)) {}
    std::vector<Resource> find_all(const std::string& href) const override {
        // Only names inside the package directory are considered: an href such as
        // "../../etc/passwd" matches nothing because candidates come from a listing.
        std::vector<Resource> matches;
        std::error_code ec;
        for (auto it = fs::directory_iterator(directory_, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
            if (!it->is_regular_file(ec)) continue;
            const std::string name = it->path().filename().string();
            const int rank = match_rank(href, name);
            if (rank >= 0) matches.push_back(Resource{name, read_file(directory_ + "/" + name), rank});
        }
        order_matches(matches);
        return matches;
    }

private:
    std::string directory_;
};

bool unsafe_member_path(const std::string& name) {
    if (name.empty() || name[0] == '/' || name.find('\\') != std::string::npos) return true;
    size_t start = 0;
    while (start <= name.size()) {
        const auto end = std::min(name.find('/', start), name.size());
        if (name.compare(start, end - start, "..") == 0 && end - start == 2) return true;
        start = end + 1;
    }
    return false;
}

SourceDocument open_package(const std::string& path, const PackageLimits& limits) {
    SourceDocument doc;
    doc.path = path;
    doc.kind = "pmc-oa";
    std::error_code ec;
    doc.input_bytes = fs::file_size(path, ec);
    doc.sha256 = sha256_file(path);

    std::unique_ptr<archive, decltype(&archive_read_free)> reader(archive_read_new(), &archive_read_free);
    archive_read_support_filter_gzip(reader.get());
    archive_read_support_format_tar(reader.get());
    if (archive_read_open_filename(reader.get(), path.c_str(), 1 << 16) != ARCHIVE_OK)
        throw Error("tar.corrupt", path + ": not a readable tar.gz: " + archive_error_string(reader.get()));

    std::map<std::string, std::string> files;
    std::uint64_t total = 0;
    archive_entry* entry = nullptr;
    while (true) {
        const int status = archive_read_next_header(reader.get(), &entry);
        if (status == ARCHIVE_EOF) break;
        if (status < ARCHIVE_WARN)
            throw Error("tar.corrupt", path + ": " + std::string(archive_error_string(reader.get())));
        const std::string name = archive_entry_pathname(entry) ? archive_entry_pathname(entry) : "";
        if (unsafe_member_path(name))
            throw Error("tar.unsafe-path", path + ": member '" + name + "' is absolute or leaves the package");
        const char* link = archive_entry_symlink(entry);
        const char* hardlink = archive_entry_hardlink(entry);
        if (link || hardlink) {
            const std::string target = link ? link : hardlink;
            const std::string resolved = fs::path(name).parent_path().string() + "/" + target;
            if (unsafe_member_path(target) && (target.empty() || target[0] == '/' || unsafe_member_path(resolved)))
                throw Error("tar.unsafe-link", path + ": link '" + name + "' points outside the package ('" + target + "')");
            continue;  // links inside the package add nothing a reader needs
        }
        if (archive_entry_filetype(entry) != AE_IFREG) continue;
        const auto declared = static_cast<std::uint64_t>(std::max<la_int64_t>(0, archive_entry_size(entry)));
        if (declared > limits.max_member_bytes)
            throw Error("tar.member-too-large", path + ": member '" + name + "' declares " + std::to_string(declared) +
                                                    " bytes, over the limit of " + std::to_string(limits.max_member_bytes));
        std::string bytes;
        bytes.reserve(static_cast<size_t>(declared));
        char buffer[1 << 16];
        la_ssize_t got;
        while ((got = archive_read_data(reader.get(), buffer, sizeof buffer)) > 0) {
            bytes.append(buffer, static_cast<size_t>(got));
            total += static_cast<std::uint64_t>(got);
            if (bytes.size() > limits.max_member_bytes)
                throw Error("tar.member-too-large", path + ": member '" + name + "' is over the size limit");
            if (total > limits.max_total_bytes ||
                (total > (64ull << 20) && total / std::max<std::uint64_t>(doc.input_bytes, 1) > limits.max_expansion_ratio))
                throw Error("tar.bomb", path + ": expands to over " + std::to_string(total) + " bytes from " +
                                            std::to_string(doc.input_bytes) + " (decompression bomb?)");
        }
        if (got < 0) throw Error("tar.corrupt", path + ": truncated member '" + name + "': " + archive_error_string(reader.get()));
        files.emplace(name, std::move(bytes));
    }

    // The article is the .nxml member (PMC's convention), else the largest XML.
    const std::string* main_name = nullptr;
    for (const auto& [name, bytes] : files)
        if (ascii_lower(name).size() > 5 && ascii_lower(name).substr(name.size() - 5) == ".nxml") { main_name = &name; break; }
    if (!main_name) {
        size_t largest = 0;
        for (const auto& [name, bytes] : files)
            if (sniff_format(std::string_view(bytes).substr(0, 512)) == Format::Xml && bytes.size() > largest)
                largest = bytes.size(), main_name = &name;
    }
    if (!main_name) throw Error("tar.no-article", path + ": the package holds no .nxml or XML article");
    doc.member = *main_name;
    doc.bytes = files[*main_name];
    doc.format = Format::Xml;
    files.erase(*main_name);
    doc.resources = make_memory_resolver(std::move(files));
    return doc;
}

}  // namespace

std::optional<Resource> ResourceResolver::find(const std::string& href) const {
    auto matches = find_all(href);
    if (matches.empty()) return std::nullopt;
    return std::move(matches.front());
}

std::shared_ptr<const ResourceResolver> make_memory_resolver(std::map<std::string, std::string> files) {
    return std::make_shared<MemoryResolver>(std::move(files));
}

std::shared_ptr<const ResourceResolver> make_directory_resolver(std::string directory) {
    return std::make_shared<DirectoryResolver>(std::move(directory));
}

SourceDocument open_document(const std::string& path, const PackageLimits& limits) {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) throw Error("io.read", path + ": no such file");
    std::string head;
    {
        std::FILE* f = std::fopen(path.c_str(), "rb");
        if (!f) throw Error("io.read", path + ": cannot open");
        head.resize(1024);
        head.resize(std::fread(head.data(), 1, head.size(), f));
        std::fclose(f);
    }
    const Format format = sniff_format(head);
    if (format == Format::Gzip || format == Format::Tar) return open_package(path, limits);
    if (format != Format::Xml && format != Format::Pdf)
        throw Error("input.unknown-format", path + ": neither XML, PDF nor a tar.gz package (sniffed: " +
                                                format_name(format) + ")");
    SourceDocument doc;
    doc.path = path;
    doc.kind = format == Format::Pdf ? "pdf" : "jats";
    doc.format = format;
    doc.bytes = read_file(path, limits.max_document_bytes);
    doc.sha256 = sha256_hex(doc.bytes);
    doc.input_bytes = doc.bytes.size();
    const auto parent = fs::path(path).parent_path().string();
    doc.resources = make_directory_resolver(parent.empty() ? "." : parent);
    return doc;
}

}  // namespace pubforge
