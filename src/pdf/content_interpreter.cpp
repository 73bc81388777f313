// Content-stream interpreter: graphics and text state, CTM, text showing, paths, images and Form XObjects.
#include "pubforge/pdf/content_interpreter.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>

#include "font_cache.hpp"
#include "paint_tracker.hpp"
#include "podofo_util.hpp"
#include "pubforge/core/error.hpp"

namespace pubforge::pdf {

void Deadline::check() const {
    if (passed()) throw Error("pdf.timeout", "the per-document time limit ran out");
}

namespace {

using PoDoFo::PdfObject;
using PoDoFo::PdfVariant;

// Row-vector affine matrix as PDF writes it: [a b c d e f], p' = p x M.
struct Matrix {
    double a = 1, b = 0, c = 0, d = 1, e = 0, f = 0;
    Matrix operator*(const Matrix& m) const {  // this, then m
        return {a * m.a + b * m.c,       a * m.b + b * m.d,       c * m.a + d * m.c,
                c * m.b + d * m.d,       e * m.a + f * m.c + m.e, e * m.b + f * m.d + m.f};
    }
    void apply(double x, double y, double& ox, double& oy) const {
        ox = x * a + y * c + e;
        oy = x * b + y * d + f;
    }
};

Matrix matrix_from(const std::vector<double>& v) {
    if (v.size() != 6) return {};
    return {v[0], v[1], v[2], v[3], v[4], v[5]};
}

Box transformed_box(const Matrix& m, double x0, double y0, double x1, double y1) {
    Box box{1e300, 1e300, -1e300, -1e300};
    const double xs[2] = {x0, x1}, ys[2] = {y0, y1};
    for (double x : xs)
        for (double y : ys) {
            double px, py;
            m.apply(x, y, px, py);
            box.x0 = std::min(box.x0, px);
            box.y0 = std::min(box.y0, py);
            box.x1 = std::max(box.x1, px);
            box.y1 = std::max(box.y1, py);
        }
    return box;
}

struct TextState {
    const FontDecoder* font = nullptr;
    int font_id = 0;
    double size = 0, char_spacing = 0, word_spacing = 0, horizontal_scale = 1, leading = 0, rise = 0;
    int render_mode = 0;  // Tr: 0 fill, 1 stroke, 2 both, 3 invisible, 4-7 the same and clip
};

struct GraphicsState {
    Matrix ctm;
    TextState text;
    Box clip{-1e9, -1e9, 1e9, 1e9};  // bounding box of the clipping path, page space
    Paint fill, stroke;
};

class Interpreter {
public:
    Interpreter(PoDoFo::PdfMemDocument& document, FontCache& fonts, const Deadline& deadline,
                const InterpreterLimits& limits, PageContent& page)
        : document_(document), fonts_(fonts), deadline_(deadline), limits_(limits), page_(page),
          paint_(page.width, page.height) {}

    void run(PoDoFo::PdfContentsTokenizer& tokenizer, const PdfObject* resources, const GraphicsState& initial);

private:
    double operand(size_t index_from_end) const {
        if (index_from_end >= operands_.size()) return 0;
        const PdfVariant& v = operands_[operands_.size() - 1 - index_from_end];
        return v.IsNumber() || v.IsReal() ? v.GetReal() : 0;
    }
    void show_text(const std::string& bytes);
    void show_array(const PoDoFo::PdfArray& items);
    void advance(double tx) { tm_ = Matrix{1, 0, 0, 1, tx, 0} * tm_; }
    void next_line(double tx, double ty) {
        tlm_ = Matrix{1, 0, 0, 1, tx, ty} * tlm_;
        tm_ = tlm_;
    }
    void path_point(double x, double y) {
        double px, py;
        state_.ctm.apply(x, y, px, py);
        if (!has_path_) path_ = {px, py, px, py};
        path_.x0 = std::min(path_.x0, px);
        path_.y0 = std::min(path_.y0, py);
        path_.x1 = std::max(path_.x1, px);
        path_.y1 = std::max(path_.y1, py);
        has_path_ = true;
    }
    void paint_path(int filled);  // 1 fill, 0 stroke, -1 no paint (n)
    std::vector<double> colour_operands() const {
        std::vector<double> values;
        for (const PdfVariant& v : operands_)
            if (v.IsNumber() || v.IsReal()) values.push_back(v.GetReal());
            else return {};  // a pattern name: not white
        return values;
    }
    void draw_xobject(const std::string& name, const PdfObject* resources);
    void inline_image(const std::string& data);

    PoDoFo::PdfMemDocument& document_;
    FontCache& fonts_;
    const Deadline& deadline_;
    const InterpreterLimits& limits_;
    PageContent& page_;

    GraphicsState state_;
    std::vector<GraphicsState> stack_;
    Matrix tm_, tlm_;
    std::vector<PdfVariant> operands_;
    std::vector<PdfVariant> inline_dict_;
    Box path_;
    bool has_path_ = false;
    bool clip_pending_ = false;
    std::set<std::pair<long, long>> forms_open_;  // cycle detection
    int depth_ = 0;
    size_t operators_ = 0;
    bool glyph_limit_warned_ = false;
    PaintTracker paint_;
};

void Interpreter::show_text(const std::string& bytes) {
    const TextState& ts = state_.text;
    if (!ts.font) return;
    for (const DecodedChar& ch : ts.font->decode(bytes)) {
        const Matrix trm = Matrix{ts.size * ts.horizontal_scale, 0, 0, ts.size, 0, ts.rise} * tm_ * state_.ctm;
        if (page_.glyphs.size() < limits_.max_glyphs_per_page) {
            Glyph glyph;
            glyph.text = ch.text;
            const double advance_width = ch.width > 0 ? ch.width : 0.25;
            glyph.box = transformed_box(trm, 0, -0.22, advance_width, 0.78);
            double ox, oy, ux, uy;
            trm.apply(0, 0, ox, oy);
            trm.apply(0, 1, ux, uy);
            glyph.font_size = std::hypot(ux - ox, uy - oy);
            glyph.baseline = oy;
            glyph.origin_x = ox;
            double rx, ry;
            trm.apply(1, 0, rx, ry);
            const double angle = std::atan2(ry - oy, rx - ox) * 180 / 3.14159265358979;
            const double quarter = std::round(angle / 90) * 90;
            glyph.rotation = std::abs(angle - quarter) < 5 ? (static_cast<int>(quarter) + 360) % 360 : -1;
            glyph.bold = ts.font->bold();
            glyph.low_confidence = ts.font->low_confidence();
            glyph.font_id = ts.font_id;
            // Text no reader sees is not text of the page: glyphs the clipping path cuts away (a whole
            // manuscript page placed as a figure, cropped to the figure), and white text on white paper.
            const double cx = (glyph.box.x0 + glyph.box.x1) / 2, cy = (glyph.box.y0 + glyph.box.y1) / 2;
            const bool clipped = cx < state_.clip.x0 || cx > state_.clip.x1 || cy < state_.clip.y0 || cy > state_.clip.y1;
            const bool unseen_white = paints_white(ts.render_mode, state_.fill, state_.stroke) && !paint_.on_ink(cx, cy);
            if (!clipped && !unseen_white) page_.glyphs.push_back(std::move(glyph));
        } else if (!glyph_limit_warned_) {
            glyph_limit_warned_ = true;
            page_.warnings.push_back({"pdf.too-much-text", "page text cut at the glyph limit"});
        }
        advance((ch.width * ts.size + ts.char_spacing + (ch.is_space ? ts.word_spacing : 0)) * ts.horizontal_scale);
    }
}

void Interpreter::show_array(const PoDoFo::PdfArray& items) {
    for (const PdfObject& item : items) {
        if (item.IsString() || item.IsHexString()) show_text(podofo::string_bytes(item.GetString()));
        else if (item.IsNumber() || item.IsReal())
            advance(-item.GetReal() / 1000.0 * state_.text.size * state_.text.horizontal_scale);
    }
}

void Interpreter::paint_path(int filled) {
    if (has_path_ && clip_pending_) state_.clip = state_.clip.intersected(path_);
    clip_pending_ = false;
    if (has_path_ && filled >= 0) {
        Box box = path_.intersected(state_.clip);
        // Hairlines have no area; give them half a point so they still count as ink.
        if (box.width() < 0.5) box.x0 -= 0.25, box.x1 += 0.25;
        if (box.height() < 0.5) box.y0 -= 0.25, box.y1 += 0.25;
        if (box.x1 >= box.x0 && box.y1 >= box.y0) page_.vectors.push_back({box, filled > 0});
        if (filled > 0) paint_.fill(box, state_.fill);
    }
    path_ = {};
    has_path_ = false;
}

void Interpreter::draw_xobject(const std::string& name, const PdfObject* resources) {
    const PdfObject* xobject = podofo::get(podofo::get(resources, "XObject"), name.c_str());
    if (!xobject) return;
    const std::string subtype = podofo::name(podofo::get(xobject, "Subtype"));
    if (subtype == "Image") {
        ImagePlacement image;
        image.box = transformed_box(state_.ctm, 0, 0, 1, 1).intersected(state_.clip);
        if (image.box.empty()) return;  // clipped away entirely
        image.xobject_number = static_cast<int>(xobject->Reference().ObjectNumber());
        image.xobject_generation = static_cast<int>(xobject->Reference().GenerationNumber());
        image.pixel_width = podofo::integer(podofo::get(xobject, "Width"));
        image.pixel_height = podofo::integer(podofo::get(xobject, "Height"));
        const PdfObject* mask = podofo::get(xobject, "ImageMask");
        image.is_mask = mask && mask->IsBool() && mask->GetBool();
        paint_.image(image.box, image.is_mask, state_.fill);
        page_.images.push_back(std::move(image));
        return;
    }
    if (subtype != "Form" || !xobject->HasStream()) return;
    const std::pair<long, long> key{static_cast<long>(xobject->Reference().ObjectNumber()),
                                    static_cast<long>(xobject->Reference().GenerationNumber())};
    if (forms_open_.count(key) || depth_ >= limits_.max_form_depth) {
        page_.warnings.push_back({"pdf.form-cycle", "Form XObject " + name + " draws itself (cycle or nesting over " +
                                                        std::to_string(limits_.max_form_depth) + "): cut"});
        return;
    }
    std::string program;
    try {
        program = podofo::decoded_stream(xobject);
    } catch (const PoDoFo::PdfError&) {
        page_.warnings.push_back({"pdf.stream-undecodable", "Form XObject " + name + " could not be decoded"});
        return;
    }
    GraphicsState inner = state_;
    inner.ctm = matrix_from(podofo::numbers(podofo::get(xobject, "Matrix"))) * state_.ctm;
    if (const auto bbox = podofo::numbers(podofo::get(xobject, "BBox")); bbox.size() == 4)  // forms clip to their BBox
        inner.clip = inner.clip.intersected(transformed_box(inner.ctm, bbox[0], bbox[1], bbox[2], bbox[3]));
    const PdfObject* own_resources = podofo::get(xobject, "Resources");
    forms_open_.insert(key);
    ++depth_;
    // The form runs with its own operand stack and text state, then the caller's state returns.
    const GraphicsState saved_state = state_;
    const auto saved_stack = std::move(stack_);
    const Matrix saved_tm = tm_, saved_tlm = tlm_;
    auto saved_operands = std::move(operands_);
    stack_.clear();
    operands_.clear();
    PoDoFo::PdfContentsTokenizer tokenizer(program.data(), static_cast<long>(program.size()));
    run(tokenizer, own_resources ? own_resources : resources, inner);
    state_ = saved_state;
    stack_ = saved_stack;
    tm_ = saved_tm;
    tlm_ = saved_tlm;
    operands_ = std::move(saved_operands);
    --depth_;
    forms_open_.erase(key);
}

void Interpreter::inline_image(const std::string& data) {
    ImagePlacement image;
    image.box = transformed_box(state_.ctm, 0, 0, 1, 1).intersected(state_.clip);
    image.inline_data = data;
    std::string dict = "<<";
    for (size_t i = 0; i + 1 < inline_dict_.size(); i += 2) {
        std::string key, value;
        inline_dict_[i].ToString(key);
        inline_dict_[i + 1].ToString(value);
        dict += " " + key + " " + value;
        const std::string k = inline_dict_[i].IsName() ? inline_dict_[i].GetName().GetName() : "";
        const PdfVariant& v = inline_dict_[i + 1];
        const int number = v.IsNumber() ? podofo::clamped_int(static_cast<double>(v.GetNumber())) : 0;
        if (k == "W" || k == "Width") image.pixel_width = number;
        if (k == "H" || k == "Height") image.pixel_height = number;
        if ((k == "IM" || k == "ImageMask") && v.IsBool()) image.is_mask = v.GetBool();
    }
    image.inline_dict = dict + " >>";
    paint_.image(image.box, image.is_mask, state_.fill);
    page_.images.push_back(std::move(image));
    inline_dict_.clear();
}

void Interpreter::run(PoDoFo::PdfContentsTokenizer& tokenizer, const PdfObject* resources, const GraphicsState& initial) {
    state_ = initial;
    PoDoFo::EPdfContentsType type;
    const char* keyword = nullptr;
    PdfVariant variant;
    bool in_inline_image = false;
    while (tokenizer.ReadNext(type, keyword, variant)) {
        if (type == PoDoFo::ePdfContentsType_Variant) {
            if (operands_.size() < 4096) operands_.push_back(variant);
            continue;
        }
        if (type == PoDoFo::ePdfContentsType_ImageData) {
            if (variant.IsRawData()) inline_image(variant.GetRawData().data());
            continue;
        }
        if ((++operators_ & 1023) == 0) {
            deadline_.check();
            if (operators_ > limits_.max_operators_per_page) {
                page_.warnings.push_back({"pdf.too-many-operators", "page content cut at the operator limit"});
                return;
            }
        }
        const std::string op = keyword ? keyword : "";
        TextState& ts = state_.text;
        if (op == "BI") {
            in_inline_image = true;
            inline_dict_.clear();
        } else if (op == "ID") {
            if (in_inline_image) inline_dict_ = operands_;
            in_inline_image = false;
        } else if (op == "q") {
            if (stack_.size() < 256) stack_.push_back(state_);
        } else if (op == "Q") {
            if (!stack_.empty()) {
                state_ = stack_.back();
                stack_.pop_back();
            }
        } else if (op == "cm" && operands_.size() >= 6) {
            state_.ctm = Matrix{operand(5), operand(4), operand(3), operand(2), operand(1), operand(0)} * state_.ctm;
        } else if (op == "BT") {
            tm_ = tlm_ = Matrix{};
        } else if (op == "Tf" && operands_.size() >= 2) {
            const PdfVariant& font_name = operands_[operands_.size() - 2];
            ts.size = operand(0);
            ts.font = nullptr;
            if (font_name.IsName()) {
                const PdfObject* font = podofo::get(podofo::get(resources, "Font"), font_name.GetName().GetName().c_str());
                if (font) std::tie(ts.font, ts.font_id) = fonts_.get(font, document_);
            }
        } else if (op == "Tc") {
            ts.char_spacing = operand(0);
        } else if (op == "Tw") {
            ts.word_spacing = operand(0);
        } else if (op == "Tz") {
            ts.horizontal_scale = operand(0) / 100.0;
        } else if (op == "TL") {
            ts.leading = operand(0);
        } else if (op == "Tr") {
            ts.render_mode = static_cast<int>(operand(0));
        } else if (op == "g" || op == "G" || op == "rg" || op == "RG" || op == "k" || op == "K") {
            Paint& paint = std::isupper(static_cast<unsigned char>(op[0])) ? state_.stroke : state_.fill;
            paint.components = op.size() == 1 ? 1 : (op[0] == 'r' || op[0] == 'R' ? 3 : 4);
            if (op == "k" || op == "K") paint.components = 4;
            paint.set(colour_operands());
        } else if ((op == "cs" || op == "CS") && !operands_.empty() && operands_.back().IsName()) {
            Paint& paint = op == "CS" ? state_.stroke : state_.fill;
            paint.components = colour_components(operands_.back().GetName().GetName(), resources);
            paint.white = false;  // a new space starts at its black (or first) colour
        } else if (op == "sc" || op == "scn" || op == "SC" || op == "SCN") {
            (op[0] == 'S' ? state_.stroke : state_.fill).set(colour_operands());
        } else if (op == "Ts") {
            ts.rise = operand(0);
        } else if (op == "Td") {
            next_line(operand(1), operand(0));
        } else if (op == "TD") {
            ts.leading = -operand(0);
            next_line(operand(1), operand(0));
        } else if (op == "Tm" && operands_.size() >= 6) {
            tm_ = tlm_ = Matrix{operand(5), operand(4), operand(3), operand(2), operand(1), operand(0)};
        } else if (op == "T*") {
            next_line(0, -ts.leading);
        } else if (op == "Tj" || op == "'" || op == "\"") {
            if (op != "Tj") next_line(0, -ts.leading);
            if (op == "\"" && operands_.size() >= 3) {
                ts.word_spacing = operand(2);
                ts.char_spacing = operand(1);
            }
            if (!operands_.empty() && (operands_.back().IsString() || operands_.back().IsHexString()))
                show_text(podofo::string_bytes(operands_.back().GetString()));
        } else if (op == "TJ") {
            if (!operands_.empty() && operands_.back().IsArray()) show_array(operands_.back().GetArray());
        } else if (op == "Do") {
            if (!operands_.empty() && operands_.back().IsName())
                draw_xobject(operands_.back().GetName().GetName(), resources);
        } else if (op == "re" && operands_.size() >= 4) {
            const double x = operand(3), y = operand(2), w = operand(1), h = operand(0);
            path_point(x, y);
            path_point(x + w, y + h);
        } else if (op == "m" || op == "l") {
            path_point(operand(1), operand(0));
        } else if (op == "c") {
            path_point(operand(5), operand(4));
            path_point(operand(3), operand(2));
            path_point(operand(1), operand(0));
        } else if (op == "v" || op == "y") {
            path_point(operand(3), operand(2));
            path_point(operand(1), operand(0));
        } else if (op == "S" || op == "s") {
            paint_path(0);
        } else if (op == "f" || op == "F" || op == "f*" || op == "B" || op == "B*" || op == "b" || op == "b*") {
            paint_path(1);
        } else if (op == "n") {
            paint_path(-1);
        } else if (op == "W" || op == "W*") {
            clip_pending_ = true;  // takes effect when the path is painted or ended
        } else if (op == "sh") {
            // A shading fills the current clip: record it when a clip bounds it.
            if (state_.clip.x0 > -1e8 && state_.clip.x1 < 1e8 && !state_.clip.empty()) {
                page_.vectors.push_back({state_.clip, true});
                paint_.add_ink(state_.clip);
            }
        }
        operands_.clear();
    }
}

}  // namespace

PageContent interpret_page(PoDoFo::PdfMemDocument& document, PoDoFo::PdfPage& page, int number, FontCache& fonts,
                           const Deadline& deadline, const InterpreterLimits& limits) {
    PageContent content;
    content.number = number;
    PoDoFo::PdfRect crop = page.GetCropBox();
    if (crop.GetWidth() <= 0 || crop.GetHeight() <= 0) crop = page.GetMediaBox();
    const double left = crop.GetLeft(), bottom = crop.GetBottom();
    const double right = left + crop.GetWidth(), top = bottom + crop.GetHeight();
    // User space -> page space with the origin top-left, after the page's /Rotate.
    Matrix base{1, 0, 0, -1, -left, top};
    content.width = crop.GetWidth();
    content.height = crop.GetHeight();
    switch (((page.GetRotation() % 360) + 360) % 360) {
        case 90: base = {0, 1, 1, 0, -bottom, -left}; std::swap(content.width, content.height); break;
        case 180: base = {-1, 0, 0, 1, right, -bottom}; break;
        case 270: base = {0, -1, -1, 0, top, right}; std::swap(content.width, content.height); break;
        default: break;
    }
    Interpreter interpreter(document, fonts, deadline, limits, content);
    GraphicsState initial;
    initial.ctm = base;
    PoDoFo::PdfContentsTokenizer tokenizer(&page);
    interpreter.run(tokenizer, page.GetResources(), initial);
    return content;
}

}  // namespace pubforge::pdf
