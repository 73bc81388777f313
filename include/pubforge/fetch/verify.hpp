// Checks that a downloaded file is what the list promised: a readable gzip'd tar, a PDF or an XML document, never an HTML page.
#pragma once

#include <string>

namespace pubforge::fetch {

// Throws Error("fetch.not-a-package") when the bytes are an HTML page or not a format pubforge reads (by
// content, as core/sniff does), or when `name` ends in .tar.gz/.tgz and the bytes are not gzip;
// Error("fetch.corrupt") when a gzip/tar cannot be read to its end by libarchive (truncated, bad CRC, not a tar).
// Reads only: nothing is extracted. `name` is the list's path, used for the expected kind and messages.
void verify_download(const std::string& file, const std::string& name);

}  // namespace pubforge::fetch
