// Draws the figure images of data/samples (compound figures with panel letters, a chart, a micrograph).
// Deterministic: fixed RNG seeds, so re-running gives the same bytes. Build and run: tools/samples/make-samples.sh
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <string>
#include <vector>

namespace {

const cv::Scalar kWhite(255, 255, 255), kBlack(0, 0, 0);

// A brain-MRI-like slice: nested ellipses with speckle, gray scale.
cv::Mat mri_slice(int size, int seed, bool lesion) {
    cv::RNG rng(seed);
    cv::Mat image(size, size, CV_8UC3, cv::Scalar(12, 12, 12));
    const cv::Point centre(size / 2, size / 2);
    cv::ellipse(image, centre, cv::Size(size * 38 / 100, size * 45 / 100), 0, 0, 360, cv::Scalar(170, 170, 170), -1);
    cv::ellipse(image, centre, cv::Size(size * 33 / 100, size * 40 / 100), 0, 0, 360, cv::Scalar(110, 110, 110), -1);
    for (int i = 0; i < 9; ++i) {
        const cv::Point p(centre.x + rng.uniform(-size / 4, size / 4), centre.y + rng.uniform(-size / 3, size / 3));
        cv::ellipse(image, p, cv::Size(rng.uniform(6, size / 9), rng.uniform(4, size / 12)), rng.uniform(0, 180), 0, 360,
                    cv::Scalar(140, 140, 140), -1);
    }
    cv::ellipse(image, centre, cv::Size(size / 14, size / 6), 0, 0, 360, cv::Scalar(35, 35, 35), -1);  // ventricles
    if (lesion) cv::circle(image, cv::Point(centre.x + size / 6, centre.y - size / 8), size / 14, cv::Scalar(235, 235, 235), -1);
    cv::Mat noise(image.size(), CV_8UC3);
    rng.fill(noise, cv::RNG::NORMAL, 0, 9);
    cv::add(image, noise, image);
    cv::GaussianBlur(image, image, cv::Size(3, 3), 0);
    return image;
}

// A bar chart with axes, tick labels and a legend, on white.
cv::Mat bar_chart(int width, int height, int seed) {
    cv::RNG rng(seed);
    cv::Mat image(height, width, CV_8UC3, kWhite);
    const int left = 46, bottom = height - 34, top = 18;
    cv::line(image, {left, top}, {left, bottom}, kBlack, 2);
    cv::line(image, {left, bottom}, {width - 12, bottom}, kBlack, 2);
    const int bars = 5;
    const int slot = (width - left - 24) / bars;
    for (int i = 0; i < bars; ++i) {
        const int h = rng.uniform((bottom - top) / 4, bottom - top - 10);
        const cv::Scalar colour = i % 2 ? cv::Scalar(180, 119, 31) : cv::Scalar(14, 127, 255);
        cv::rectangle(image, cv::Point(left + 10 + i * slot, bottom - h), cv::Point(left + slot * (i + 1) - 4, bottom),
                      colour, -1);
        cv::putText(image, std::to_string(i + 1), cv::Point(left + 10 + i * slot + slot / 4, bottom + 20),
                    cv::FONT_HERSHEY_SIMPLEX, 0.5, kBlack, 1, cv::LINE_AA);
    }
    for (int t = 0; t <= 4; ++t) {
        const int y = bottom - t * (bottom - top) / 4;
        cv::line(image, {left - 5, y}, {left, y}, kBlack, 1);
        cv::putText(image, std::to_string(t * 25), cv::Point(8, y + 5), cv::FONT_HERSHEY_SIMPLEX, 0.4, kBlack, 1, cv::LINE_AA);
    }
    return image;
}

// A stained-tissue-like micrograph: pink background with purple nuclei.
cv::Mat micrograph(int width, int height, int seed) {
    cv::RNG rng(seed);
    cv::Mat image(height, width, CV_8UC3, cv::Scalar(200, 170, 235));
    for (int i = 0; i < width * height / 350; ++i) {
        const cv::Point p(rng.uniform(0, width), rng.uniform(0, height));
        cv::ellipse(image, p, cv::Size(rng.uniform(3, 9), rng.uniform(3, 7)), rng.uniform(0, 180), 0, 360,
                    cv::Scalar(rng.uniform(120, 170), rng.uniform(40, 80), rng.uniform(90, 140)), -1);
    }
    cv::Mat noise(image.size(), CV_8UC3);
    rng.fill(noise, cv::RNG::NORMAL, 0, 6);
    cv::add(image, noise, image);
    return image;
}

void put_label(cv::Mat& panel, const std::string& label, bool on_dark) {
    const cv::Scalar colour = on_dark ? kWhite : kBlack;
    cv::putText(panel, label, cv::Point(8, 30), cv::FONT_HERSHEY_DUPLEX, 0.95, colour, 2, cv::LINE_AA);
}

// Lays panels out on a grid with a white gutter of `gap` pixels.
cv::Mat grid(const std::vector<cv::Mat>& panels, int columns, int gap, const cv::Scalar& background) {
    const int rows = static_cast<int>((panels.size() + columns - 1) / columns);
    const int pw = panels[0].cols, ph = panels[0].rows;
    cv::Mat figure(rows * ph + (rows + 1) * gap, columns * pw + (columns + 1) * gap, CV_8UC3, background);
    for (size_t i = 0; i < panels.size(); ++i) {
        const int r = static_cast<int>(i) / columns, c = static_cast<int>(i) % columns;
        panels[i].copyTo(figure(cv::Rect(gap + c * (pw + gap), gap + r * (ph + gap), pw, ph)));
    }
    return figure;
}

}  // namespace

int main(int argc, char** argv) {
    const std::string out = argc > 1 ? argv[1] : "data/samples";
    const std::string package = argc > 2 ? argv[2] : "tools/samples/package";
    const std::vector<int> jpeg = {cv::IMWRITE_JPEG_QUALITY, 90};

    // Article 1 (loose JATS): four MRI panels A-D with gutters, and a single chart.
    std::vector<cv::Mat> mri;
    for (int i = 0; i < 4; ++i) {
        mri.push_back(mri_slice(220, 11 + i, i % 2 == 1));
        put_label(mri.back(), std::string(1, static_cast<char>('A' + i)), true);
    }
    cv::imwrite(out + "/cortex-mri/fig1.jpg", grid(mri, 2, 14, kWhite), jpeg);
    cv::imwrite(out + "/cortex-mri/fig2.png", bar_chart(420, 300, 7));

    // Article 2 (PMC-OA package): histology panels a-c side by side, lower-case letters, thin gutter,
    // and a chart + micrograph pair; stored as PNG under a .jpg-less href.
    std::vector<cv::Mat> tissue;
    for (int i = 0; i < 3; ++i) {
        tissue.push_back(micrograph(200, 200, 31 + i));
        put_label(tissue.back(), std::string(1, static_cast<char>('a' + i)), false);
    }
    cv::imwrite(package + "/PMC9000002/gr1.png", grid(tissue, 3, 8, kWhite));
    std::vector<cv::Mat> pair = {bar_chart(260, 220, 5), micrograph(260, 220, 41)};
    put_label(pair[0], "A", false);
    put_label(pair[1], "B", false);
    cv::imwrite(package + "/PMC9000002/gr2.jpg", grid(pair, 2, 12, kWhite), jpeg);

    // Article 3 (loose JATS, fig-group): a single micrograph, and a chart saved as PNG with a .jpg name.
    cv::imwrite(out + "/retina-oct/f1.jpg", micrograph(360, 240, 51), jpeg);
    std::vector<uchar> png;
    cv::imencode(".png", bar_chart(360, 260, 9), png);
    FILE* f = std::fopen((out + "/retina-oct/f2.jpg").c_str(), "wb");
    if (f) {
        std::fwrite(png.data(), 1, png.size(), f);
        std::fclose(f);
    }
    return 0;
}
