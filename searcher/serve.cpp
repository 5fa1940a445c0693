#include "serve.h"

#include <pthread.h>

#include <csignal>
#include <iostream>
#include <thread>

#include "dateline_cli.h"

bool parse_listen(const std::string& listen, dateline::ServerOptions& options) {
  const std::size_t colon = listen.rfind(':');
  if (colon == std::string::npos) return false;
  std::string host = listen.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  const std::string port = listen.substr(colon + 1);
  if (port.empty() || port.size() > 5 ||
      port.find_first_not_of("0123456789") != std::string::npos || std::stoi(port) > 65535) {
    return false;
  }
  options.host = host.empty() ? "127.0.0.1" : host;
  options.port = std::stoi(port);
  return true;
}

int serve(const std::string& db, dateline::ServerOptions options) {
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);  // before any thread starts

  options.access_log = [](std::string_view line) { std::cerr << line << std::endl; };
  dateline::HttpServer server(db, options);
  std::thread([&server, stop_signals] {
    int signal = 0;
    sigwait(&stop_signals, &signal);
    std::cerr << "searcher: stopping (" << (signal == SIGINT ? "SIGINT" : "SIGTERM") << ")"
              << std::endl;
    server.stop();
  }).detach();
  std::cerr << "searcher: serving " << db << " on http://" << options.host << ":" << server.port()
            << "/" << std::endl;
  server.run();
  return dateline::cli::kExitOk;
}
