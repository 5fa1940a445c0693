#include "terminal_observer.h"

#include <csignal>
#include <cstdio>
#include <iostream>
#include <string>

namespace {

volatile std::sig_atomic_t g_interrupted = 0;

extern "C" void on_interrupt(int signal) {
  g_interrupted = 1;
  std::signal(signal, SIG_DFL);  // a second Ctrl-C is not patient: it ends the process
}

// A plain line is enough every few seconds in a log; a terminal redraws four times a second.
constexpr auto kPlainLineInterval = std::chrono::seconds(5);

std::string describe(const dateline::IndexProgress& p) {
  if (p.phase == dateline::IndexProgress::Phase::kCommitting) {
    return std::to_string(p.articles) + (p.articles == 1 ? " article" : " articles") +
           " read; committing…";
  }
  char line[160];
  const double mb = static_cast<double>(p.bytes_done) / 1e6;
  const double rate = p.seconds > 0 ? static_cast<double>(p.articles) / p.seconds : 0;
  int n = std::snprintf(line, sizeof line, "%llu articles  %.1f MB  %.0f articles/s",
                        static_cast<unsigned long long>(p.articles), mb, rate);
  if (p.bytes_total > 0 && p.bytes_done > 0 && p.bytes_done < p.bytes_total) {
    const double done = static_cast<double>(p.bytes_done) / static_cast<double>(p.bytes_total);
    const double eta = p.seconds * (1 - done) / done;
    std::snprintf(line + n, sizeof line - static_cast<std::size_t>(n), "  %.0f%%  ETA %d:%02d",
                  done * 100, static_cast<int>(eta) / 60, static_cast<int>(eta) % 60);
  }
  return line;
}

}  // namespace

void TerminalObserver::watch_interrupts() {
  std::signal(SIGINT, on_interrupt);
  std::signal(SIGTERM, on_interrupt);
}

bool TerminalObserver::interrupted() { return g_interrupted != 0; }

bool TerminalObserver::stop_requested() { return interrupted(); }

void TerminalObserver::on_diagnostic(std::string_view line, bool /*is_error*/) {
  clear_progress();
  std::cerr << line << '\n';
}

void TerminalObserver::on_progress(const dateline::IndexProgress& p) {
  if (!show_progress_) return;
  const bool committing = p.phase == dateline::IndexProgress::Phase::kCommitting;
  if (!on_terminal_) {
    const auto now = std::chrono::steady_clock::now();
    if (!committing && now - last_plain_line_ < kPlainLineInterval) return;
    last_plain_line_ = now;
    std::cerr << describe(p) << '\n';
    return;
  }
  std::fprintf(stderr, "\r\033[K%s", describe(p).c_str());
  std::fflush(stderr);
  shown_ = true;
}

void TerminalObserver::clear_progress() {
  if (shown_) std::fputs("\r\033[K", stderr);
  shown_ = false;
}
