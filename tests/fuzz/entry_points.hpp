// The fuzz entry points, shared by the libFuzzer targets (fuzz_*.cpp) and the regression replay test.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pubforge::fuzz {

// Feeds arbitrary bytes to one reader. Returns normally or throws pubforge::Error;
// anything else (another exception, a broken invariant, a sanitizer report) is a bug.
using EntryPoint = void (*)(std::string_view bytes);

void jats_reader(std::string_view bytes);     // parse_jats on the bytes as a loose XML file
void pdf_reader(std::string_view bytes);      // parse_pdf on the bytes as a PDF
void caption_splitter(std::string_view bytes);  // split_caption + count_caption_labels
void image_loader(std::string_view bytes);    // probe, decode, panel detection

struct Target {
    std::string name;  // the fuzzer is fuzz_<name>; its regressions are tests/fuzz/regressions/<name>/
    EntryPoint entry;
};
const std::vector<Target>& targets();

// Calls the entry point and swallows pubforge::Error, as the libFuzzer targets need.
int run_one(EntryPoint entry, const unsigned char* data, std::size_t size);

}  // namespace pubforge::fuzz
