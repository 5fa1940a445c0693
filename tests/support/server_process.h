// `searcher serve` as a child process on a free port of 127.0.0.1, for tests that need the
// real executable: signals, access log, memory. Killed on destruction if still running.
#pragma once

#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <optional>
#include <regex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "support/test_support.h"

namespace dateline::test {

class ServeProcess {
 public:
  // Starts the server on `db` with `extra` arguments after `serve`, and with `descriptors` as
  // its RLIMIT_NOFILE if given; waits until it listens.
  ServeProcess(const std::string& db, const std::filesystem::path& log,
               std::vector<std::string> extra = {}, std::optional<rlimit> descriptors = {})
      : log_(log) {
    std::vector<std::string> args = {kSearcher, "--db", db, "serve", "--listen", "127.0.0.1:0"};
    args.insert(args.end(), extra.begin(), extra.end());
    pid_ = ::fork();
    if (pid_ == 0) {
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);  // never outlives a crashed test
      std::FILE* err = std::freopen(log.c_str(), "w", stderr);
      if (err == nullptr) ::_exit(127);
      if (descriptors && ::setrlimit(RLIMIT_NOFILE, &*descriptors) != 0) ::_exit(127);
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
    const std::regex serving(R"(on http://127\.0\.0\.1:(\d+)/)");
    // Up to 30 s: opening 1,000 shards under the sanitizers on a busy machine took over 10.
    for (int i = 0; i < 1200 && port_ == 0; ++i) {
      std::smatch m;
      const std::string text = read_file(log_);
      if (std::regex_search(text, m, serving)) port_ = std::stoi(m[1]);
      if (port_ == 0) std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    if (port_ == 0) throw std::runtime_error("searcher serve did not start: " + read_file(log_));
  }
  ~ServeProcess() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;

  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  std::string log() const { return read_file(log_); }

  // Peak resident memory so far, in kB (VmHWM).
  long peak_rss_kb() const {
    std::ifstream status("/proc/" + std::to_string(pid_) + "/status");
    for (std::string line; std::getline(status, line);) {
      if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
    }
    return -1;
  }

  // Sends `signal` and waits up to `timeout` for the exit; the exit code, or -1 on timeout.
  int stop(int signal, std::chrono::milliseconds timeout) {
    ::kill(pid_, signal);
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return -1;
  }

 private:
  std::filesystem::path log_;
  pid_t pid_ = -1;
  int port_ = 0;
};

}  // namespace dateline::test
