// An in-process HttpServer on a free port of 127.0.0.1, serving on a thread of the test until
// it goes out of scope.
#pragma once

#include <httplib.h>

#include <string>
#include <thread>

#include "dateline/server.h"

namespace dateline::test {

class RunningServer {
 public:
  explicit RunningServer(const std::string& db, ServerOptions options = {})
      : server_(db, with_any_port(std::move(options))), thread_([this] { server_.run(); }) {}
  ~RunningServer() {
    server_.stop();
    thread_.join();
  }
  RunningServer(const RunningServer&) = delete;
  RunningServer& operator=(const RunningServer&) = delete;

  int port() const { return server_.port(); }
  httplib::Client client() const {
    httplib::Client c("127.0.0.1", server_.port());
    c.set_read_timeout(30, 0);
    return c;
  }

 private:
  static ServerOptions with_any_port(ServerOptions options) {
    options.port = 0;
    return options;
  }
  HttpServer server_;
  std::thread thread_;
};

}  // namespace dateline::test
