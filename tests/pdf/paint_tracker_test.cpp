// Tests of the interpreter's paint bookkeeping: which colours are white, which text shows white, where ink lies.
#include "pdf/paint_tracker.hpp"

#include <podofo/podofo.h>

#include <gtest/gtest.h>

namespace pubforge::pdf {
namespace {

Paint paint(int components, const std::vector<double>& values) {
    Paint p;
    p.components = components;
    p.set(values);
    return p;
}

TEST(PaintTrackerTest, WhiteIsFullIntensityAndCmykWhiteIsNoInk) {
    EXPECT_TRUE(paint(1, {1}).white);
    EXPECT_TRUE(paint(3, {0.995, 1, 1}).white);
    EXPECT_FALSE(paint(3, {1, 1, 0.9}).white);
    EXPECT_TRUE(paint(4, {0, 0, 0.005, 0}).white);
    EXPECT_FALSE(paint(4, {1, 1, 1, 1}).white);  // every component at 1 is black in CMYK
    EXPECT_FALSE(paint(1, {0}).white);
}

TEST(PaintTrackerTest, ColoursThatDoNotFitTheirSpaceAreNotWhite) {
    EXPECT_FALSE(paint(3, {1}).white);      // too few operands
    EXPECT_FALSE(paint(1, {}).white);       // a pattern name, no numbers
    EXPECT_FALSE(paint(0, {1, 1}).white);   // a space whose white is unknown (Separation, Indexed...)
    Paint p = paint(1, {1});
    p.set({0.2});
    EXPECT_FALSE(p.white);  // a later colour replaces the white
}

TEST(PaintTrackerTest, ColourSpacesCountTheirComponentsByNameOrResource) {
    EXPECT_EQ(colour_components("DeviceGray", nullptr), 1);
    EXPECT_EQ(colour_components("RGB", nullptr), 3);
    EXPECT_EQ(colour_components("DeviceCMYK", nullptr), 4);
    EXPECT_EQ(colour_components("Pattern", nullptr), 0);

    PoDoFo::PdfDictionary icc_stream;
    icc_stream.AddKey("N", PoDoFo::PdfObject(static_cast<PoDoFo::pdf_int64>(3)));
    PoDoFo::PdfArray icc;
    icc.push_back(PoDoFo::PdfName("ICCBased"));
    icc.push_back(PoDoFo::PdfObject(icc_stream));
    PoDoFo::PdfArray separation;
    separation.push_back(PoDoFo::PdfName("Separation"));
    separation.push_back(PoDoFo::PdfName("Spot"));
    PoDoFo::PdfDictionary spaces;
    spaces.AddKey("CS0", PoDoFo::PdfObject(icc));
    spaces.AddKey("CS1", PoDoFo::PdfObject(separation));
    spaces.AddKey("CS2", PoDoFo::PdfName("DeviceCMYK"));
    PoDoFo::PdfDictionary resources_dict;
    resources_dict.AddKey("ColorSpace", PoDoFo::PdfObject(spaces));
    const PoDoFo::PdfObject resources(resources_dict);
    EXPECT_EQ(colour_components("CS0", &resources), 3);
    EXPECT_EQ(colour_components("CS1", &resources), 0);
    EXPECT_EQ(colour_components("CS2", &resources), 4);  // a resource that names a device space
    EXPECT_EQ(colour_components("CS9", &resources), 0);  // not in the resources
}

TEST(PaintTrackerTest, TextRenderModeDecidesWhichPaintTheTextShows) {
    const Paint white = paint(1, {1}), black = paint(1, {0});
    EXPECT_TRUE(paints_white(0, white, black));   // fill
    EXPECT_FALSE(paints_white(1, white, black));  // stroke only: the stroke is black
    EXPECT_TRUE(paints_white(1, black, white));
    EXPECT_FALSE(paints_white(2, white, black));  // fill and stroke: white only when both are
    EXPECT_TRUE(paints_white(2, white, white));
    EXPECT_FALSE(paints_white(3, white, white));  // invisible: a scanned page's text layer, kept
    EXPECT_TRUE(paints_white(4, white, black));   // fill, then clip
    EXPECT_FALSE(paints_white(7, white, white));
}

TEST(PaintTrackerTest, InkIsFoundUnderAPointOnlyWhereItWasPainted) {
    PaintTracker tracker(600, 800);
    EXPECT_FALSE(tracker.on_ink(100, 100));
    tracker.fill({50, 50, 150, 120}, paint(1, {0}));
    EXPECT_TRUE(tracker.on_ink(100, 100));
    EXPECT_TRUE(tracker.on_ink(150, 120));  // edges count
    EXPECT_FALSE(tracker.on_ink(151, 100));
    EXPECT_FALSE(tracker.on_ink(400, 700));
}

TEST(PaintTrackerTest, WhiteFillsAndWhiteStencilMasksAreNotInk) {
    PaintTracker tracker(600, 800);
    const Paint white = paint(3, {1, 1, 1}), red = paint(3, {1, 0, 0});
    tracker.fill({0, 0, 100, 100}, white);
    tracker.image({200, 0, 300, 100}, true, white);
    EXPECT_FALSE(tracker.on_ink(50, 50));
    EXPECT_FALSE(tracker.on_ink(250, 50));
    tracker.image({400, 0, 500, 100}, false, white);  // an image is ink whatever the fill colour
    tracker.image({200, 200, 300, 300}, true, red);
    EXPECT_TRUE(tracker.on_ink(450, 50));
    EXPECT_TRUE(tracker.on_ink(250, 250));
}

TEST(PaintTrackerTest, InkSpanningManyCellsAndOffThePageIsFound) {
    PaintTracker tracker(600, 800);
    tracker.add_ink({-50, -50, 650, 850});  // a shading over the whole page and past it
    EXPECT_TRUE(tracker.on_ink(0, 0));
    EXPECT_TRUE(tracker.on_ink(599, 799));
    EXPECT_TRUE(tracker.on_ink(-10, 820));  // off the page: the edge cells hold it
    PaintTracker empty_page(0, 0);          // a page without a size uses one cell
    empty_page.add_ink({1, 1, 2, 2});
    EXPECT_TRUE(empty_page.on_ink(1.5, 1.5));
    EXPECT_FALSE(empty_page.on_ink(3, 3));
    empty_page.add_ink({5, 5, 5, 9});  // no area: not ink
    EXPECT_FALSE(empty_page.on_ink(5, 7));
}

}  // namespace
}  // namespace pubforge::pdf
