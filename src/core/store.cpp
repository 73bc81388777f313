// Content-addressed storage of image bytes; writes are atomic so parallel workers may race safely.
#include "pubforge/core/store.hpp"

#include <filesystem>

#include "pubforge/core/error.hpp"
#include "pubforge/core/files.hpp"
#include "pubforge/core/hash.hpp"
#include "pubforge/core/image_probe.hpp"

namespace pubforge {
namespace fs = std::filesystem;

nlohmann::json StoredImage::to_json() const {
    return {{"sha256", sha256}, {"format", format_name(format)}, {"width", width},
            {"height", height}, {"bytes", bytes}};
}

StoredImage StoredImage::from_json(const nlohmann::json& image) {
    StoredImage out;
    out.sha256 = image.value("sha256", "");
    const std::string name = image.value("format", "unknown");
    for (Format f : {Format::Jpeg, Format::Png, Format::Gif, Format::Tiff, Format::Bmp, Format::Webp,
                     Format::Jpeg2000})
        if (format_name(f) == name) out.format = f;
    out.width = image.value("width", 0);
    out.height = image.value("height", 0);
    out.bytes = image.value("bytes", std::uint64_t{0});
    return out;
}

ImageStore::ImageStore(std::string root) : root_(std::move(root)) {
    std::error_code ec;
    fs::create_directories(root_, ec);
    if (ec) throw Error("io.write", "cannot create the image store " + root_ + ": " + ec.message(), true);
}

std::string ImageStore::path_of(const std::string& sha256, Format format) const {
    return root_ + "/" + sha256.substr(0, 2) + "/" + sha256.substr(2, 2) + "/" + sha256 + "." +
           format_extension(format);
}

StoredImage describe_image(std::string_view bytes) {
    StoredImage image;
    image.sha256 = sha256_hex(bytes);
    image.format = sniff_format(bytes.substr(0, 64));
    image.bytes = bytes.size();
    const ImageSize size = probe_image_size(bytes);
    image.width = size.width;
    image.height = size.height;
    return image;
}

StoredImage ImageStore::put(std::string_view bytes) {
    const StoredImage image = describe_image(bytes);
    const std::string path = path_of(image);
    std::error_code ec;
    // Temporaries go to one folder of their own, so a killed writer's leftovers are
    // found without walking the millions of files below STORE/ab/cd.
    if (!fs::exists(path, ec)) write_file_atomic(path, bytes, temp_dir());
    return image;
}

size_t ImageStore::remove_stale_temporaries() const { return pubforge::remove_stale_temporaries(temp_dir()); }

bool ImageStore::contains(const StoredImage& image) const {
    std::error_code ec;
    return fs::exists(path_of(image), ec);
}

std::string ImageStore::read(const StoredImage& image) const {
    const std::string path = path_of(image);
    std::error_code ec;
    if (!fs::exists(path, ec)) throw Error("store.missing", "image " + image.sha256 + " is not in the store " + root_);
    return read_file(path);
}

}  // namespace pubforge
