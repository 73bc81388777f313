// libFuzzer target: arbitrary bytes through the JATS reader (bytes as a loose XML file); see entry_points.cpp.
#include <cstddef>
#include <cstdint>

#include "entry_points.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return pubforge::fuzz::run_one(pubforge::fuzz::jats_reader, data, size);
}
