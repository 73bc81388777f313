// Input expansion: files, recursive directories, @list files and stdin, then sharding.
#include "pubforge/core/inputs.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "pubforge/core/error.hpp"
#include "pubforge/core/hash.hpp"
#include "pubforge/core/sniff.hpp"

namespace pubforge {
namespace fs = std::filesystem;

Shard Shard::parse(const std::string& text) {
    const auto slash = text.find('/');
    Shard shard;
    try {
        if (slash == std::string::npos) throw std::invalid_argument("no slash");
        shard.index = std::stoi(text.substr(0, slash));
        shard.count = std::stoi(text.substr(slash + 1));
    } catch (const std::exception&) {
        throw UsageError("--shard expects K/N (for example 3/8), got '" + text + "'");
    }
    if (shard.count < 1 || shard.index < 1 || shard.index > shard.count)
        throw UsageError("--shard K/N needs 1 <= K <= N, got '" + text + "'");
    return shard;
}

bool Shard::selects(const std::string& key) const {
    return count <= 1 || static_cast<int>(stable_hash64(key) % static_cast<std::uint64_t>(count)) == index - 1;
}

namespace {

bool is_document(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    char head[512];
    in.read(head, sizeof head);
    const Format format = sniff_format(std::string_view(head, static_cast<size_t>(in.gcount())));
    return format == Format::Xml || format == Format::Pdf || format == Format::Gzip || format == Format::Tar;
}

void add_path(const std::string& argument, std::vector<InputFile>& out) {
    std::error_code ec;
    if (fs::is_directory(argument, ec)) {
        for (auto it = fs::recursive_directory_iterator(argument, fs::directory_options::skip_permission_denied, ec);
             it != fs::recursive_directory_iterator(); it.increment(ec)) {
            if (ec) break;
            // Hidden folders below the argument are never inputs: `pubforge fetch` keeps partial downloads in
            // MIRROR/.partial, the store its temporaries in STORE/.tmp, and version control its own (.git).
            if (it->path().filename().string()[0] == '.' && it->is_directory(ec)) {
                it.disable_recursion_pending();
                continue;
            }
            if (it->is_regular_file(ec) && is_document(it->path()))
                out.push_back({it->path().string(), it->path().filename().string()});
        }
        return;
    }
    // Missing files are kept: the stage rejects them with io.read, so the user sees which.
    out.push_back({argument, fs::path(argument).filename().string()});
}

void add_list(std::istream& in, std::vector<InputFile>& out) {
    std::string line;
    while (std::getline(in, line)) {
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
        if (!line.empty() && line[0] != '#') add_path(line, out);
    }
}

}  // namespace

std::vector<InputFile> collect_inputs(const std::vector<std::string>& arguments, std::istream& stdin_paths,
                                      const Shard& shard) {
    std::vector<InputFile> all;
    for (const auto& argument : arguments) {
        if (argument == "-") {
            add_list(stdin_paths, all);
        } else if (!argument.empty() && argument[0] == '@') {
            std::ifstream list(argument.substr(1));
            if (!list) throw UsageError("cannot read the input list " + argument.substr(1));
            add_list(list, all);
        } else {
            add_path(argument, all);
        }
    }
    std::sort(all.begin(), all.end(), [](const InputFile& a, const InputFile& b) { return a.path < b.path; });
    all.erase(std::unique(all.begin(), all.end(), [](const InputFile& a, const InputFile& b) { return a.path == b.path; }),
              all.end());
    std::vector<InputFile> selected;
    for (auto& input : all)
        if (shard.selects(input.key)) selected.push_back(std::move(input));
    return selected;
}

}  // namespace pubforge
