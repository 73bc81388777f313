// Expands command-line inputs (files, directories, @lists, "-") into a sorted, sharded list of documents.
#pragma once

#include <istream>
#include <string>
#include <vector>

namespace pubforge {

// `--shard K/N`: keep inputs whose key hashes to K (1-based) modulo N.
struct Shard {
    int index = 1;
    int count = 1;
    static Shard parse(const std::string& text);  // "3/8"; throws UsageError
    bool selects(const std::string& key) const;
};

struct InputFile {
    std::string path;  // as given or found under a directory
    std::string key;   // file name: location-independent, used for shards and ordering
};

// Directories are walked recursively and keep the files whose bytes sniff as
// XML, PDF or gzip/tar (images and other files in a package are resources, not
// inputs); folders whose name starts with '.' below an argument are not entered. "@list.txt" reads one path per line; "-" reads paths from `stdin_paths`.
// The result is sorted by path so any listing order gives the same run.
std::vector<InputFile> collect_inputs(const std::vector<std::string>& arguments, std::istream& stdin_paths,
                                      const Shard& shard = {});

}  // namespace pubforge
