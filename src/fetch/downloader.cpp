// The downloader: libcurl's multi interface runs -j transfers at once under a request-rate limit, with retries,
// Retry-After, range resume of partial files, and verification before a file is renamed into the mirror.
#include <curl/curl.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <deque>
#include <filesystem>
#include <memory>

#include "pubforge/core/error.hpp"
#include "pubforge/core/files.hpp"
#include "pubforge/core/interrupt.hpp"
#include "pubforge/fetch/fetch.hpp"
#include "pubforge/fetch/verify.hpp"

namespace pubforge::fetch {
namespace {
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

struct Task {
    size_t index = 0;  // into entries
    int attempt = 0;   // attempts already made
    Clock::time_point not_before{};
};

// One transfer in flight. The partial file is opened at the first body byte, so an error response never
// touches it; an HTTP 200 (a server that ignores the range) restarts it, a 206 appends to it.
struct Transfer {
    Task task;
    CURL* easy = nullptr;
    std::string partial;
    curl_off_t offset = 0;  // bytes already in the partial file when the request was made
    std::FILE* file = nullptr;
    bool started = false, discard = false, restarted = false;
    int write_errno = 0;
    std::uint64_t received = 0;
    char error[CURL_ERROR_SIZE] = {};
};

bool is_http(CURL* easy) {
    const char* scheme = nullptr;
    curl_easy_getinfo(easy, CURLINFO_SCHEME, &scheme);
    return scheme && (std::strcmp(scheme, "HTTP") == 0 || std::strcmp(scheme, "HTTPS") == 0 ||
                      std::strcmp(scheme, "http") == 0 || std::strcmp(scheme, "https") == 0);
}

long response_code(CURL* easy) {
    long code = 0;
    curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &code);
    return code;
}

size_t on_body(char* data, size_t size, size_t count, void* user) {
    auto* t = static_cast<Transfer*>(user);
    const size_t bytes = size * count;
    if (!t->started) {
        t->started = true;
        const bool http = is_http(t->easy);
        const long code = response_code(t->easy);
        if (http && code != 200 && code != 206) t->discard = true;  // an error page: never stored
        if (t->discard) return bytes;
        t->restarted = http && code == 200 && t->offset > 0;
        t->file = std::fopen(t->partial.c_str(), t->offset > 0 && !t->restarted ? "ab" : "wb");
        if (!t->file) {
            t->write_errno = errno ? errno : EIO;
            return 0;
        }
    }
    if (t->discard) return bytes;
    if (std::fwrite(data, 1, bytes, t->file) != bytes) {
        t->write_errno = errno ? errno : EIO;
        return 0;
    }
    t->received += bytes;
    return bytes;
}

// A URL from the base and a list path: each segment percent-encoded, the slashes kept.
std::string make_url(CURL* easy, std::string base, const std::string& path) {
    if (base.empty() || base.back() != '/') base += '/';
    std::string url = base;
    size_t start = 0;
    for (;;) {
        const auto slash = path.find('/', start);
        const std::string segment = path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
        char* escaped = curl_easy_escape(easy, segment.data(), static_cast<int>(segment.size()));
        url += escaped ? escaped : segment;
        curl_free(escaped);
        if (slash == std::string::npos) return url;
        url += '/';
        start = slash + 1;
    }
}

std::int64_t mtime_of(const std::string& path, std::int64_t* size = nullptr) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return -1;
    if (size) *size = static_cast<std::int64_t>(st.st_size);
    return static_cast<std::int64_t>(st.st_mtime);
}

void make_parent(const std::string& path) {
    std::error_code ec;
    fs::create_directories(fs::path(path).parent_path(), ec);
    if (ec) throw Error("io.write", "cannot create the folder of " + path + ": " + ec.message(), true);
}

// What a failed attempt means: the reject code, its message, and whether another attempt may help.
struct Failure {
    std::string code, message;
    bool retry = false;
    bool drop_partial = false;  // the partial file cannot be resumed (416, or it failed verification)
    double retry_after = -1;    // seconds the server asked for
};

class Downloader {
public:
    Downloader(const std::vector<ListEntry>& entries, const FetchOptions& options, RejectLog& rejects,
               const ProgressCallback& progress)
        : entries_(entries), options_(options), rejects_(rejects), progress_(progress) {}

    ~Downloader() {
        for (auto& t : active_) abandon(*t);
        if (multi_) curl_multi_cleanup(multi_);
    }

    FetchSummary run();

private:
    void plan();
    void start(Task task);
    void finish(Transfer& t, CURLcode result);
    Failure classify(Transfer& t, CURLcode result);
    void fail(const Task& task, const Failure& failure);
    void abandon(Transfer& t);
    void report(bool force);

    const std::vector<ListEntry>& entries_;
    const FetchOptions& options_;
    RejectLog& rejects_;
    const ProgressCallback& progress_;
    CURLM* multi_ = nullptr;
    std::deque<Task> queue_;
    std::vector<std::unique_ptr<Transfer>> active_;
    std::vector<std::pair<size_t, Failure>> failures_;  // written to the rejects log in list order at the end
    FetchSummary summary_;
    Clock::time_point began_ = Clock::now(), next_request_ = began_, paused_until_ = began_, last_report_{};
    std::uint64_t bytes_done_ = 0;
};

std::string final_path(const FetchOptions& options, const ListEntry& entry) { return options.mirror + "/" + entry.path; }
std::string partial_path(const FetchOptions& options, const ListEntry& entry) {
    return options.mirror + "/.partial/" + entry.path;
}

// What is already there: an up-to-date file is skipped (after a read-only check with --verify); a partial file
// older than the list's Last Updated belongs to an older version and is removed.
void Downloader::plan() {
    for (size_t i = 0; i < entries_.size(); ++i) {
        const ListEntry& entry = entries_[i];
        const std::int64_t mtime = mtime_of(final_path(options_, entry));
        const bool stale = entry.updated && mtime >= 0 && mtime < *entry.updated;
        bool keep = mtime >= 0 && !stale;
        if (keep && options_.verify) {
            try {
                verify_download(final_path(options_, entry), entry.path);
            } catch (const Error&) {
                keep = false;
            }
        }
        if (keep) {
            ++summary_.skipped;
            continue;
        }
        const std::string partial = partial_path(options_, entry);
        const std::int64_t partial_mtime = mtime_of(partial);
        if (partial_mtime >= 0 && entry.updated && partial_mtime < *entry.updated) std::remove(partial.c_str());
        queue_.push_back({i, 0, began_});
    }
}

void Downloader::start(Task task) {
    const ListEntry& entry = entries_[task.index];
    auto t = std::make_unique<Transfer>();
    t->task = task;
    t->partial = partial_path(options_, entry);
    make_parent(t->partial);
    std::int64_t size = 0;
    if (mtime_of(t->partial, &size) >= 0) t->offset = size;
    t->easy = curl_easy_init();
    if (!t->easy) throw Error("fetch.curl", "libcurl could not create a transfer", true);
    CURL* e = t->easy;
    const std::string url = make_url(e, options_.base_url, entry.path);
    curl_easy_setopt(e, CURLOPT_URL, url.c_str());
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https,ftp,ftps,file");
    curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https,ftp,ftps");  // a redirect never reads local files
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(e, CURLOPT_MAXREDIRS, 5L);
    curl_easy_setopt(e, CURLOPT_USERAGENT, "pubforge-fetch/" PUBFORGE_VERSION);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, t.get());
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t->error);
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.timeout * 1000));
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(std::min(options_.connect_timeout, options_.timeout) * 1000));
    curl_easy_setopt(e, CURLOPT_PRIVATE, t.get());
    if (t->offset > 0) {
        const std::string range = std::to_string(t->offset) + "-";
        curl_easy_setopt(e, CURLOPT_RANGE, range.c_str());  // copied by libcurl
        ++summary_.resumed;
    }
    if (task.attempt > 0) ++summary_.retries;
    curl_multi_add_handle(multi_, e);
    active_.push_back(std::move(t));
}

Failure Downloader::classify(Transfer& t, CURLcode result) {
    const ListEntry& entry = entries_[t.task.index];
    const bool http = is_http(t.easy);
    const long code = response_code(t.easy);
    Failure f;
    if (result == CURLE_OK && http && code != 200 && code != 206) {
        f.message = entry.path + ": HTTP " + std::to_string(code);
        if (code == 429 || code >= 500) {
            f.code = "fetch.http";
            f.retry = true;
            curl_off_t after = -1;
            if (curl_easy_getinfo(t.easy, CURLINFO_RETRY_AFTER, &after) == CURLE_OK && after > 0)
                f.retry_after = std::min<double>(static_cast<double>(after), 600);
        } else if (code == 416) {  // the partial file is not a prefix of what the server has now
            f = {"fetch.http", f.message + " (range not satisfiable)", true, true};
        } else {
            f.code = code == 404 || code == 410 ? "fetch.not-found" : "fetch.http";
        }
        return f;
    }
    if (result == CURLE_OK) return f;
    const std::string detail = t.error[0] ? t.error : curl_easy_strerror(result);
    f.message = entry.path + ": " + detail;
    switch (result) {
        case CURLE_OPERATION_TIMEDOUT:
            f.code = "fetch.timeout";
            f.message = entry.path + ": no complete answer within " + std::to_string(static_cast<int>(options_.timeout)) +
                        " s (" + detail + ")";
            f.retry = true;
            break;
        case CURLE_PARTIAL_FILE:
            f.code = "fetch.truncated";
            f.message = entry.path + ": the connection ended before the announced size (" + detail + ")";
            f.retry = true;
            break;
        case CURLE_COULDNT_RESOLVE_HOST: case CURLE_COULDNT_CONNECT: case CURLE_RECV_ERROR: case CURLE_SEND_ERROR:
        case CURLE_GOT_NOTHING: case CURLE_SSL_CONNECT_ERROR: case CURLE_HTTP2: case CURLE_HTTP2_STREAM:
        case CURLE_FTP_ACCEPT_TIMEOUT: case CURLE_FTP_CANT_GET_HOST:
            f.code = "fetch.connection";
            f.retry = true;
            break;
        case CURLE_REMOTE_FILE_NOT_FOUND: case CURLE_FILE_COULDNT_READ_FILE:
            f.code = "fetch.not-found";
            break;
        default:
            f.code = "fetch.transfer";
            break;
    }
    return f;
}

void Downloader::fail(const Task& task, const Failure& failure) {
    const ListEntry& entry = entries_[task.index];
    if (failure.drop_partial) std::remove(partial_path(options_, entry).c_str());
    if (failure.retry && task.attempt < options_.retries) {
        Task next = task;
        ++next.attempt;
        const double backoff = std::min(options_.backoff * std::pow(2.0, task.attempt), std::max(60.0, options_.backoff));
        const double wait = failure.retry_after >= 0 ? failure.retry_after : backoff;
        const auto wait_for = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(wait));
        next.not_before = Clock::now() + wait_for;
        // Retry-After speaks for the server, not for one file: no request at all before then.
        if (failure.retry_after >= 0) paused_until_ = std::max(paused_until_, next.not_before);
        queue_.push_back(next);
        return;
    }
    Failure final = failure;
    if (task.attempt > 0) final.message += " (after " + std::to_string(task.attempt + 1) + " attempts)";
    failures_.emplace_back(task.index, final);
    ++summary_.failed;
}

void Downloader::finish(Transfer& t, CURLcode result) {
    const ListEntry& entry = entries_[t.task.index];
    if (t.file && std::fclose(t.file) != 0 && !t.write_errno) t.write_errno = errno ? errno : EIO;
    t.file = nullptr;
    bytes_done_ += t.received;
    if (t.write_errno)  // disk full or the mirror unwritable: the batch cannot go on
        throw Error("io.write", "cannot write " + t.partial + ": " + std::strerror(t.write_errno), true);
    Failure failure = classify(t, result);
    if (failure.code.empty()) {
        // Content-Length (of the whole file, or of the rest after a range) against what the partial file holds.
        curl_off_t length = -1;
        curl_easy_getinfo(t.easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length);
        std::int64_t size = 0;
        if (mtime_of(t.partial, &size) < 0) size = 0;  // an empty body never opened the file
        const std::int64_t base = t.restarted ? 0 : t.offset;
        if (!t.started && t.offset == 0) {  // an empty body: an empty file, which verification then refuses
            std::FILE* empty = std::fopen(t.partial.c_str(), "wb");
            if (!empty || std::fclose(empty) != 0)
                throw Error("io.write", "cannot write " + t.partial + ": " + std::strerror(errno), true);
        }
        if (length >= 0 && is_http(t.easy) && size != base + length) {
            failure = {"fetch.truncated", entry.path + ": " + std::to_string(size) + " bytes on disk, the server announced " +
                                              std::to_string(base + length), true, true};
        } else {
            try {
                verify_download(t.partial, entry.path);
            } catch (const Error& e) {
                // A resumed file that fails may have joined two versions: start again from the first byte.
                const bool resumed = t.offset > 0 && !t.restarted;
                failure = {e.code(), e.what(), resumed, true};
            }
        }
    }
    if (!failure.code.empty()) return fail(t.task, failure);
    const std::string target = final_path(options_, entry);
    make_parent(target);
    if (std::rename(t.partial.c_str(), target.c_str()) != 0)
        throw Error("io.write", "cannot rename " + t.partial + " to " + target + ": " + std::strerror(errno), true);
    ++summary_.fetched;
}

void Downloader::abandon(Transfer& t) {
    if (t.file) std::fclose(t.file);
    t.file = nullptr;
    if (t.easy) {
        curl_multi_remove_handle(multi_, t.easy);
        curl_easy_cleanup(t.easy);
        t.easy = nullptr;
    }
}

void Downloader::report(bool force) {
    if (!progress_) return;
    const auto now = Clock::now();
    if (!force && now - last_report_ < std::chrono::milliseconds(500)) return;
    last_report_ = now;
    Progress p;
    p.total = entries_.size();
    p.fetched = summary_.fetched;
    p.skipped = summary_.skipped;
    p.failed = summary_.failed;
    p.done = p.fetched + p.skipped + p.failed;
    p.bytes = bytes_done_;
    for (const auto& t : active_) p.bytes += t->received;
    p.seconds = std::chrono::duration<double>(now - began_).count();
    progress_(p);
}

FetchSummary Downloader::run() {
    summary_.selected = entries_.size();
    multi_ = curl_multi_init();
    if (!multi_) throw Error("fetch.curl", "libcurl could not start", true);
    curl_multi_setopt(multi_, CURLMOPT_MAX_HOST_CONNECTIONS, static_cast<long>(options_.jobs));
    plan();
    const auto spacing = options_.rate > 0 ? std::chrono::duration_cast<Clock::duration>(
                                                 std::chrono::duration<double>(1.0 / options_.rate))
                                           : Clock::duration::zero();
    while (!queue_.empty() || !active_.empty()) {
        throw_if_interrupted();  // the destructor abandons the transfers: their partial files stay for a resume
        auto now = Clock::now();
        // Start what is due, in list order among the ready ones, within -j and the request rate.
        while (static_cast<int>(active_.size()) < options_.jobs && now >= next_request_ && now >= paused_until_) {
            auto ready = std::find_if(queue_.begin(), queue_.end(), [&](const Task& t) { return t.not_before <= now; });
            if (ready == queue_.end()) break;
            const Task task = *ready;
            queue_.erase(ready);
            next_request_ = std::max(next_request_, now) + spacing;
            start(task);
        }
        int running = 0;
        curl_multi_perform(multi_, &running);
        while (CURLMsg* message = [&] { int left = 0; return curl_multi_info_read(multi_, &left); }()) {
            if (message->msg != CURLMSG_DONE) continue;
            Transfer* done = nullptr;
            curl_easy_getinfo(message->easy_handle, CURLINFO_PRIVATE, &done);
            const CURLcode result = message->data.result;
            auto it = std::find_if(active_.begin(), active_.end(), [&](const auto& t) { return t.get() == done; });
            std::unique_ptr<Transfer> transfer = std::move(*it);
            active_.erase(it);
            curl_multi_remove_handle(multi_, transfer->easy);
            try {
                finish(*transfer, result);
            } catch (...) {
                abandon(*transfer);
                throw;
            }
            abandon(*transfer);
        }
        report(false);
        // Sleep until libcurl has work, or the next request is due (at most 100 ms, to notice interrupts).
        auto wait = std::chrono::milliseconds(100);
        now = Clock::now();
        if (!queue_.empty() && static_cast<int>(active_.size()) < options_.jobs) {
            auto earliest = queue_.front().not_before;
            for (const auto& t : queue_) earliest = std::min(earliest, t.not_before);
            const auto due = std::max({earliest, next_request_, paused_until_});
            wait = due <= now ? std::chrono::milliseconds(0)
                              : std::min(wait, std::chrono::duration_cast<std::chrono::milliseconds>(due - now) +
                                                   std::chrono::milliseconds(1));
        }
        if (wait.count() > 0 && (!queue_.empty() || !active_.empty())) curl_multi_poll(multi_, nullptr, 0, static_cast<int>(wait.count()), nullptr);
    }
    std::sort(failures_.begin(), failures_.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [index, failure] : failures_) rejects_.add({entries_[index].path, "fetch", failure.code, failure.message});
    summary_.bytes = bytes_done_;
    summary_.seconds = std::chrono::duration<double>(Clock::now() - began_).count();
    report(true);
    return summary_;
}

struct CurlGlobal {
    CurlGlobal() {
        if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) throw Error("fetch.curl", "libcurl could not start", true);
    }
    ~CurlGlobal() { curl_global_cleanup(); }
};

}  // namespace

FetchSummary fetch_entries(const std::vector<ListEntry>& entries, const FetchOptions& options, RejectLog& rejects,
                           const ProgressCallback& progress) {
    static CurlGlobal global;
    {
        std::error_code ec;
        fs::create_directories(options.mirror, ec);
        if (ec || !fs::is_directory(options.mirror))
            throw Error("io.write", "cannot create the mirror folder " + options.mirror, true);
    }
    Downloader downloader(entries, options, rejects, progress);
    return downloader.run();
}

}  // namespace pubforge::fetch
