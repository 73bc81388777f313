// libFuzzer target: arbitrary bytes through header probing, decoding and panel detection.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "pubforge/core/error.hpp"
#include "pubforge/image/decode.hpp"
#include "pubforge/image/panels.hpp"
#include "pubforge/image/probe.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    pubforge::probe_image_size(bytes);
    pubforge::DecodeOptions options;
    options.max_pixels = 4'000'000;
    try {
        const cv::Mat image = pubforge::decode_image(bytes, options);
        pubforge::detect_panels(image, pubforge::PanelOptions{});
    } catch (const pubforge::Error&) {
    }
    return 0;
}
