// Article source over the SQLite archive: waits for the archive module (branch `archive`) to land.
#include "pubforge/core/error.hpp"
#include "pubforge/export/responses.hpp"
#include "pubforge/export/source.hpp"

namespace pubforge::exporter {

std::unique_ptr<ArticleSource> open_archive_source(const std::string& db_path) {
    throw Error("export.no-archive", "reading " + db_path + " needs the archive module, not merged yet; use --records", true);
}

ResponseArchive open_response_archive(const std::string& db_path) {
    throw Error("export.no-archive", "importing into " + db_path + " needs the archive module, not merged yet", true);
}

}  // namespace pubforge::exporter
