// What the server answers, apart from how bytes reach it: a request (method and raw target)
// in, a status, content type and body out. The event loop (listener.cpp) only moves bytes;
// everything server.h promises about routes, parameters and error bodies is decided here.
#pragma once

#include <string>
#include <string_view>

#include "dateline/server.h"
#include "serve/searcher_pool.h"

namespace dateline {

struct HttpRequest {
  std::string method;
  std::string target;  // as sent: path and query, still percent-encoded
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  bool is_page = false;  // the search page: sent with its Content-Security-Policy
};

// The JSON error answer {"error": reason} with `status`.
HttpResponse error_response(int status, std::string_view reason);

class Routes {
 public:
  Routes(SearcherPool& pool, const ServerOptions& options) : pool_(pool), options_(options) {}

  // Whether answering `request` reads the database: then it may take milliseconds to seconds
  // and must run on a worker thread, not on the event loop.
  static bool reads_database(const HttpRequest& request);

  // The answer to `request`. Thread-safe. Never throws: an error of the database is a 500
  // answer saying what went wrong.
  HttpResponse answer(const HttpRequest& request);

 private:
  HttpResponse search(const HttpRequest& request);
  HttpResponse document(const std::string& id);
  HttpResponse health();

  SearcherPool& pool_;
  const ServerOptions& options_;
};

}  // namespace dateline
