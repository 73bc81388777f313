// Small HTML building blocks for the report page: escaping and number formatting.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace pubforge::report {

// Text for element content and double-quoted attribute values: & < > " ' escaped.
std::string escape(std::string_view text);

// 1234567 -> "1,234,567", as a dataset paper prints counts.
std::string thousands(std::int64_t value);

// A string made safe as a file name stem: [A-Za-z0-9_-], anything else as '_'.
std::string file_stem(std::string_view text);

}  // namespace pubforge::report
