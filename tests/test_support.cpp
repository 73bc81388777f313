// Test helpers: scratch directories and paths to fixtures and the shared corpus.
#include "test_support.hpp"

#include <filesystem>
#include <fstream>

#include <archive.h>
#include <archive_entry.h>
#include <gif_lib.h>
#include <opencv2/imgcodecs.hpp>

#include "pubforge/core/hash.hpp"

namespace pubforge::testing {
namespace fs = std::filesystem;

ScratchDir::ScratchDir() {
    std::string pattern = (fs::temp_directory_path() / "pubforge-test-XXXXXX").string();
    path_ = ::mkdtemp(pattern.data()) ? pattern : "";
}

ScratchDir::~ScratchDir() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
}

std::string fixture(const std::string& relative) { return std::string(PUBFORGE_TEST_FIXTURES) + "/" + relative; }
std::string source_path(const std::string& relative) { return std::string(PUBFORGE_SOURCE_DIR) + "/" + relative; }

std::string corpus_path(const std::string& relative) {
    const fs::path path = fs::path(PUBFORGE_SHARED_CORPUS) / relative;
    std::error_code ec;
    return fs::exists(path, ec) ? fs::weakly_canonical(path).string() : "";
}

std::vector<nlohmann::json> read_jsonl_file(const std::string& path) {
    std::vector<nlohmann::json> out;
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line))
        if (!line.empty()) out.push_back(nlohmann::json::parse(line));
    return out;
}

void write_tar_gz(const std::string& path, const std::vector<TarMember>& members) {
    archive* writer = archive_write_new();
    archive_write_add_filter_gzip(writer);
    archive_write_set_format_pax_restricted(writer);
    archive_write_open_filename(writer, path.c_str());
    for (const auto& member : members) {
        archive_entry* entry = archive_entry_new();
        archive_entry_set_pathname(entry, member.name.c_str());
        archive_entry_set_perm(entry, 0644);
        if (member.kind == TarMember::Symlink) {
            archive_entry_set_filetype(entry, AE_IFLNK);
            archive_entry_set_symlink(entry, member.link.c_str());
            archive_entry_set_size(entry, 0);
        } else if (member.kind == TarMember::Hardlink) {
            archive_entry_set_filetype(entry, AE_IFREG);
            archive_entry_set_hardlink(entry, member.link.c_str());
            archive_entry_set_size(entry, 0);
        } else {
            archive_entry_set_filetype(entry, AE_IFREG);
            archive_entry_set_size(entry, member.declared_size >= 0 ? member.declared_size
                                                                   : static_cast<la_int64_t>(member.bytes.size()));
        }
        archive_write_header(writer, entry);
        if (member.kind == TarMember::File && !member.bytes.empty())
            archive_write_data(writer, member.bytes.data(), member.bytes.size());
        archive_entry_free(entry);
    }
    archive_write_close(writer);
    archive_write_free(writer);
}

std::string encode_test_image(const std::string& extension, int width, int height) {
    cv::Mat image(height, width, CV_8UC3, cv::Scalar(40, 120, 200));
    std::vector<uchar> bytes;
    cv::imencode(extension, image, bytes);
    return std::string(bytes.begin(), bytes.end());
}

std::string encode_test_gif(int width, int height) {
    // OpenCV writes no GIF: giflib's encoder, two-colour palette, a diagonal so it is not flat.
    std::string out;
    int error = 0;
    GifFileType* gif = EGifOpen(&out, [](GifFileType* file, const GifByteType* data, int length) {
        static_cast<std::string*>(file->UserData)->append(reinterpret_cast<const char*>(data), static_cast<size_t>(length));
        return length;
    }, &error);
    GifColorType colours[2] = {{255, 255, 255}, {20, 60, 140}};
    ColorMapObject* map = GifMakeMapObject(2, colours);
    EGifPutScreenDesc(gif, width, height, 1, 0, map);
    EGifPutImageDesc(gif, 0, 0, width, height, false, nullptr);
    std::vector<GifPixelType> row(static_cast<size_t>(width));
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) row[static_cast<size_t>(x)] = (x + y) % 7 == 0;
        EGifPutLine(gif, row.data(), width);
    }
    EGifCloseFile(gif, &error);
    GifFreeMapObject(map);
    return out;
}

void write_text_file(const std::string& path, const std::string& text) {
    fs::create_directories(fs::path(path).parent_path());
    std::ofstream(path, std::ios::binary) << text;
}

SourceDocument pdf_source(const std::string& bytes, const std::string& name) {
    SourceDocument doc;
    doc.path = name;
    doc.kind = "pdf";
    doc.format = Format::Pdf;
    doc.bytes = bytes;
    doc.sha256 = sha256_hex(bytes);
    doc.input_bytes = bytes.size();
    return doc;
}

}  // namespace pubforge::testing
