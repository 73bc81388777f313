// Generates a synthetic corpus for benchmarks: N JATS articles with compound figures, every 5th as a PMC-OA tar.gz.
// Usage: make_corpus OUT_DIR N [SEED]. Deterministic for a given N and seed.
#include <archive.h>
#include <archive_entry.h>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace {

const char* kWords[] = {"cortex", "lesion", "signal", "tissue", "contrast", "patients", "imaging", "sample",
                        "increase", "region", "marker", "density", "response", "control", "volume", "analysis"};
const char* kModalities[] = {"T2-weighted MRI", "contrast-enhanced CT", "chest X-ray", "H&amp;E histology",
                             "confocal microscopy", "bar chart", "ultrasound", "flow chart"};

std::string sentence(cv::RNG& rng, int words) {
    std::string out;
    for (int i = 0; i < words; ++i) out += std::string(i ? " " : "") + kWords[rng.uniform(0, 16)];
    out[0] = static_cast<char>(std::toupper(out[0]));
    return out + ".";
}

std::string figure_image(cv::RNG& rng, int panels) {
    const int pw = rng.uniform(180, 260), ph = rng.uniform(150, 220), gap = rng.uniform(6, 16);
    const int columns = panels <= 3 ? panels : 2, rows = (panels + columns - 1) / columns;
    cv::Mat figure(rows * ph + (rows + 1) * gap, columns * pw + (columns + 1) * gap, CV_8UC3, cv::Scalar(255, 255, 255));
    for (int i = 0; i < panels; ++i) {
        cv::Mat panel = figure(cv::Rect(gap + (i % columns) * (pw + gap), gap + (i / columns) * (ph + gap), pw, ph));
        panel.setTo(cv::Scalar(rng.uniform(0, 80), rng.uniform(0, 80), rng.uniform(0, 80)));
        for (int k = 0; k < 25; ++k)
            cv::circle(panel, cv::Point(rng.uniform(0, pw), rng.uniform(0, ph)), rng.uniform(3, 30),
                       cv::Scalar(rng.uniform(60, 255), rng.uniform(60, 255), rng.uniform(60, 255)), -1);
        if (panels > 1)
            cv::putText(panel, std::string(1, static_cast<char>('A' + i)), cv::Point(6, 26), cv::FONT_HERSHEY_DUPLEX, 0.9,
                        cv::Scalar(255, 255, 255), 2);
    }
    std::vector<uchar> bytes;
    cv::imencode(".jpg", figure, bytes, {cv::IMWRITE_JPEG_QUALITY, 85});
    return std::string(bytes.begin(), bytes.end());
}

struct Article {
    std::string xml;
    std::vector<std::pair<std::string, std::string>> images;  // name, bytes
};

Article make_article(int index, cv::RNG& rng) {
    Article article;
    const int figures = rng.uniform(1, 5);
    std::string body, figs;
    for (int f = 1; f <= figures; ++f) {
        const int panels = rng.uniform(1, 5);
        std::string caption = std::string(kModalities[rng.uniform(0, 8)]) + " of the " + kWords[rng.uniform(0, 16)] + ". ";
        for (int p = 0; p < panels && panels > 1; ++p)
            caption += std::string("(") + static_cast<char>('A' + p) + ") " + sentence(rng, rng.uniform(5, 12)) + " ";
        const std::string name = "fig" + std::to_string(f);
        article.images.emplace_back(name + ".jpg", figure_image(rng, panels));
        figs += "<fig id=\"F" + std::to_string(f) + "\"><label>Figure " + std::to_string(f) + "</label><caption><p>" + caption +
                "</p></caption><graphic xlink:href=\"" + name + "\"/></fig>\n";
        body += "<p>" + sentence(rng, 20) + " As shown in <xref ref-type=\"fig\" rid=\"F" + std::to_string(f) + "\">Figure " +
                std::to_string(f) + (panels > 1 ? "B" : "") + "</xref>, " + sentence(rng, 15) + "</p>\n";
    }
    for (int p = 0; p < 6; ++p) body += "<p>" + sentence(rng, rng.uniform(40, 120)) + "</p>\n";
    const std::string pmc = std::to_string(8000000 + index);
    article.xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<article xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
                  "article-type=\"research-article\"><front><journal-meta><journal-title-group><journal-title>Bench Journal " +
                  std::to_string(index % 7) + "</journal-title></journal-title-group></journal-meta><article-meta>"
                  "<article-id pub-id-type=\"pmc\">" + pmc + "</article-id><title-group><article-title>" + sentence(rng, 10) +
                  "</article-title></title-group><pub-date pub-type=\"epub\"><year>" + std::to_string(2010 + index % 14) +
                  "</year></pub-date><permissions><license xlink:href=\"https://creativecommons.org/licenses/by/4.0/\">"
                  "<license-p>CC BY 4.0</license-p></license></permissions><abstract><p>" + sentence(rng, 60) +
                  "</p></abstract></article-meta></front><body><sec><title>Results</title>\n" + body + figs +
                  "</sec></body></article>\n";
    return article;
}

void write_file(const std::filesystem::path& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

void write_package(const std::filesystem::path& path, const std::string& stem, const Article& article) {
    archive* writer = archive_write_new();
    archive_write_add_filter_gzip(writer);
    archive_write_set_format_pax_restricted(writer);
    archive_write_open_filename(writer, path.c_str());
    auto add = [&](const std::string& name, const std::string& bytes) {
        archive_entry* entry = archive_entry_new();
        archive_entry_set_pathname(entry, (stem + "/" + name).c_str());
        archive_entry_set_filetype(entry, AE_IFREG);
        archive_entry_set_perm(entry, 0644);
        archive_entry_set_size(entry, static_cast<la_int64_t>(bytes.size()));
        archive_write_header(writer, entry);
        archive_write_data(writer, bytes.data(), bytes.size());
        archive_entry_free(entry);
    };
    add(stem + ".nxml", article.xml);
    for (const auto& [name, bytes] : article.images) add(name, bytes);
    archive_write_close(writer);
    archive_write_free(writer);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: make_corpus OUT_DIR N [SEED]\n");
        return 2;
    }
    const std::filesystem::path out = argv[1];
    const int count = std::stoi(argv[2]);
    cv::RNG rng(argc > 3 ? std::stoull(argv[3]) : 314);
    for (int i = 0; i < count; ++i) {
        const Article article = make_article(i, rng);
        const std::string stem = "PMC" + std::to_string(8000000 + i);
        if (i % 5 == 4) {
            std::filesystem::create_directories(out / "packages");
            write_package(out / "packages" / (stem + ".tar.gz"), stem, article);
        } else {
            const auto dir = out / "loose" / stem;
            std::filesystem::create_directories(dir);
            write_file(dir / (stem + ".nxml"), article.xml);
            for (const auto& [name, bytes] : article.images) write_file(dir / name, bytes);
        }
    }
    return 0;
}
