// WebP through libwebp as OpenCV 4.6's WebPDecoder reads it: BGR, or BGRA when the file has alpha.
#include <webp/decode.h>

#include <opencv2/imgproc.hpp>

#include "codec_parts.hpp"
#include "pubforge/core/error.hpp"

namespace pubforge::codec {

cv::Mat decode_webp(std::string_view bytes, bool gray) {
    const auto* data = reinterpret_cast<const uint8_t*>(bytes.data());
    WebPBitstreamFeatures features;
    if (WebPGetFeatures(data, bytes.size(), &features) != VP8_STATUS_OK)
        throw Error("image.corrupt", "webp header could not be read");
    check_size(features.width, features.height);
    const int channels = features.has_alpha ? 4 : 3;
    cv::Mat image(features.height, features.width, CV_8UC(channels));
    const size_t size = image.total() * image.elemSize();
    const uint8_t* written = channels == 4
        ? WebPDecodeBGRAInto(data, bytes.size(), image.data, size, static_cast<int>(image.step))
        : WebPDecodeBGRInto(data, bytes.size(), image.data, size, static_cast<int>(image.step));
    if (written != image.data) throw Error("image.corrupt", "webp could not be decoded");
    if (!gray) return image;
    cv::Mat one;
    cv::cvtColor(image, one, channels == 4 ? cv::COLOR_BGRA2GRAY : cv::COLOR_BGR2GRAY);
    return one;
}

}  // namespace pubforge::codec
