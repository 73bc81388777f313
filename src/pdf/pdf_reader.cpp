// PDF to article record: loads with PoDoFo (errors mapped to codes), interprets pages, finds captions and figures.
#include "pubforge/pdf/pdf_reader.hpp"

#include <cmath>
#include <map>
#include <mutex>

#include <openssl/crypto.h>
#include <openssl/provider.h>
#include <sys/stat.h>
#include <opencv2/core/utils/logger.hpp>

#include "article_text.hpp"
#include "font_cache.hpp"
#include "podofo_util.hpp"
#include "pubforge/core/error.hpp"
#include "pubforge/pdf/captions.hpp"
#include "pubforge/pdf/content_interpreter.hpp"
#include "pubforge/pdf/figure_layout.hpp"
#include "pubforge/pdf/image_extract.hpp"
#include "pubforge/pdf/text_layout.hpp"

namespace pubforge::pdf {
namespace {

// Once per process, before the first document: quiet libraries, and ciphers for old encryption.
// The OpenSSL providers stay loaded for the life of the process; holding their handles
// keeps them reachable, which is also what leak checkers (LeakSanitizer) look for.
OSSL_PROVIDER* g_legacy_provider = nullptr;
OSSL_PROVIDER* g_default_provider = nullptr;

void prepare_libraries() {
    static std::once_flag once;
    std::call_once(once, [] {
        PoDoFo::PdfError::EnableDebug(false);
        PoDoFo::PdfError::EnableLogging(false);
        // OpenCV's decoders log to stderr (e.g. JPEG 2000 colour space notes); the library never prints.
        cv::utils::logging::setLogLevel(cv::utils::logging::LOG_LEVEL_SILENT);
        // PoDoFo decrypts the RC4 methods (PDF 1.1-1.6 "standard security", still common) through
        // OpenSSL, whose 3.x moved RC4 into the "legacy" provider, not loaded by default. Loading a
        // provider explicitly stops the implicit "default" one, so both are loaded. When the legacy
        // module is missing, RC4 files are rejected as pdf.encrypted, as before.
        g_legacy_provider = OSSL_PROVIDER_load(nullptr, "legacy");
        g_default_provider = OSSL_PROVIDER_load(nullptr, "default");
        // OpenSSL starts up on this call, usually in a worker thread (it is loaded with the PDF reader, not
        // at the start of the process), and the error state it makes for this thread while starting is
        // never freed when the thread ends: release it now; the thread gets a fresh one when it needs it.
        OPENSSL_thread_stop();
    });
}

bool looks_truncated(const std::string& bytes) {
    const size_t tail = bytes.size() > 1024 ? bytes.size() - 1024 : 0;
    return bytes.find("%%EOF", tail) == std::string::npos;
}

// PoDoFo's error enum to the reader's codes.
Error load_error(const PoDoFo::PdfError& error, const SourceDocument& doc) {
    const PoDoFo::EPdfError code = error.GetError();
    const std::string detail = podofo::error_text(code);
    switch (code) {
        case PoDoFo::ePdfError_InvalidPassword:
            return Error("pdf.encrypted", doc.path + ": encrypted, and the empty user password does not open it");
        case PoDoFo::ePdfError_UnsupportedFilter:
        case PoDoFo::ePdfError_InvalidEncryptionDict:
            return Error("pdf.encrypted", doc.path + ": encrypted with a method PoDoFo cannot read (" + detail + ")");
        case PoDoFo::ePdfError_OutOfMemory:
            return Error("pdf.too-large", doc.path + ": out of memory while loading");
        default:
            break;
    }
    if (doc.bytes.find("/Encrypt") != std::string::npos)
        return Error("pdf.encrypted", doc.path + ": encrypted with a method that cannot be decrypted here (" + detail + ")");
    if (looks_truncated(doc.bytes)) return Error("pdf.truncated", doc.path + ": the file ends early (" + detail + ")");
    return Error("pdf.malformed", doc.path + ": PoDoFo cannot read it (" + detail + ")");
}

std::vector<double> rounded(const Box& box) {
    auto r = [](double v) { return std::round(v * 10) / 10; };
    return {r(box.x0), r(box.y0), r(box.x1), r(box.y1)};
}

std::string info_title(PoDoFo::PdfMemDocument& pdf) {
    const PoDoFo::PdfInfo* info = pdf.GetInfo();
    if (!info) return "";
    return podofo::text_string(info->GetTitle());
}

std::string xmp_text(PoDoFo::PdfMemDocument& pdf) {
    try {
        const PoDoFo::PdfObject* metadata = pdf.GetMetadata();
        std::string xmp = podofo::decoded_stream(metadata);
        if (xmp.size() > (1u << 20)) xmp.resize(1u << 20);
        return xmp;
    } catch (const PoDoFo::PdfError&) {
        return "";
    }
}

// Cell text of a table region: lines inside the box, rows by baseline, cells by tab.
std::string table_text(const PageLayout& layout, const Box& region, const Box& caption_box) {
    std::vector<const Line*> lines;
    for (const Block& block : layout.blocks)
        for (const Line& line : block.lines)
            if (line.box.overlap_area(region) > 0.6 * line.box.area() && line.box.overlap_area(caption_box) <= 0)
                lines.push_back(&line);
    std::sort(lines.begin(), lines.end(), [](const Line* a, const Line* b) {
        return std::abs(a->baseline - b->baseline) > 2 ? a->baseline < b->baseline : a->box.x0 < b->box.x0;
    });
    std::string text;
    double baseline = -1e9;
    for (const Line* line : lines) {
        if (!text.empty()) text += std::abs(line->baseline - baseline) > 2 ? '\n' : '\t';
        text += line->text;
        baseline = line->baseline;
    }
    return text;
}

// The input's path when it is a plain file of the size read (a loose PDF, not a package member, stdin or a
// compressed file): the renderer then reads it from disk. Else "": the renderer gets the bytes on stdin.
std::string file_holding(const SourceDocument& doc) {
    if (!doc.member.empty() || doc.path.empty() || doc.path == "-") return "";
    struct stat st {};
    if (::stat(doc.path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return "";
    return static_cast<std::uint64_t>(st.st_size) == doc.bytes.size() ? doc.path : "";
}

struct PageData {
    PageContent content;
    PageLayout layout;
};

}  // namespace

Record parse_pdf(const SourceDocument& doc, ImageStore& store, const PdfOptions& options) {
    prepare_libraries();
    const Deadline deadline(options.time_limit_seconds);
    PoDoFo::PdfMemDocument pdf;
    try {
        pdf.LoadFromBuffer(doc.bytes.data(), static_cast<long>(doc.bytes.size()));
    } catch (const PoDoFo::PdfError& error) {
        throw load_error(error, doc);
    }

    Record record;
    record["schema"] = kRecordSchemaVersion;
    record["source"] = {{"kind", "pdf"}, {"path", doc.path}, {"sha256", doc.sha256}, {"bytes", doc.input_bytes}};
    record["warnings"] = nlohmann::json::array();
    if (looks_truncated(doc.bytes))
        add_warning(record, "pdf.truncated-recovered", "no %%EOF at the end: PoDoFo rebuilt what it could read");

    std::vector<PageData> pages;
    FontCache fonts;
    std::map<std::string, size_t> page_warnings;
    std::map<std::string, std::string> page_warning_text;
    int page_count = 0;
    try {
        page_count = pdf.GetPageCount();
        for (int i = 0; i < page_count; ++i) {
            deadline.check();
            PageData data;
            try {
                PoDoFo::PdfPage* page = pdf.GetPage(i);
                if (!page) throw PoDoFo::PdfError(PoDoFo::ePdfError_PageNotFound);
                data.content = interpret_page(pdf, *page, i + 1, fonts, deadline);
            } catch (const PoDoFo::PdfError& error) {
                data.content.number = i + 1;
                data.content.warnings.push_back({"pdf.page-unreadable", "page content unreadable: " + podofo::error_text(error.GetError())});
            }
            for (const PageWarning& w : data.content.warnings) {
                ++page_warnings[w.code];
                page_warning_text.emplace(w.code, w.message);
            }
            data.layout = build_layout(data.content);
            pages.push_back(std::move(data));
        }
    } catch (const PoDoFo::PdfError& error) {
        throw Error("pdf.malformed", doc.path + ": page tree unreadable (" +
                                         podofo::error_text(error.GetError()) + ")");
    }
    for (const auto& [code, count] : page_warnings)
        add_warning(record, code, page_warning_text[code] + (count > 1 ? " (" + std::to_string(count) + " times)" : ""));
    if (fonts.low_confidence())
        add_warning(record, "pdf.font-low-confidence",
                    std::to_string(fonts.low_confidence()) + " font(s) without a usable encoding: their text is kept as coded and may be wrong");
    if (fonts.unreadable())
        add_warning(record, "pdf.font-unreadable", std::to_string(fonts.unreadable()) + " font(s) PoDoFo could not read: their text is lost");

    std::vector<PageLayout> layouts;
    size_t glyphs = 0;
    for (const PageData& p : pages) {
        layouts.push_back(p.layout);
        glyphs += p.content.glyphs.size();
    }
    if (glyphs == 0 && page_count > 0)
        add_warning(record, "pdf.no-text", "no text layer (scanned pages?): captions and body cannot be read");
    const double body_size = dominant_font_size(layouts);
    std::vector<Caption> captions = find_captions(layouts, body_size);

    // Metadata.
    const std::string title = find_title(layouts, info_title(pdf));
    record["title"] = title;
    record["pages"] = page_count;
    std::vector<std::string> doi_texts;
    for (size_t p = 0; p < layouts.size() && p < 2; ++p) {
        std::string text;
        for (const Block& block : layouts[p].blocks) text += block.text() + "\n";
        doi_texts.push_back(text);
    }
    doi_texts.push_back(xmp_text(pdf));
    nlohmann::json ids = nlohmann::json::object();
    if (const std::string doi = find_doi(doi_texts); !doi.empty()) ids["doi"] = doi;
    record["ids"] = ids;
    record["id"] = make_article_id(ids, doc.sha256);

    // Figures and tables, page by page.
    record["figures"] = nlohmann::json::array();
    record["tables"] = nlohmann::json::array();
    BlockSet skip;
    size_t caption_words = 0;
    for (const Caption& c : captions) {
        const Block& block = layouts[static_cast<size_t>(c.page - 1)].blocks[c.block];
        if (c.first_line == 0 || c.first_line + 1 >= block.lines.size()) skip.insert({c.page, c.block});
        for (size_t more : c.more_blocks) skip.insert({c.page, more});
    }
    const std::string render_path = file_holding(doc);
    for (PageData& page : pages) {
        deadline.check();
        std::vector<PlacedFigure> placed = place_figures(page.content, page.layout, captions, body_size);
        for (UnlabelledFigure& unlabelled : find_unlabelled_figures(page.content, page.layout, placed, captions, body_size)) {
            skip.insert({unlabelled.caption.page, unlabelled.caption.block});
            captions.push_back(std::move(unlabelled.caption));
            unlabelled.figure.caption = captions.size() - 1;
            placed.push_back(std::move(unlabelled.figure));
        }
        for (const PlacedFigure& figure : placed) {
            const Caption& caption = captions[figure.caption];
            caption_words += count_words(caption.text);
            for (size_t b = 0; b < page.layout.blocks.size(); ++b)
                if (page.layout.blocks[b].box.overlap_area(figure.box) > 0.6 * page.layout.blocks[b].box.area())
                    skip.insert({page.layout.number, b});
            nlohmann::json item = {{"label", caption.label.label},
                                   {"caption", {{"text", caption.text}}},
                                   {"page", caption.page},
                                   {"bbox", rounded(figure.box)}};
            if (caption.label.kind == "table") {
                item["id"] = "tab" + std::to_string(record["tables"].size() + 1);
                item["kind"] = "table";
                item["text"] = table_text(page.layout, figure.box, caption.box);
                record["tables"].push_back(std::move(item));
                continue;
            }
            const std::string id = "fig" + std::to_string(record["figures"].size() + 1);
            item["id"] = id;
            item["kind"] = "figure";
            item["graphics"] = nlohmann::json::array();
            item["warnings"] = nlohmann::json::array();
            nlohmann::json subfigures = nlohmann::json::array();
            for (size_t k = 0; k < figure.images.size(); ++k) {
                const size_t index = figure.images[k];
                const ImagePlacement& placement = page.content.images[index];
                nlohmann::json graphic = {{"href", "page" + std::to_string(page.layout.number) + "-img" + std::to_string(index + 1)},
                                          {"image", nullptr}};
                if (options.store_images) {
                    const ExtractedImage extracted = extract_image(pdf, placement, options.max_image_pixels);
                    if (!extracted.bytes.empty()) graphic["image"] = store.put(extracted.bytes).to_json();
                    else add_warning(item, extracted.warning_code, graphic["href"].get<std::string>() + ": " + extracted.warning);
                }
                if (figure.images.size() > 1) {
                    const int w = graphic["image"].is_object() ? graphic["image"]["width"].get<int>() : placement.pixel_width;
                    const int h = graphic["image"].is_object() ? graphic["image"]["height"].get<int>() : placement.pixel_height;
                    subfigures.push_back({{"id", id + "-p" + std::to_string(k + 1)},
                                          {"graphic", k},
                                          {"box", {0, 0, w, h}},
                                          {"page_bbox", rounded(placement.box)},
                                          {"label", nullptr},
                                          {"image", graphic["image"]},
                                          {"score", 1.0},
                                          {"method", "pdf-layout"}});
                }
                item["graphics"].push_back(std::move(graphic));
            }
            if (!subfigures.empty()) {
                item["subfigures"] = subfigures;
                item["compound"] = true;
            }
            if (options.store_images && options.render.enabled) {
                const RenderedRegion rendered = render_region(doc.bytes, page.layout.number, figure.box, options.render,
                                                              deadline.seconds_left(), render_path);
                if (!rendered.bytes.empty()) {
                    nlohmann::json image = store.put(rendered.bytes).to_json();
                    image["dpi"] = rendered.dpi;
                    image["page"] = page.layout.number;
                    image["box"] = rounded(figure.box);
                    item["image"] = std::move(image);
                } else {
                    add_warning(item, rendered.warning_code, rendered.warning);
                }
            }
            if (!figure.has_raster && (!figure.found_graphics || !item.contains("image")))
                add_warning(item, "pdf.no-raster-image",
                            figure.found_graphics ? "the figure is vector graphics only: its box is recorded, no image"
                                                  : "no drawing found: the box is the space between the caption and the text above");
            record["figures"].push_back(std::move(item));
        }
    }
    record["word_counts"] = {{"captions", caption_words}};
    add_body(record, layouts, skip, body_size, title);
    add_mentions(record);
    return record;
}

}  // namespace pubforge::pdf
