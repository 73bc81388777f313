// Read-only checks of downloaded files: sniff the first bytes, and read a gzip/tar to its end with libarchive.
#include "pubforge/fetch/verify.hpp"

#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <memory>

#include "pubforge/core/error.hpp"
#include "pubforge/core/sniff.hpp"
#include "pubforge/core/ascii.hpp"

namespace pubforge::fetch {
namespace {

bool ends_with(const std::string& text, const std::string& suffix) {
    return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// A server's error or login page served with 200 (<!DOCTYPE html>, <html>): XML to the sniffer, never an article.
bool is_html(std::string head) {
    head = ascii_lower(std::move(head));
    const auto start = head.find_first_not_of(" \t\r\n\xef\xbb\xbf");
    if (start == std::string::npos) return false;
    head = head.substr(start);
    return head.rfind("<!doctype html", 0) == 0 || head.rfind("<html", 0) == 0 || head.find("<html") != std::string::npos;
}

std::string error_text(archive* reader) {
    const char* text = archive_error_string(reader);
    return text ? text : "unknown error";
}

// Every member header and every byte of the stream, through the gzip filter: a cut or corrupt download fails here.
void read_archive_to_end(const std::string& file, const std::string& name) {
    std::unique_ptr<archive, decltype(&archive_read_free)> reader(archive_read_new(), &archive_read_free);
    archive_read_support_filter_gzip(reader.get());
    archive_read_support_format_tar(reader.get());
    if (archive_read_open_filename(reader.get(), file.c_str(), 1 << 16) != ARCHIVE_OK)
        throw Error("fetch.corrupt", name + ": not a readable tar.gz: " + error_text(reader.get()));
    archive_entry* entry = nullptr;
    size_t members = 0;
    for (;;) {
        const int status = archive_read_next_header(reader.get(), &entry);
        if (status == ARCHIVE_EOF) break;
        if (status < ARCHIVE_WARN)
            throw Error("fetch.corrupt", name + ": tar.gz unreadable after " + std::to_string(members) +
                                             " members: " + error_text(reader.get()));
        ++members;
        if (archive_read_data_skip(reader.get()) < ARCHIVE_WARN)
            throw Error("fetch.corrupt", name + ": tar.gz member " + std::to_string(members) +
                                             " unreadable: " + error_text(reader.get()));
    }
    if (members == 0) throw Error("fetch.corrupt", name + ": tar.gz holds no member");
}

}  // namespace

void verify_download(const std::string& file, const std::string& name) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw Error("io.read", "cannot read back " + file);
    std::string head(1024, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<size_t>(in.gcount()));
    const Format format = sniff_format(head);
    const bool package = ends_with(name, ".tar.gz") || ends_with(name, ".tgz");
    if (format == Format::Xml && is_html(head))
        throw Error("fetch.not-a-package", name + ": the server sent an HTML page, not the file");
    if (package && format != Format::Gzip)
        throw Error("fetch.not-a-package", name + ": expected a tar.gz, got " +
                                               (format == Format::Unknown ? std::string("unknown bytes") : format_name(format)));
    if (format == Format::Gzip || format == Format::Tar) return read_archive_to_end(file, name);
    if (format != Format::Xml && format != Format::Pdf)
        throw Error("fetch.not-a-package", name + ": not a document pubforge reads (" +
                                               (format == Format::Unknown ? std::string("unknown bytes") : format_name(format)) + ")");
}

}  // namespace pubforge::fetch
