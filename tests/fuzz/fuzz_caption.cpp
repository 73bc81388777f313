// libFuzzer target: arbitrary bytes (often invalid UTF-8) through the caption splitter; spans must stay in bounds.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "pubforge/text/caption_split.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view caption(reinterpret_cast<const char*>(data), size);
    const auto split = pubforge::text::split_caption(caption);
    for (const auto& sub : split.subcaptions)
        if (sub.begin > sub.end || sub.end > caption.size()) std::abort();
    return 0;
}
