# Dependency lookup: every library comes from a Debian package (tools/install-deps.sh).
find_package(PkgConfig REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(spdlog REQUIRED)
find_package(CLI11 REQUIRED)
find_package(LibXml2 REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(LibArchive REQUIRED)
find_package(OpenSSL REQUIRED)
find_package(TBB REQUIRED)
# OpenCV for pixels only (core, imgproc, img_hash; glyphs through libfreetype itself): Debian builds imgcodecs against
# GDAL, GDCM, HDF5, poppler and more, ~100 shared libraries that cost every pubforge start
# 200 ms. Image files go through the codec libraries directly (src/image/codecs.cpp).
find_package(OpenCV REQUIRED COMPONENTS core imgproc img_hash)
pkg_check_modules(PODOFO REQUIRED IMPORTED_TARGET libpodofo)
find_package(JPEG REQUIRED)
find_package(PNG REQUIRED)
find_package(TIFF REQUIRED)
pkg_check_modules(WEBP REQUIRED IMPORTED_TARGET libwebp)
pkg_check_modules(OPENJPEG REQUIRED IMPORTED_TARGET libopenjp2)

add_library(pubforge_deps INTERFACE)
add_library(pubforge::deps ALIAS pubforge_deps)
target_include_directories(pubforge_deps SYSTEM INTERFACE ${OpenCV_INCLUDE_DIRS})
target_link_libraries(pubforge_deps INTERFACE
  nlohmann_json::nlohmann_json spdlog::spdlog LibXml2::LibXml2 SQLite::SQLite3
  LibArchive::LibArchive OpenSSL::Crypto TBB::tbb opencv_core opencv_imgproc opencv_img_hash
  PkgConfig::PODOFO JPEG::JPEG PNG::PNG TIFF::TIFF PkgConfig::WEBP PkgConfig::OPENJPEG)

# The tests, benchmarks and sample generators compare with or write through OpenCV's own codecs;
# they link imgcodecs, the pubforge binary never does.
find_package(OpenCV REQUIRED COMPONENTS imgcodecs)
add_library(pubforge_opencv_codecs INTERFACE)
add_library(pubforge::opencv_codecs ALIAS pubforge_opencv_codecs)
target_link_libraries(pubforge_opencv_codecs INTERFACE opencv_imgcodecs)

# GIF: OpenCV 4.6 cannot read it; giflib (libgif-dev) decodes the first frame (docs/crop.md).
find_package(GIF REQUIRED)
target_link_libraries(pubforge_deps INTERFACE GIF::GIF)

# FreeType (libfreetype-dev, already under PoDoFo) reads built-in encodings of embedded fonts
# (docs/pdf.md) and draws panel-letter glyphs (src/image/glyph_raster.cpp); only those two files include its headers.
find_package(Freetype REQUIRED)
target_link_libraries(pubforge_deps INTERFACE ${FREETYPE_LIBRARIES})
set_source_files_properties(${PROJECT_SOURCE_DIR}/src/pdf/font_program.cpp ${PROJECT_SOURCE_DIR}/src/image/glyph_raster.cpp PROPERTIES INCLUDE_DIRECTORIES "${FREETYPE_INCLUDE_DIRS}")
