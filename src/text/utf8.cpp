// UTF-8 validation and repair (RFC 3629 well-formedness table), used on every caption the text module reads.
#include "pubforge/text/utf8.hpp"

#include <cstdint>
#include <cstring>

namespace pubforge::text {
namespace {

// Length of the well-formed sequence at p, or 0 if the bytes there are ill-formed.
size_t sequence_length(std::string_view s, size_t p) {
    const auto b0 = static_cast<unsigned char>(s[p]);
    if (b0 < 0x80) return 1;
    auto byte = [&](size_t k) { return p + k < s.size() ? static_cast<unsigned char>(s[p + k]) : 0; };
    auto cont = [&](size_t k) { return (byte(k) & 0xC0) == 0x80; };
    if (b0 >= 0xC2 && b0 <= 0xDF) return cont(1) ? 2 : 0;
    if (b0 >= 0xE0 && b0 <= 0xEF) {
        const unsigned char b1 = byte(1);
        const bool ok1 = b0 == 0xE0 ? (b1 >= 0xA0 && b1 <= 0xBF) : b0 == 0xED ? (b1 >= 0x80 && b1 <= 0x9F) : cont(1);
        return ok1 && cont(2) ? 3 : 0;
    }
    if (b0 >= 0xF0 && b0 <= 0xF4) {
        const unsigned char b1 = byte(1);
        const bool ok1 = b0 == 0xF0 ? (b1 >= 0x90 && b1 <= 0xBF) : b0 == 0xF4 ? (b1 >= 0x80 && b1 <= 0x8F) : cont(1);
        return ok1 && cont(2) && cont(3) ? 4 : 0;
    }
    return 0;
}

}  // namespace

bool is_valid_utf8(std::string_view text) {
    for (size_t p = 0; p < text.size();) {
        // Eight ASCII bytes at a time: captions are mostly ASCII.
        uint64_t block = 0;
        if (p + 8 <= text.size() && (std::memcpy(&block, text.data() + p, 8), (block & 0x8080808080808080ULL) == 0)) {
            p += 8;
            continue;
        }
        if (static_cast<unsigned char>(text[p]) < 0x80) {
            ++p;
            continue;
        }
        const size_t n = sequence_length(text, p);
        if (n == 0) return false;
        p += n;
    }
    return true;
}

size_t utf8_floor(std::string_view text, size_t limit) {
    if (limit >= text.size()) return text.size();
    size_t p = limit;
    // Step back over at most three continuation bytes to the start of the cut sequence.
    for (int k = 0; k < 3 && p > 0 && (static_cast<unsigned char>(text[p]) & 0xC0) == 0x80; ++k) --p;
    return p;
}

std::string repair_utf8(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (size_t p = 0; p < text.size();) {
        const size_t n = sequence_length(text, p);
        if (n == 0) {
            out += "\xEF\xBF\xBD";
            ++p;
        } else {
            out.append(text.data() + p, n);
            p += n;
        }
    }
    return out;
}

void append_clean_text(std::string& out, std::string_view text, bool& pending_space) {
    const size_t n = text.size();
    for (size_t p = 0; p < n;) {
        const auto c = static_cast<unsigned char>(text[p]);
        const bool nbsp = c == 0xC2 && p + 1 < n && static_cast<unsigned char>(text[p + 1]) == 0xA0;
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || nbsp) {
            pending_space = pending_space || !out.empty();
            p += nbsp ? 2 : 1;
            continue;
        }
        if (pending_space) out += ' ';
        pending_space = false;
        if (c < 0x80) {
            // ASCII copied in one append up to the next byte that needs a look: a non-ASCII byte,
            // a control byte, or whitespace other than one space between two printable bytes.
            auto printable = [&](size_t at) {
                return at < n && static_cast<unsigned char>(text[at]) > ' ' && static_cast<unsigned char>(text[at]) < 0x80;
            };
            size_t q = p + 1;
            while (printable(q) || (q < n && text[q] == ' ' && printable(q + 1))) ++q;
            out.append(text.data() + p, q - p);
            p = q;
            continue;
        }
        const size_t length = sequence_length(text, p);
        if (length == 0) {
            out += "\xEF\xBF\xBD";
            ++p;
        } else {
            out.append(text.data() + p, length);
            p += length;
        }
    }
}

std::string clean_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool pending_space = false;
    append_clean_text(out, text, pending_space);
    return out;
}

}  // namespace pubforge::text
