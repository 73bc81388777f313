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
find_package(OpenCV REQUIRED COMPONENTS core imgproc imgcodecs freetype img_hash)
pkg_check_modules(PODOFO REQUIRED IMPORTED_TARGET libpodofo)

add_library(pubforge_deps INTERFACE)
add_library(pubforge::deps ALIAS pubforge_deps)
target_include_directories(pubforge_deps SYSTEM INTERFACE ${OpenCV_INCLUDE_DIRS})
target_link_libraries(pubforge_deps INTERFACE
  nlohmann_json::nlohmann_json spdlog::spdlog LibXml2::LibXml2 SQLite::SQLite3
  LibArchive::LibArchive OpenSSL::Crypto TBB::tbb ${OpenCV_LIBS} PkgConfig::PODOFO)

# GIF: OpenCV 4.6 cannot read it; giflib (libgif-dev) decodes the first frame (docs/crop.md).
find_package(GIF REQUIRED)
target_link_libraries(pubforge_deps INTERFACE GIF::GIF)

# FreeType (libfreetype-dev, already under PoDoFo) reads built-in encodings of embedded fonts
# (docs/pdf.md). Only src/pdf/font_program.cpp includes its headers, so the include path stays on that file.
find_package(Freetype REQUIRED)
target_link_libraries(pubforge_deps INTERFACE ${FREETYPE_LIBRARIES})
set_source_files_properties(${PROJECT_SOURCE_DIR}/src/pdf/font_program.cpp PROPERTIES INCLUDE_DIRECTORIES "${FREETYPE_INCLUDE_DIRS}")
