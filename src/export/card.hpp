// The dataset card (README.md with Hugging Face YAML front matter) every export folder gets beside its manifest.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pubforge/export/exporter.hpp"

namespace pubforge::exporter {

// The README.md of an export folder in the Hugging Face dataset-card form. Front matter:
// license (one lower-case SPDX-like id when every item agrees, else "other" with the
// per-sample `license` field named), task_categories, size_categories, language,
// pretty_name, and configs whose data_files point at the folder's own files per split
// (WebDataset shards, imagefolder metadata.jsonl, JSON / JSONL, TSV, request files).
// Body: what the data is, how it was built (version, command, filters, seed, the source's
// content hash), counts per split, one real sample read back from the folder, licence
// notes and a citation block. `manifest` is the manifest without its file list; `files`
// are the folder's files (relative, sorted); `root` is the folder, read for the example.
std::string dataset_card(const nlohmann::json& manifest, const std::vector<std::string>& files, const std::string& root,
                         const ExportSummary& summary);

}  // namespace pubforge::exporter
