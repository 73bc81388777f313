// Content hashes (SHA-256 via Nettle) and the stable 64-bit key hash used for shards and splits.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace pubforge {

// Lower-case hex SHA-256 of the bytes.
std::string sha256_hex(std::string_view bytes);

// Streaming SHA-256 for files too large to hold in memory.
std::string sha256_file(const std::string& path);

// First 8 bytes of SHA-256 as an integer: stable across platforms and
// versions, unlike std::hash, so shard and split assignment never move.
std::uint64_t stable_hash64(std::string_view text);

}  // namespace pubforge
