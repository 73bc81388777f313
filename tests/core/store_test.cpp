// Tests of the content-addressed image store.
#include "pubforge/core/store.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "pubforge/core/error.hpp"
#include "pubforge/core/hash.hpp"
#include "test_support.hpp"

namespace pubforge {
namespace {

TEST(StoreTest, StoresOnceUnderTheHashWithTheSniffedExtension) {
    testing::ScratchDir dir;
    ImageStore store(dir.file("store"));
    const std::string png = testing::encode_test_image(".png", 17, 9);
    const StoredImage image = store.put(png);
    EXPECT_EQ(image.sha256, sha256_hex(png));
    EXPECT_EQ(image.format, Format::Png);
    EXPECT_EQ(image.width, 17);
    EXPECT_EQ(image.height, 9);
    EXPECT_EQ(image.bytes, png.size());
    const std::string expected = dir.file("store") + "/" + image.sha256.substr(0, 2) + "/" + image.sha256.substr(2, 2) +
                                 "/" + image.sha256 + ".png";
    EXPECT_EQ(store.path_of(image), expected);
    EXPECT_EQ(store.read(image), png);
    store.put(png);
    size_t files = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir.file("store")))
        files += entry.is_regular_file();
    EXPECT_EQ(files, 1u);
}

TEST(StoreTest, JsonRoundTripAndMissingImages) {
    testing::ScratchDir dir;
    ImageStore store(dir.file("store"));
    const StoredImage image = store.put(testing::encode_test_image(".jpg", 5, 6));
    const StoredImage back = StoredImage::from_json(image.to_json());
    EXPECT_EQ(back.sha256, image.sha256);
    EXPECT_EQ(back.format, Format::Jpeg);
    EXPECT_EQ(back.to_json(), image.to_json());
    StoredImage absent = image;
    absent.sha256 = std::string(64, 'a');
    EXPECT_FALSE(store.contains(absent));
    try {
        store.read(absent);
        FAIL() << "expected store.missing";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), "store.missing");
    }
}

}  // namespace
}  // namespace pubforge
