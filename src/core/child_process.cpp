// Helper programs (the PDF renderer, gnuplot) as separate processes: vfork/exec with pipes, a time limit, an output cap and a memory cap.
#include "pubforge/core/child_process.hpp"

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>

#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace pubforge {
namespace {

// Standard error is kept at both ends: a program says what it was doing first and why it failed last
// (gnuplot's "line 12: undefined variable" comes after its warnings).
constexpr std::size_t kErrEndBytes = 2048;

// The first and last `each` bytes of a stream of any length, in bounded memory.
class HeadAndTail {
public:
    explicit HeadAndTail(std::size_t each) : each_(each) {}
    void append(const char* data, std::size_t size) {
        total_ += size;
        const std::size_t to_head = std::min(size, each_ - head_.size());
        head_.append(data, to_head);
        tail_.append(data + to_head, size - to_head);
        if (tail_.size() > 2 * each_) tail_.erase(0, tail_.size() - each_);  // amortised: erase once per `each` bytes
    }
    // All of it when it fits in both ends, else the head and the tail around "\n...\n".
    std::string text() const {
        if (total_ <= 2 * each_) return head_ + tail_;
        return head_ + "\n...\n" + tail_.substr(tail_.size() - each_);
    }

private:
    std::size_t each_;
    std::size_t total_ = 0;
    std::string head_, tail_;
};

bool executable(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(path.c_str(), X_OK) == 0;
}

void close_fd(int& fd) {
    if (fd >= 0) ::close(fd);
    fd = -1;
}

// Blocks SIGPIPE in this thread for the life of the object; a SIGPIPE raised meanwhile (the child
// closed its input early) is consumed before the old mask comes back, so it never reaches the process.
class SigpipeBlock {
public:
    SigpipeBlock() {
        sigemptyset(&pipe_set_);
        sigaddset(&pipe_set_, SIGPIPE);
        sigset_t pending;
        sigpending(&pending);
        was_pending_ = sigismember(&pending, SIGPIPE) == 1;
        pthread_sigmask(SIG_BLOCK, &pipe_set_, &old_);
    }
    ~SigpipeBlock() {
        if (!was_pending_) {
            const timespec zero{0, 0};
            while (sigtimedwait(&pipe_set_, nullptr, &zero) > 0) {
            }
        }
        pthread_sigmask(SIG_SETMASK, &old_, nullptr);
    }
    SigpipeBlock(const SigpipeBlock&) = delete;
    SigpipeBlock& operator=(const SigpipeBlock&) = delete;

private:
    sigset_t pipe_set_{};
    sigset_t old_{};
    bool was_pending_ = false;
};

int wait_for(pid_t pid) {
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    return 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

}  // namespace

std::string find_program(const std::string& program) {
    if (program.empty()) return "";
    if (program.find('/') != std::string::npos) return executable(program) ? program : "";
    const char* path = std::getenv("PATH");
    const std::string dirs = path ? path : "/usr/bin:/bin";
    size_t start = 0;
    while (start <= dirs.size()) {
        const size_t end = std::min(dirs.find(':', start), dirs.size());
        const std::string dir = end > start ? dirs.substr(start, end - start) : ".";
        const std::string candidate = dir + "/" + program;
        if (executable(candidate)) return candidate;
        start = end + 1;
    }
    return "";
}

ChildResult run_child(const std::vector<std::string>& argv, std::string_view input, double time_limit_seconds,
                      std::size_t max_output_bytes, std::size_t max_memory_bytes, const std::string& working_dir) {
    ChildResult result;
    const std::string program = argv.empty() ? "" : find_program(argv[0]);
    if (program.empty()) {
        result.status = ChildResult::Status::Missing;
        result.message = (argv.empty() ? std::string("(no program)") : argv[0]) + " not found on PATH";
        return result;
    }
    // Everything the child needs is built before fork: after it, only async-signal-safe calls.
    std::vector<std::string> args = argv;
    std::vector<char*> c_args;
    for (std::string& arg : args) c_args.push_back(arg.data());
    c_args.push_back(nullptr);

    int in_pipe[2] = {-1, -1}, out_pipe[2] = {-1, -1}, err_pipe[2] = {-1, -1};
    if (::pipe2(in_pipe, O_CLOEXEC) != 0 || ::pipe2(out_pipe, O_CLOEXEC) != 0 || ::pipe2(err_pipe, O_CLOEXEC) != 0) {
        result.message = std::string("pipe: ") + std::strerror(errno);
        for (int* p : {in_pipe, out_pipe, err_pipe}) close_fd(p[0]), close_fd(p[1]);
        return result;
    }
    SigpipeBlock sigpipe_block;
    // vfork, not fork: the child borrows our memory until execv instead of copying the page tables of a
    // process that may be hundreds of MiB, which also spares the parent a copy-on-write fault on every page
    // it writes afterwards (measured: most of the rendering overhead with fork). The child only makes
    // system calls on values prepared above, then execs or _exits.
    const pid_t pid = ::vfork();
    if (pid == 0) {
        sigset_t none;
        sigemptyset(&none);
        pthread_sigmask(SIG_SETMASK, &none, nullptr);
        ::dup2(in_pipe[0], STDIN_FILENO);
        ::dup2(out_pipe[1], STDOUT_FILENO);
        ::dup2(err_pipe[1], STDERR_FILENO);
        if (max_memory_bytes > 0) {
            const rlimit limit{max_memory_bytes, max_memory_bytes};
            ::setrlimit(RLIMIT_AS, &limit);
        }
        if (!working_dir.empty() && ::chdir(working_dir.c_str()) != 0) ::_exit(127);
        ::execv(program.c_str(), c_args.data());
        ::_exit(127);
    }
    close_fd(in_pipe[0]);
    close_fd(out_pipe[1]);
    close_fd(err_pipe[1]);
    if (pid < 0) {
        result.message = std::string("vfork: ") + std::strerror(errno);
        for (int* p : {in_pipe, out_pipe, err_pipe}) close_fd(p[0]), close_fd(p[1]);
        return result;
    }
    ::fcntl(in_pipe[1], F_SETFL, ::fcntl(in_pipe[1], F_GETFL) | O_NONBLOCK);
    if (input.empty()) close_fd(in_pipe[1]);

    const auto deadline = std::chrono::steady_clock::now() +
                          std::chrono::microseconds(static_cast<long long>(std::max(0.0, time_limit_seconds) * 1e6));
    size_t written = 0;
    bool killed = false;
    char buffer[65536];
    HeadAndTail err(kErrEndBytes);
    while (out_pipe[0] >= 0 || err_pipe[0] >= 0) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            result.status = ChildResult::Status::TimedOut;
            result.message = argv[0] + " ran past its time limit and was stopped";
            killed = true;
            break;
        }
        pollfd fds[3];
        nfds_t count = 0;
        int which[3];
        for (int fd : {out_pipe[0], err_pipe[0]})
            if (fd >= 0) which[count] = fd, fds[count++] = {fd, POLLIN, 0};
        if (in_pipe[1] >= 0) which[count] = in_pipe[1], fds[count++] = {in_pipe[1], POLLOUT, 0};
        const int ready = ::poll(fds, count, static_cast<int>(std::min<long long>(left.count(), 1000)));
        if (ready < 0 && errno != EINTR) break;
        for (nfds_t i = 0; ready > 0 && i < count; ++i) {
            if (!fds[i].revents) continue;
            if (which[i] == in_pipe[1]) {
                const ssize_t n = ::write(in_pipe[1], input.data() + written, input.size() - written);
                if (n > 0) written += static_cast<size_t>(n);
                if ((n < 0 && errno != EAGAIN && errno != EINTR) || written == input.size() || (fds[i].revents & POLLERR))
                    close_fd(in_pipe[1]);
                continue;
            }
            const ssize_t n = ::read(which[i], buffer, sizeof buffer);
            if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
            const bool is_out = which[i] == out_pipe[0];
            if (n <= 0) {
                close_fd(is_out ? out_pipe[0] : err_pipe[0]);
                continue;
            }
            if (is_out) result.out.append(buffer, static_cast<size_t>(n));
            else err.append(buffer, static_cast<size_t>(n));
        }
        if (result.out.size() > max_output_bytes) {
            result.status = ChildResult::Status::OutputTooLarge;
            result.message = argv[0] + " wrote more than " + std::to_string(max_output_bytes) + " bytes and was stopped";
            killed = true;
            break;
        }
    }
    if (killed) ::kill(pid, SIGKILL);
    for (int* p : {in_pipe, out_pipe, err_pipe}) close_fd(p[0]), close_fd(p[1]);
    result.exit_code = wait_for(pid);
    result.err = err.text();
    if (killed) {
        result.out.clear();
    } else {
        result.status = ChildResult::Status::Exited;
        if (result.exit_code == 127 && result.out.empty()) result.message = argv[0] + " could not be started";
    }
    return result;
}

}  // namespace pubforge
