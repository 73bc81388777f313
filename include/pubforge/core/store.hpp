// The content-addressed image store: STORE/ab/cd/<sha256>.<ext>, original bytes untouched.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "pubforge/core/sniff.hpp"

namespace pubforge {

// What a record keeps about a stored image (the "image" object of the article schema).
struct StoredImage {
    std::string sha256;
    Format format = Format::Unknown;
    int width = 0;
    int height = 0;
    std::uint64_t bytes = 0;

    nlohmann::json to_json() const;
    static StoredImage from_json(const nlohmann::json& image);
};

// What put() would record for these bytes (sha256, sniffed format, header size), without storing them.
StoredImage describe_image(std::string_view bytes);

class ImageStore {
public:
    explicit ImageStore(std::string root);

    // Stores the bytes once under their sha256 (a second put of the same bytes
    // is a no-op) and returns what a record needs. The format is sniffed from the
    // bytes; width and height are read from the image header.
    StoredImage put(std::string_view bytes);

    // Path an image with this hash and format has (or would have) in the store.
    std::string path_of(const std::string& sha256, Format format) const;
    std::string path_of(const StoredImage& image) const { return path_of(image.sha256, image.format); }

    bool contains(const StoredImage& image) const;

    // Removes what writers of this host killed mid-put left in the store's temporary
    // folder (STORE/.tmp, where puts write before renaming into place); returns how many.
    size_t remove_stale_temporaries() const;

    // Original bytes of a stored image; throws Error("store.missing") when absent.
    std::string read(const StoredImage& image) const;

    const std::string& root() const { return root_; }

private:
    std::string temp_dir() const { return root_ + "/.tmp"; }

    std::string root_;
};

}  // namespace pubforge
