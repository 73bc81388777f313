#!/usr/bin/env python3
"""Checks a pubforge report folder: every section, the plots and gallery images, no broken or remote link.

Usage: check_report.py REPORT_DIR MIN_FIGURES [--dom DOM.html] [--screenshot SHOT.png]
--dom checks Chromium's --dump-dom of the page (the DOM a browser built, not only the file);
--screenshot checks that a PNG screenshot of the page is not blank.
"""
import html.parser
import os
import struct
import sys
import zlib

SECTIONS = {"glance", "plots", "gallery", "unaligned"}
PLOTS = 9


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.links, self.plots, self.figures = set(), [], 0, 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        for key in ("src", "href"):
            if a.get(key):
                self.links.append(a[key])
        if tag == "img" and a.get("class") == "plot":
            self.plots += 1
        if tag == "img" and a.get("class") == "figure":
            self.figures += 1


def parse(path):
    page = Page()
    page.feed(open(path, encoding="utf-8").read())
    return page


def check_page(page, root, min_figures, what):
    assert SECTIONS <= page.ids, f"{what}: sections missing: {SECTIONS - page.ids}"
    assert page.plots == PLOTS, f"{what}: {page.plots} plots, expected {PLOTS}"
    assert page.figures >= min_figures, f"{what}: {page.figures} gallery figures, expected >= {min_figures}"
    for link in page.links:
        if link.startswith("#"):
            assert link[1:] in page.ids, f"{what}: broken anchor {link}"
            continue
        assert ":" not in link and not link.startswith("/"), f"{what}: non-local link {link}"
        target = os.path.join(root, link)
        assert os.path.isfile(target) and os.path.getsize(target) > 200, f"{what}: broken link {link}"


def png_pixels(path):
    """Decodes an 8-bit RGB/RGBA PNG (what Chromium writes) to (width, height, channels, rows)."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (2, 6), f"unexpected PNG type {depth}/{colour}"
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw, stride, rows, prev = zlib.decompress(idat), width * channels, [], bytearray(width * channels)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up, up_left = prev[i], prev[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - up_left
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - up_left)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else up_left)) & 255
        rows.append(line)
        prev = line
    return width, height, channels, rows


def check_screenshot(path):
    width, height, channels, rows = png_pixels(path)
    assert width >= 800 and height >= 600, f"screenshot is {width}x{height}"
    colours, ink = set(), 0
    for row in rows[::4]:
        for x in range(0, width * channels, channels * 4):
            pixel = tuple(row[x:x + 3])
            colours.add(pixel)
            ink += sum(pixel) < 600
    samples = (height // 4 + 1) * (width // 4 + 1)
    assert len(colours) > 50, f"screenshot looks blank: {len(colours)} colours"
    assert ink > samples // 50, f"screenshot looks blank: {ink} of {samples} sampled pixels are not near white"
    print(f"screenshot {width}x{height}: {len(colours)} colours, {100 * ink // samples}% ink")


def main(argv):
    root, min_figures = argv[1], int(argv[2])
    options = dict(zip(argv[3::2], argv[4::2]))
    check_page(parse(os.path.join(root, "index.html")), root, min_figures, "index.html")
    if "--dom" in options:
        check_page(parse(options["--dom"]), root, min_figures, "Chromium DOM")
    if "--screenshot" in options:
        check_screenshot(options["--screenshot"])


if __name__ == "__main__":
    main(sys.argv)
