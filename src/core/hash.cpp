// SHA-256 through Nettle (GnuTLS's maintained primitives, already loaded for libarchive): OpenSSL's
// libcrypto would cost every start of pubforge a fifth of its time, and only the PDF module needs it.
#include "pubforge/core/hash.hpp"

#include <nettle/sha2.h>

#include <fstream>
#include <vector>

#include "pubforge/core/error.hpp"

namespace pubforge {
namespace {

struct DigestContext {
    sha256_ctx ctx;
    DigestContext() { sha256_init(&ctx); }
    void update(const void* data, size_t size) { sha256_update(&ctx, size, static_cast<const uint8_t*>(data)); }
    std::string hex() {
        uint8_t digest[SHA256_DIGEST_SIZE];
        sha256_digest(&ctx, SHA256_DIGEST_SIZE, digest);
        static const char* digits = "0123456789abcdef";
        std::string out(2 * SHA256_DIGEST_SIZE, '0');
        for (size_t i = 0; i < SHA256_DIGEST_SIZE; ++i) {
            out[2 * i] = digits[digest[i] >> 4];
            out[2 * i + 1] = digits[digest[i] & 15];
        }
        return out;
    }
};

}  // namespace

std::string sha256_hex(std::string_view bytes) {
    DigestContext digest;
    digest.update(bytes.data(), bytes.size());
    return digest.hex();
}

std::string sha256_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error("io.read", "cannot open " + path);
    DigestContext digest;
    std::vector<char> buffer(1 << 16);
    while (in) {
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        digest.update(buffer.data(), static_cast<size_t>(in.gcount()));
    }
    return digest.hex();
}

std::uint64_t stable_hash64(std::string_view text) {
    const std::string hex = sha256_hex(text);
    return std::stoull(hex.substr(0, 16), nullptr, 16);
}

}  // namespace pubforge
