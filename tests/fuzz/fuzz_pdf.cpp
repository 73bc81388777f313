// libFuzzer target: arbitrary bytes through the PDF reader; see entry_points.cpp.
#include <cstddef>
#include <cstdint>

#include "entry_points.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return pubforge::fuzz::run_one(pubforge::fuzz::pdf_reader, data, size);
}
