#!/usr/bin/env python3
"""Writes tiny BMP, GIF and TIFF images into a directory: seeds for fuzz_image in formats the fixtures lack."""
import os
import struct
import sys

out = sys.argv[1]
os.makedirs(out, exist_ok=True)


def write(name, data):
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)


# 24-bit BMP, 3x2, bottom-up rows padded to 4 bytes.
width, height = 3, 2
row = bytes([0, 0, 255, 0, 255, 0, 255, 0, 0]) + b"\0" * 3
pixels = row * height
info = struct.pack("<IiiHHIIiiII", 40, width, height, 1, 24, 0, len(pixels), 2835, 2835, 0, 0)
write("seed.bmp", b"BM" + struct.pack("<IHHI", 14 + len(info) + len(pixels), 0, 0, 14 + len(info)) + info + pixels)

# GIF89a, 1x1, with a graphics control extension (transparency) and a two-colour table.
write("seed.gif", b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00"
                  b"!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;")

# Little-endian TIFF, 2x2 8-bit gray, one uncompressed strip.
entries = [(256, 3, 1, 2), (257, 3, 1, 2), (258, 3, 1, 8), (259, 3, 1, 1), (262, 3, 1, 1),
           (273, 4, 1, 0), (277, 3, 1, 1), (278, 3, 1, 2), (279, 4, 1, 4)]
ifd_size = 2 + 12 * len(entries) + 4
strip_offset = 8 + ifd_size
ifd = struct.pack("<H", len(entries))
for tag, kind, count, value in entries:
    value = strip_offset if tag == 273 else value
    ifd += struct.pack("<HHI", tag, kind, count) + (struct.pack("<HH", value, 0) if kind == 3 else struct.pack("<I", value))
write("seed.tif", b"II*\0" + struct.pack("<I", 8) + ifd + b"\0\0\0\0" + bytes([0, 85, 170, 255]))
