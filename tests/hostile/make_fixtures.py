#!/usr/bin/env python3
"""Writes the binary hostile fixtures (archives, PDFs, images, captions) into a directory.

They are generated rather than committed so the repository stays text, and each
is small: a "10 GB" member is only a header that claims it, a bomb is 100 MB of
zeros compressed to about 100 KB.
"""
import gzip
import hashlib
import io
import os
import struct
import sys
import tarfile
import zlib

os.makedirs(os.path.join(sys.argv[1], "images"), exist_ok=True)

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
ARTICLE = b'<?xml version="1.0"?><article><front><article-meta><title-group><article-title>t</article-title></title-group></article-meta></front></article>'


def write(name, data):
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)


def member(name, data=b"", kind=tarfile.REGTYPE, link=""):
    info = tarfile.TarInfo(name)
    info.type, info.linkname, info.size, info.mtime = kind, link, len(data), 0
    return info, io.BytesIO(data)


def tar_gz(name, members):
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for info, data in members:
            tar.addfile(info, data if info.type == tarfile.REGTYPE else None)
    write(name, gzip.compress(buffer.getvalue(), mtime=0))
    return buffer.getvalue()


# XML that needs no binary bytes but is large: 200,000 nested elements.
write("deep-nesting.xml", b"<article><body>" + b"<sec>" * 200000 + b"</sec>" * 200000 + b"</body></article>")

# Archives.
tar_gz("abs-path.tar.gz", [member("/tmp/evil/PMC1.nxml", ARTICLE)])
tar_gz("dotdot.tar.gz", [member("PMC1/../../evil.nxml", ARTICLE)])
tar_gz("symlink-out.tar.gz", [member("PMC1/PMC1.nxml", ARTICLE), member("PMC1/fig1.jpg", kind=tarfile.SYMTYPE, link="/etc/passwd")])
tar_gz("hardlink-out.tar.gz", [member("PMC1/PMC1.nxml", ARTICLE), member("PMC1/fig1.jpg", kind=tarfile.LNKTYPE, link="../../etc/shadow")])
header = tarfile.TarInfo("PMC1/huge.tif")
header.size, header.mtime = 10 * 1024 ** 3, 0
write("huge-member.tar.gz", gzip.compress(header.tobuf(format=tarfile.GNU_FORMAT) + b"\0" * 4096, mtime=0))
zeros = io.BytesIO()
with tarfile.open(fileobj=zeros, mode="w") as tar:
    tar.addfile(*member("PMC1/PMC1.nxml", ARTICLE))
    info = tarfile.TarInfo("PMC1/zeros.tif")
    info.size = 100 * 1024 ** 2
    tar.addfile(info, io.BytesIO(bytes(info.size)))
write("bomb.tar.gz", gzip.compress(zeros.getvalue(), 9, mtime=0))
plain = tar_gz("whole.tar", [member("PMC1/PMC1.nxml", ARTICLE), member("PMC1/noise.bin", os.urandom(0) + bytes(range(256)) * 800)])
os.remove(os.path.join(out, "whole.tar"))
write("truncated.tar.gz", gzip.compress(plain, mtime=0)[: len(gzip.compress(plain, mtime=0)) // 2])


def pdf(objects, trailer_extra=b""):
    """A PDF with correct xref offsets from a list of object bodies (1-based numbering)."""
    body = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    offsets = []
    for number, obj in enumerate(objects, 1):
        offsets.append(len(body))
        body += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    body += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    body += b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, trailer_extra, xref)
    return body, xref


def stream(dictionary, data):
    return b"<< " + dictionary + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


page_text = b"BT /F1 12 Tf 72 720 Td (Figure 1. A caption.) Tj ET"
simple, _ = pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                 b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                 b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
                 stream(b"", page_text),
                 b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"])
write("truncated.pdf", simple[: len(simple) * 6 // 10])
write("not-a-pdf-body.pdf", b"%PDF-1.4\n" + bytes(range(256)) * 40)
looped, xref_at = pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                       b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                       b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
                       stream(b"", page_text),
                       b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"])
# Point the trailer's /Prev at the xref section itself: a reader that follows it naively never stops.
looped = looped.replace(b"/Root 1 0 R >>", b"/Root 1 0 R /Prev %d >>" % xref_at)
write("xref-loop.pdf", looped)
cycle, _ = pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /XObject << /Fx 5 0 R >> >> >>",
                stream(b"", b"q /Fx Do Q"),
                stream(b"/Type /XObject /Subtype /Form /BBox [0 0 100 100] /Resources << /XObject << /Fx 5 0 R >> >>", b"/Fx Do")])
write("form-cycle.pdf", cycle)
tiny = zlib.compress(b"\x80" * 300)
huge, _ = pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /XObject << /Im0 5 0 R >> >> >>",
               stream(b"", b"q 400 0 0 400 100 300 cm /Im0 Do Q"),
               stream(b"/Type /XObject /Subtype /Image /Width 100000 /Height 100000 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode", tiny)])
write("huge-image.pdf", huge)



def rc4(key, data):
    state, j = list(range(256)), 0
    for i in range(256):
        j = (j + state[i] + key[i % len(key)]) % 256
        state[i], state[j] = state[j], state[i]
    out, i, j = bytearray(), 0, 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + state[i]) % 256
        state[i], state[j] = state[j], state[i]
        out.append(byte ^ state[(state[i] + state[j]) % 256])
    return bytes(out)


def rc4_encrypted_pdf(user_password):
    """The page above under the PDF 1.1 standard security handler (RC4, 40-bit key, revision 2).

    Readers must decrypt it with the empty user password when that is the password; RC4 needs
    OpenSSL's legacy provider on OpenSSL 3."""
    pad = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")
    doc_id, permissions = b"0123456789abcdef", (-4).to_bytes(4, "little", signed=True)
    owner = rc4(hashlib.md5((b"owner" + pad)[:32]).digest()[:5], (user_password + pad)[:32])
    key = hashlib.md5((user_password + pad)[:32] + owner + permissions + doc_id).digest()[:5]
    object_key = hashlib.md5(key + (4).to_bytes(3, "little") + (0).to_bytes(2, "little")).digest()[:10]
    encrypt = b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P -4 >>" % (owner.hex().encode(), rc4(key, pad).hex().encode())
    body, _ = pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                   b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                   b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
                   stream(b"", rc4(object_key, page_text)),
                   b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
                   encrypt],
                  b"/Encrypt 6 0 R /ID [<%s> <%s>] " % (doc_id.hex().encode(), doc_id.hex().encode()))
    return body


write("rc4-empty-password.pdf", rc4_encrypted_pdf(b""))
write("rc4-user-password.pdf", rc4_encrypted_pdf(b"secret"))

# Images for `crop --images`: a PNG declaring 100k x 100k, a truncated JPEG-looking file, an empty file.
ihdr = struct.pack(">IIBBBBB", 100000, 100000, 8, 2, 0, 0, 0)
chunk = lambda kind, data: struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
write("images/png-bomb.png", b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 1000)) + chunk(b"IEND", b""))
write("images/truncated.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xdb")
write("images/empty.png", b"")
