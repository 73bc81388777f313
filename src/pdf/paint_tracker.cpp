// Paint bookkeeping of the content interpreter: white colours, text render modes, and a grid of the ink on a page.
#include "paint_tracker.hpp"

#include <algorithm>

#include "podofo_util.hpp"

namespace pubforge::pdf {

void Paint::set(const std::vector<double>& values) {
    if (components == 0 || values.size() != static_cast<size_t>(components)) {
        white = false;
        return;
    }
    // CMYK is white with no ink at all; the other spaces at full intensity.
    white = std::all_of(values.begin(), values.end(), [&](double v) { return components == 4 ? v <= 0.01 : v >= 0.99; });
}

int colour_components(const std::string& name, const PoDoFo::PdfObject* resources) {
    if (name == "DeviceGray" || name == "CalGray" || name == "G") return 1;
    if (name == "DeviceRGB" || name == "CalRGB" || name == "RGB") return 3;
    if (name == "DeviceCMYK" || name == "CMYK") return 4;
    const PoDoFo::PdfObject* space = podofo::get(podofo::get(resources, "ColorSpace"), name.c_str());
    const std::vector<const PoDoFo::PdfObject*> items = podofo::array_items(space);
    if (items.empty()) return space && space->IsName() ? colour_components(podofo::name(space), nullptr) : 0;
    const std::string family = podofo::name(items[0]);
    if (family == "ICCBased" && items.size() > 1) {
        const int n = podofo::integer(podofo::get(items[1], "N"));
        return n == 1 || n == 3 || n == 4 ? n : 0;
    }
    if (family == "CalGray") return 1;
    if (family == "CalRGB") return 3;
    return 0;
}

bool paints_white(int render_mode, const Paint& fill, const Paint& stroke) {
    const int mode = render_mode % 4;  // modes 4-7 paint as 0-3 and then clip
    if (mode == 3) return false;
    if (mode == 1) return stroke.white;
    if (mode == 2) return fill.white && stroke.white;
    return fill.white;
}

int PaintTracker::cell_index(double v, double extent) const {
    const int i = extent > 0 ? static_cast<int>(v / extent * kGrid) : 0;
    return std::clamp(i, 0, kGrid - 1);
}

void PaintTracker::add_ink(const Box& box) {
    if (box.empty()) return;
    // A page has few large fills and many small marks; the grid cost is bounded by its cell count.
    const int cx0 = cell_index(box.x0, width_), cx1 = cell_index(box.x1, width_);
    const int cy0 = cell_index(box.y0, height_), cy1 = cell_index(box.y1, height_);
    ink_.push_back(box);
    for (int y = cy0; y <= cy1; ++y)
        for (int x = cx0; x <= cx1; ++x) cells_[static_cast<size_t>(y * kGrid + x)].push_back(ink_.size() - 1);
}

bool PaintTracker::on_ink(double x, double y) const {
    for (size_t i : cells_[static_cast<size_t>(cell_index(y, height_) * kGrid + cell_index(x, width_))]) {
        const Box& b = ink_[i];
        if (x >= b.x0 && x <= b.x1 && y >= b.y0 && y <= b.y1) return true;
    }
    return false;
}

}  // namespace pubforge::pdf
