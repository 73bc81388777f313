// decode_bytes and the encoders against OpenCV's own imgcodecs: same pixels on the corpus and on every variant, same bytes.
#include "pubforge/image/codecs.hpp"

#include <gtest/gtest.h>

#include <archive.h>
#include <archive_entry.h>
#include <jpeglib.h>
#include <png.h>
#include <tiffio.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "pubforge/core/error.hpp"
#include "pubforge/core/sniff.hpp"
#include "pubforge/image/decode.hpp"
#include "test_support.hpp"

namespace pubforge {
namespace {

namespace fs = std::filesystem;

// OpenCV's answer for the flag each mode reproduces; empty when it cannot read the data.
cv::Mat opencv_decode(const std::string& bytes, DecodeMode mode) {
    const int flags = mode == DecodeMode::Unchanged ? cv::IMREAD_UNCHANGED
                      : mode == DecodeMode::Gray    ? cv::IMREAD_GRAYSCALE
                                                    : cv::IMREAD_REDUCED_GRAYSCALE_4;
    try {
        return cv::imdecode(cv::Mat(1, static_cast<int>(bytes.size()), CV_8U, const_cast<char*>(bytes.data())), flags);
    } catch (const cv::Exception&) {
        return {};
    }
}

std::string opencv_encode(const cv::Mat& image, const std::string& ext, const std::vector<int>& params = {}) {
    std::vector<uchar> out;
    EXPECT_TRUE(cv::imencode(ext, image, out, params));
    return std::string(out.begin(), out.end());
}

// Same type, size and every sample; on a mismatch says where.
::testing::AssertionResult same_pixels(const cv::Mat& ours, const cv::Mat& theirs) {
    if (ours.type() != theirs.type())
        return ::testing::AssertionFailure() << "type " << ours.type() << " vs OpenCV " << theirs.type();
    if (ours.size() != theirs.size())
        return ::testing::AssertionFailure() << "size " << ours.size() << " vs OpenCV " << theirs.size();
    cv::Mat difference;
    cv::absdiff(ours.reshape(1), theirs.reshape(1), difference);
    std::vector<cv::Point> where;
    cv::findNonZero(difference.reshape(1) != 0, where);
    if (!where.empty())
        return ::testing::AssertionFailure() << where.size() << " samples differ, first at " << where.front();
    return ::testing::AssertionSuccess();
}

// Every mode against OpenCV; when OpenCV cannot read the data either, decode_bytes must throw Error.
void expect_like_opencv(const std::string& bytes, const std::string& what) {
    for (const DecodeMode mode : {DecodeMode::Unchanged, DecodeMode::Gray, DecodeMode::ReducedGray4}) {
        SCOPED_TRACE(what + " mode " + std::to_string(static_cast<int>(mode)));
        const cv::Mat theirs = opencv_decode(bytes, mode);
        if (theirs.empty()) {
            EXPECT_THROW(decode_bytes(bytes, mode), Error);
            continue;
        }
        cv::Mat ours;
        try {
            ours = decode_bytes(bytes, mode);
        } catch (const Error& e) {
            ADD_FAILURE() << "decode_bytes threw " << e.code() << ": " << e.what();
            continue;
        }
        EXPECT_TRUE(same_pixels(ours, theirs));
    }
}

// A figure-like image: smooth gradients, hard edges and noise, so every codec path has work.
cv::Mat figure(int width, int height, int channels, int depth = CV_8U) {
    cv::Mat image(height, width, CV_8UC3);
    cv::RNG rng(static_cast<uint64_t>(width) * 31 + height);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            image.at<cv::Vec3b>(y, x) = cv::Vec3b(static_cast<uchar>(x * 255 / width), static_cast<uchar>(y * 255 / height),
                                                  static_cast<uchar>((x ^ y) & 0xFF));
    cv::rectangle(image, {width / 5, height / 4, width / 3, height / 3}, cv::Scalar(20, 40, 220), -1);
    cv::putText(image, "A", {width / 2, height / 2}, cv::FONT_HERSHEY_SIMPLEX, 1.5, cv::Scalar::all(0), 3);
    cv::Mat noise(height, width, CV_8UC3);
    rng.fill(noise, cv::RNG::UNIFORM, 0, 24);
    image += noise;
    cv::Mat out;
    if (channels == 1) cv::cvtColor(image, out, cv::COLOR_BGR2GRAY);
    else if (channels == 4) {
        cv::cvtColor(image, out, cv::COLOR_BGR2BGRA);
        for (int y = 0; y < height; ++y)
            for (int x = 0; x < width; ++x) out.at<cv::Vec4b>(y, x)[3] = static_cast<uchar>((x * 7 + y * 3) & 0xFF);
    } else out = image;
    if (depth == CV_16U) out.convertTo(out, CV_16U, 257.0, 3.0);
    return out;
}

std::string cmyk_jpeg(int width, int height) {
    jpeg_compress_struct cinfo;
    jpeg_error_mgr errors;
    cinfo.err = jpeg_std_error(&errors);
    jpeg_create_compress(&cinfo);
    unsigned char* buffer = nullptr;
    unsigned long size = 0;
    jpeg_mem_dest(&cinfo, &buffer, &size);
    cinfo.image_width = width;
    cinfo.image_height = height;
    cinfo.input_components = 4;
    cinfo.in_color_space = JCS_CMYK;
    jpeg_set_defaults(&cinfo);
    jpeg_set_quality(&cinfo, 90, TRUE);
    jpeg_start_compress(&cinfo, TRUE);
    std::vector<JSAMPLE> row(static_cast<size_t>(width) * 4);
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x)
            for (int c = 0; c < 4; ++c) row[4 * x + c] = static_cast<JSAMPLE>((x * (c + 1) + y * (4 - c)) & 0xFF);
        JSAMPROW pointer = row.data();
        jpeg_write_scanlines(&cinfo, &pointer, 1);
    }
    jpeg_finish_compress(&cinfo);
    std::string out(reinterpret_cast<char*>(buffer), size);
    jpeg_destroy_compress(&cinfo);
    std::free(buffer);
    return out;
}

// An APP1 EXIF block with only an orientation tag, placed right after SOI.
std::string with_orientation(const std::string& jpeg, int orientation, bool big_endian) {
    std::string tiff = big_endian ? std::string("MM\0\x2A\0\0\0\x08", 8) : std::string("II\x2A\0\x08\0\0\0", 8);
    const auto u16 = [&](unsigned v) {
        return big_endian ? std::string{static_cast<char>(v >> 8), static_cast<char>(v & 0xFF)}
                          : std::string{static_cast<char>(v & 0xFF), static_cast<char>(v >> 8)};
    };
    tiff += u16(1) + u16(0x0112) + u16(3) + (big_endian ? std::string("\0\0\0\x01", 4) : std::string("\x01\0\0\0", 4)) +
            u16(static_cast<unsigned>(orientation)) + std::string(2, '\0') + std::string(4, '\0');
    const std::string payload = std::string("Exif\0\0", 6) + tiff;
    const size_t length = payload.size() + 2;
    const std::string segment = std::string("\xFF\xE1", 2) + static_cast<char>(length >> 8) + static_cast<char>(length & 0xFF) + payload;
    return jpeg.substr(0, 2) + segment + jpeg.substr(2);
}

struct PngSpec {
    int color_type;
    int bit_depth;
    bool interlace = false;
    bool trns = false;
};

// PNG variants OpenCV's encoder never writes: palettes, low bit depths, gray+alpha, tRNS, Adam7.
std::string libpng_image(const PngSpec& spec, int width, int height) {
    std::string out;
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
    png_infop info = png_create_info_struct(png);
    png_set_write_fn(png, &out, [](png_structp p, png_bytep d, png_size_t n) {
        static_cast<std::string*>(png_get_io_ptr(p))->append(reinterpret_cast<char*>(d), n); }, nullptr);
    png_set_IHDR(png, info, width, height, spec.bit_depth, spec.color_type,
                 spec.interlace ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    std::vector<png_color> palette(256);
    std::vector<png_byte> alpha(256);
    for (int i = 0; i < 256; ++i) {
        palette[i] = png_color{static_cast<png_byte>(i), static_cast<png_byte>(255 - i), static_cast<png_byte>(i * 3)};
        alpha[i] = static_cast<png_byte>(i * 5);
    }
    if (spec.color_type == PNG_COLOR_TYPE_PALETTE) {
        png_set_PLTE(png, info, palette.data(), 1 << spec.bit_depth);
        if (spec.trns) png_set_tRNS(png, info, alpha.data(), 1 << spec.bit_depth, nullptr);
    } else if (spec.trns) {
        png_color_16 key{};
        key.red = key.green = key.blue = key.gray = 1;
        png_set_tRNS(png, info, nullptr, 0, &key);
    }
    png_write_info(png, info);
    const int samples = spec.color_type == PNG_COLOR_TYPE_RGB ? 3 : spec.color_type == PNG_COLOR_TYPE_GRAY_ALPHA ? 2
                        : spec.color_type == PNG_COLOR_TYPE_RGB_ALPHA ? 4 : 1;
    const size_t row_bytes = (static_cast<size_t>(width) * samples * spec.bit_depth + 7) / 8;
    std::vector<std::vector<png_byte>> rows(height, std::vector<png_byte>(row_bytes));
    std::vector<png_bytep> pointers;
    for (int y = 0; y < height; ++y) {
        for (size_t i = 0; i < row_bytes; ++i) rows[y][i] = static_cast<png_byte>((i * 13 + y * 7) ^ (i >> 3));
        pointers.push_back(rows[y].data());
    }
    png_write_image(png, pointers.data());
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    return out;
}

// TIFF variants OpenCV's encoder never writes, written to a file by libtiff and read back.
std::string libtiff_image(const std::string& path, uint16_t photometric, uint16_t bits, uint16_t samples,
                          uint16_t compression, int width, int height) {
    TIFF* tif = TIFFOpen(path.c_str(), "w");
    TIFFSetField(tif, TIFFTAG_IMAGEWIDTH, width);
    TIFFSetField(tif, TIFFTAG_IMAGELENGTH, height);
    TIFFSetField(tif, TIFFTAG_BITSPERSAMPLE, bits);
    TIFFSetField(tif, TIFFTAG_SAMPLESPERPIXEL, samples);
    TIFFSetField(tif, TIFFTAG_PHOTOMETRIC, photometric);
    TIFFSetField(tif, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
    TIFFSetField(tif, TIFFTAG_COMPRESSION, compression);
    TIFFSetField(tif, TIFFTAG_ROWSPERSTRIP, 7);
    if (photometric == PHOTOMETRIC_PALETTE) {
        std::vector<uint16_t> r(1 << bits), g(1 << bits), b(1 << bits);
        for (size_t i = 0; i < r.size(); ++i) {
            r[i] = static_cast<uint16_t>(i * 257 * 3);
            g[i] = static_cast<uint16_t>(65535 - i * 257);
            b[i] = static_cast<uint16_t>((i * 5 % 256) * 257);
        }
        TIFFSetField(tif, TIFFTAG_COLORMAP, r.data(), g.data(), b.data());
    }
    if (samples == 4 && photometric == PHOTOMETRIC_RGB) {
        const uint16_t extra = EXTRASAMPLE_UNASSALPHA;
        TIFFSetField(tif, TIFFTAG_EXTRASAMPLES, 1, &extra);
    }
    if (compression == COMPRESSION_JPEG) {
        TIFFSetField(tif, TIFFTAG_JPEGQUALITY, 80);
        TIFFSetField(tif, TIFFTAG_JPEGCOLORMODE, JPEGCOLORMODE_RGB);
    }
    std::vector<unsigned char> row(static_cast<size_t>(TIFFScanlineSize(tif)));
    for (int y = 0; y < height; ++y) {
        for (size_t i = 0; i < row.size(); ++i) row[i] = static_cast<unsigned char>((i * 11 + y * 5) ^ (y >> 2));
        TIFFWriteScanline(tif, row.data(), y, 0);
    }
    TIFFClose(tif);
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(CodecsTest, JpegVariantsDecodeLikeOpenCV) {
    for (const int channels : {1, 3})
        for (const int quality : {40, 95}) {
            const std::string bytes = opencv_encode(figure(203, 131, channels), ".jpg", {cv::IMWRITE_JPEG_QUALITY, quality});
            expect_like_opencv(bytes, "jpeg " + std::to_string(channels) + "ch q" + std::to_string(quality));
        }
    expect_like_opencv(opencv_encode(figure(150, 97, 3), ".jpg", {cv::IMWRITE_JPEG_PROGRESSIVE, 1}), "progressive jpeg");
    expect_like_opencv(cmyk_jpeg(91, 67), "cmyk jpeg");
    const std::string plain = opencv_encode(figure(120, 80, 3), ".jpg");
    for (int orientation = 1; orientation <= 8; ++orientation)
        for (const bool big_endian : {false, true})
            expect_like_opencv(with_orientation(plain, orientation, big_endian),
                               "exif orientation " + std::to_string(orientation) + (big_endian ? " MM" : " II"));
}

TEST(CodecsTest, ExifOrientationTurnsGrayDecodesOnly) {
    const std::string rotated = with_orientation(opencv_encode(figure(120, 80, 3), ".jpg"), 6, false);
    EXPECT_EQ(decode_bytes(rotated, DecodeMode::Unchanged).size(), cv::Size(120, 80));
    EXPECT_EQ(decode_bytes(rotated, DecodeMode::Gray).size(), cv::Size(80, 120));
    EXPECT_EQ(decode_bytes(rotated, DecodeMode::ReducedGray4).size(), cv::Size(20, 30));
}

TEST(CodecsTest, PngVariantsDecodeLikeOpenCV) {
    for (const int channels : {1, 3, 4})
        for (const int depth : {CV_8U, CV_16U})
            expect_like_opencv(opencv_encode(figure(77, 53, channels, depth), ".png"),
                               "png " + std::to_string(channels) + "ch depth " + std::to_string(depth));
    const PngSpec specs[] = {
        {PNG_COLOR_TYPE_PALETTE, 8}, {PNG_COLOR_TYPE_PALETTE, 4, false, true}, {PNG_COLOR_TYPE_PALETTE, 8, true, true},
        {PNG_COLOR_TYPE_GRAY, 1}, {PNG_COLOR_TYPE_GRAY, 2, true}, {PNG_COLOR_TYPE_GRAY, 8, false, true},
        {PNG_COLOR_TYPE_GRAY_ALPHA, 8}, {PNG_COLOR_TYPE_GRAY_ALPHA, 16}, {PNG_COLOR_TYPE_RGB, 8, true, true},
        {PNG_COLOR_TYPE_RGB_ALPHA, 16, true},
    };
    for (const PngSpec& spec : specs)
        expect_like_opencv(libpng_image(spec, 45, 38), "png type " + std::to_string(spec.color_type) + " bits " +
                                                          std::to_string(spec.bit_depth) + (spec.interlace ? " adam7" : "") +
                                                          (spec.trns ? " tRNS" : ""));
}

TEST(CodecsTest, TiffVariantsDecodeLikeOpenCV) {
    for (const int channels : {1, 3, 4})
        for (const int depth : {CV_8U, CV_16U})
            expect_like_opencv(opencv_encode(figure(64, 41, channels, depth), ".tif"),
                               "tiff " + std::to_string(channels) + "ch depth " + std::to_string(depth));
    testing::ScratchDir dir;
    struct Spec {
        uint16_t photometric, bits, samples, compression;
    };
    const Spec specs[] = {
        {PHOTOMETRIC_PALETTE, 8, 1, COMPRESSION_LZW},   {PHOTOMETRIC_PALETTE, 4, 1, COMPRESSION_NONE},
        {PHOTOMETRIC_MINISWHITE, 1, 1, COMPRESSION_CCITTFAX4}, {PHOTOMETRIC_MINISBLACK, 1, 1, COMPRESSION_PACKBITS},
        {PHOTOMETRIC_MINISWHITE, 8, 1, COMPRESSION_DEFLATE}, {PHOTOMETRIC_SEPARATED, 8, 4, COMPRESSION_LZW},
        {PHOTOMETRIC_RGB, 8, 4, COMPRESSION_NONE},        {PHOTOMETRIC_YCBCR, 8, 3, COMPRESSION_JPEG},
        {PHOTOMETRIC_MINISBLACK, 16, 1, COMPRESSION_LZW}, {PHOTOMETRIC_RGB, 16, 3, COMPRESSION_DEFLATE},
    };
    for (const Spec& spec : specs) {
        const std::string what = "tiff photometric " + std::to_string(spec.photometric) + " bits " +
                                  std::to_string(spec.bits) + " compression " + std::to_string(spec.compression);
        expect_like_opencv(libtiff_image(dir.file("v.tif"), spec.photometric, spec.bits, spec.samples, spec.compression, 48, 40),
                           what);
    }
}

TEST(CodecsTest, WebpJpeg2000AndBmpDecodeLikeOpenCV) {
    expect_like_opencv(opencv_encode(figure(70, 45, 3), ".webp", {cv::IMWRITE_WEBP_QUALITY, 80}), "lossy webp");
    expect_like_opencv(opencv_encode(figure(70, 45, 3), ".webp"), "lossless webp");
    expect_like_opencv(opencv_encode(figure(70, 45, 4), ".webp"), "webp with alpha");
    for (const int channels : {1, 3, 4})
        for (const int depth : {CV_8U, CV_16U})
            expect_like_opencv(opencv_encode(figure(50, 37, channels, depth), ".jp2"),
                               "jp2 " + std::to_string(channels) + "ch depth " + std::to_string(depth));
    for (const int channels : {1, 3, 4})
        expect_like_opencv(opencv_encode(figure(61, 39, channels), ".bmp"), "bmp " + std::to_string(channels) + "ch");
}

TEST(CodecsTest, BadBytesThrowTypedErrors) {
    const std::string jpeg = opencv_encode(figure(64, 64, 3), ".jpg");
    const std::string png = opencv_encode(figure(64, 64, 3), ".png");
    for (const std::string& bytes : {jpeg.substr(0, 40), png.substr(0, 60), std::string("II*\0garbage", 11),
                                      std::string("RIFF\x10\0\0\0WEBPVP8 ", 16), std::string("not an image")}) {
        try {
            decode_bytes(bytes);
            ADD_FAILURE() << "no error for " << bytes.size() << " bytes";
        } catch (const Error& e) {
            EXPECT_TRUE(e.code() == "image.corrupt" || e.code() == "image.unsupported") << e.code();
        }
    }
}

TEST(CodecsTest, EncodersWriteOpenCVsBytes) {
    for (const int channels : {1, 3, 4}) {
        const cv::Mat image = figure(157, 93, channels);
        for (const int quality : {1, 60, 80, 95, 100})
            EXPECT_EQ(encode_jpeg(image, quality), opencv_encode(image, ".jpg", {cv::IMWRITE_JPEG_QUALITY, quality}))
                << channels << " channels, quality " << quality;
        for (const int depth : {CV_8U, CV_16U}) {
            const cv::Mat deep = figure(157, 93, channels, depth);
            for (const int level : {0, 1, 6, 9})
                EXPECT_EQ(encode_png(deep, level), opencv_encode(deep, ".png", {cv::IMWRITE_PNG_COMPRESSION, level}))
                    << channels << " channels, depth " << depth << ", level " << level;
            EXPECT_EQ(encode_png(deep, -1), opencv_encode(deep, ".png")) << channels << " channels, default level";
        }
    }
    // A crop is a view into a larger image: rows are not contiguous.
    const cv::Mat whole = figure(300, 200, 3);
    const cv::Mat view = whole(cv::Rect(17, 23, 101, 77));
    EXPECT_EQ(encode_jpeg(view, 95), opencv_encode(view, ".jpg", {cv::IMWRITE_JPEG_QUALITY, 95}));
    EXPECT_EQ(encode_png(view, 6), opencv_encode(view, ".png", {cv::IMWRITE_PNG_COMPRESSION, 6}));
    EXPECT_THROW(encode_jpeg(cv::Mat(), 90), Error);
    EXPECT_THROW(encode_png(cv::Mat(4, 4, CV_32FC3), 6), Error);
}

// Every image file of ../shared/corpus, loose or inside a .tar.gz package.
std::vector<std::pair<std::string, std::string>> corpus_images(const std::string& root) {
    std::vector<std::pair<std::string, std::string>> images;
    std::vector<fs::path> files;
    for (const auto& entry : fs::recursive_directory_iterator(root))
        if (entry.is_regular_file()) files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (const fs::path& path : files) {
        std::ifstream in(path, std::ios::binary);
        std::string bytes(std::istreambuf_iterator<char>(in), {});
        const Format format = sniff_format(std::string_view(bytes).substr(0, 64));
        if (is_image_format(format)) {
            images.emplace_back(path.string(), std::move(bytes));
        } else if (format == Format::Gzip) {
            archive* reader = archive_read_new();
            archive_read_support_filter_gzip(reader);
            archive_read_support_format_tar(reader);
            if (archive_read_open_memory(reader, bytes.data(), bytes.size()) == ARCHIVE_OK) {
                archive_entry* entry = nullptr;
                while (archive_read_next_header(reader, &entry) == ARCHIVE_OK) {
                    std::string member;
                    char block[65536];
                    la_ssize_t n = 0;
                    while ((n = archive_read_data(reader, block, sizeof block)) > 0) member.append(block, static_cast<size_t>(n));
                    if (is_image_format(sniff_format(std::string_view(member).substr(0, 64))))
                        images.emplace_back(path.string() + ":" + archive_entry_pathname(entry), std::move(member));
                }
            }
            archive_read_free(reader);
        }
    }
    return images;
}

TEST(CodecsTest, CorpusImagesDecodeAndReencodeLikeOpenCV) {
    PUBFORGE_REQUIRE_CORPUS(root, "");
    size_t compared = 0;
    for (const auto& [name, bytes] : corpus_images(root)) {
        if (sniff_format(std::string_view(bytes).substr(0, 64)) == Format::Gif) continue;  // giflib, not OpenCV
        expect_like_opencv(bytes, name);
        ++compared;
        const cv::Mat theirs = opencv_decode(bytes, DecodeMode::Unchanged);
        if (theirs.empty()) continue;
        // What crop and export then write: BGR8 pixels re-encoded.
        const cv::Mat bgr = to_bgr8(theirs);
        EXPECT_EQ(encode_jpeg(bgr, 95), opencv_encode(bgr, ".jpg", {cv::IMWRITE_JPEG_QUALITY, 95})) << name;
        EXPECT_EQ(encode_png(bgr, 6), opencv_encode(bgr, ".png", {cv::IMWRITE_PNG_COMPRESSION, 6})) << name;
    }
    EXPECT_GT(compared, 100u) << "the corpus holds well over 100 images";
    std::printf("[ compared ] %zu corpus images against cv::imdecode\n", compared);
}

}  // namespace
}  // namespace pubforge
