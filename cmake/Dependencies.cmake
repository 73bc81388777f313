# Dependency lookup: every library comes from a Debian package (tools/install-deps.sh).
find_package(PkgConfig REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(spdlog REQUIRED)
find_package(CLI11 REQUIRED)
find_package(LibXml2 REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(LibArchive REQUIRED)
find_package(OpenSSL REQUIRED)
pkg_check_modules(NETTLE REQUIRED IMPORTED_TARGET nettle)
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
  nlohmann_json::nlohmann_json spdlog::spdlog PkgConfig::NETTLE TBB::tbb opencv_core opencv_imgproc opencv_img_hash
  JPEG::JPEG PNG::PNG TIFF::TIFF)
# The PDF reader's own: PoDoFo, and OpenSSL, through which PoDoFo decrypts (src/pdf/pdf_reader.cpp loads its
# legacy provider). Only the library's PDF objects and the pubforge-pdf.so module link them.
add_library(pubforge_pdf_deps INTERFACE)
add_library(pubforge::pdf_deps ALIAS pubforge_pdf_deps)
target_link_libraries(pubforge_pdf_deps INTERFACE PkgConfig::PODOFO OpenSSL::Crypto)

# The tests, benchmarks and sample generators compare with or write through OpenCV's own codecs;
# they link imgcodecs, the pubforge binary never does.
find_package(OpenCV REQUIRED COMPONENTS imgcodecs)
add_library(pubforge_opencv_codecs INTERFACE)
add_library(pubforge::opencv_codecs ALIAS pubforge_opencv_codecs)
target_link_libraries(pubforge_opencv_codecs INTERFACE opencv_imgcodecs)

# GIF: OpenCV 4.6 cannot read it; giflib (libgif-dev) decodes the first frame (docs/crop.md).
find_package(GIF REQUIRED)

# FreeType (libfreetype-dev, already under PoDoFo) reads built-in encodings of embedded fonts
# (docs/pdf.md) and draws panel-letter glyphs (src/image/glyph_raster.cpp); only those two files include its headers.
find_package(Freetype REQUIRED)
target_link_libraries(pubforge_deps INTERFACE ${FREETYPE_LIBRARIES})
set_source_files_properties(${PROJECT_SOURCE_DIR}/src/pdf/font_program.cpp ${PROJECT_SOURCE_DIR}/src/image/glyph_raster.cpp PROPERTIES INCLUDE_DIRECTORIES "${FREETYPE_INCLUDE_DIRS}")

# Start-up: the pubforge binary links the C libraries that only it loads (libxml2, SQLite,
# libarchive, libwebp, OpenJPEG, giflib) from Debian's static archives: each shared library
# costs every start its mapping and symbol lookups, and these six were a sixth of
# `pubforge --version` (docs/dependencies.md). A target chooses by its property
# PUBFORGE_STATIC_C_LIBS; the tests and benchmarks keep the shared ones, since they load
# OpenCV's imgcodecs, whose GDAL loads libxml2.so, and one process should hold one libxml2.
option(PUBFORGE_STATIC_C_LIBS "Link libxml2, SQLite, libarchive, libwebp, OpenJPEG and giflib statically into pubforge" ON)
add_library(pubforge_c_libs_shared INTERFACE)
target_link_libraries(pubforge_c_libs_shared INTERFACE
  LibXml2::LibXml2 SQLite::SQLite3 LibArchive::LibArchive PkgConfig::WEBP PkgConfig::OPENJPEG GIF::GIF)
add_library(pubforge_c_libs_static INTERFACE)
if(PUBFORGE_STATIC_C_LIBS)
  foreach(_name IN ITEMS archive xml2 sqlite3 webp openjp2 gif)  # users before what they use
    find_library(PUBFORGE_STATIC_${_name} NAMES lib${_name}.a REQUIRED)
    target_link_libraries(pubforge_c_libs_static INTERFACE ${PUBFORGE_STATIC_${_name}})
  endforeach()
  # What the archives themselves need (pkg-config --static), as shared libraries; only the
  # package's runtime library is installed for some, hence the sonames.
  pkg_check_modules(PUBFORGE_STATIC_DEPS REQUIRED IMPORTED_TARGET icu-uc libzstd liblzma zlib nettle)
  find_library(PUBFORGE_ACL NAMES acl libacl.so.1 REQUIRED)
  find_library(PUBFORGE_LZ4 NAMES lz4 liblz4.so.1 REQUIRED)
  find_library(PUBFORGE_BZ2 NAMES bz2 libbz2.so.1.0 REQUIRED)
  target_link_libraries(pubforge_c_libs_static INTERFACE PkgConfig::PUBFORGE_STATIC_DEPS
    ${PUBFORGE_ACL} ${PUBFORGE_LZ4} ${PUBFORGE_BZ2} m)
  # The headers are the shared packages' own (the same -dev packages ship both).
  target_include_directories(pubforge_c_libs_static SYSTEM INTERFACE ${LIBXML2_INCLUDE_DIRS} ${SQLite3_INCLUDE_DIRS}
    ${LibArchive_INCLUDE_DIRS} ${WEBP_INCLUDE_DIRS} ${OPENJPEG_INCLUDE_DIRS} ${GIF_INCLUDE_DIRS})
else()
  target_link_libraries(pubforge_c_libs_static INTERFACE pubforge_c_libs_shared)
endif()
# Evaluated for the target being linked: the static six where it sets PUBFORGE_STATIC_C_LIBS.
target_link_libraries(pubforge_deps INTERFACE
  $<IF:$<BOOL:$<TARGET_PROPERTY:PUBFORGE_STATIC_C_LIBS>>,pubforge_c_libs_static,pubforge_c_libs_shared>)
