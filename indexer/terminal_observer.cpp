#include "terminal_observer.h"

#include <cstdio>
#include <iostream>

void TerminalObserver::on_diagnostic(std::string_view line, bool /*is_error*/) {
  clear_progress();
  std::cerr << line << '\n';
}

void TerminalObserver::on_progress(const dateline::IndexProgress& p) {
  if (!show_progress_) return;
  const double mb = static_cast<double>(p.bytes_done) / 1e6;
  const double rate = p.seconds > 0 ? static_cast<double>(p.articles) / p.seconds : 0;
  std::fprintf(stderr, "\r\033[K%llu articles  %.1f MB  %.0f articles/s",
               static_cast<unsigned long long>(p.articles), mb, rate);
  if (p.bytes_total > 0 && p.bytes_done > 0 && p.bytes_done < p.bytes_total) {
    const double eta = p.seconds * static_cast<double>(p.bytes_total - p.bytes_done) /
                       static_cast<double>(p.bytes_done);
    std::fprintf(stderr, "  ETA %d:%02d", static_cast<int>(eta) / 60, static_cast<int>(eta) % 60);
  }
  std::fflush(stderr);
  shown_ = true;
}

void TerminalObserver::clear_progress() {
  if (shown_) std::fputs("\r\033[K", stderr);
  shown_ = false;
}
