// The HTTP server: cpp-httplib's listener and worker threads, a pool of Searchers (one per
// request under way), and the routes of server.h.
#include <httplib.h>
#include <sys/socket.h>

#include <atomic>
#include <cctype>
#include <chrono>
#include <mutex>
#include <nlohmann/json.hpp>
#include <vector>

#include "dateline/errors.h"
#include "dateline/render.h"
#include "dateline/search.h"
#include "dateline/server.h"
#include "serve/search_page.h"
#include "serve/http_params.h"
#include "util/utf8.h"

namespace dateline {
namespace {

using Clock = std::chrono::steady_clock;

// Searchers for the worker threads: a request takes one and gives it back, so each request
// has its own database handle and handles are reused. A Searcher that failed is dropped.
class SearcherPool {
 public:
  explicit SearcherPool(const std::string& path) : path_(path) {
    free_.push_back(std::make_unique<Searcher>(path));  // fails now if the database is bad
  }

  // `use(searcher)` with a pooled Searcher; it goes back to the pool unless `use` threw.
  template <typename Use>
  auto with_searcher(Use use) {
    auto searcher = take();
    auto result = use(*searcher);
    give_back(std::move(searcher));
    return result;
  }

 private:
  std::unique_ptr<Searcher> take() {
    {
      std::lock_guard lock(mutex_);
      if (!free_.empty()) {
        auto searcher = std::move(free_.back());
        free_.pop_back();
        return searcher;
      }
    }
    return std::make_unique<Searcher>(path_);
  }

  void give_back(std::unique_ptr<Searcher> searcher) {
    std::lock_guard lock(mutex_);
    free_.push_back(std::move(searcher));
  }

  std::string path_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Searcher>> free_;
};

std::string error_json(const std::string& message) {
  return nlohmann::json{{"error", message}}.dump(-1, ' ', false,
                                                 nlohmann::json::error_handler_t::replace);
}

void send_json(httplib::Response& res, int status, const std::string& body) {
  res.status = status;
  res.set_content(body, "application/json; charset=utf-8");
}

// Every '%' followed by two hex digits.
bool valid_percent_encoding(std::string_view target) {
  for (std::size_t i = target.find('%'); i != std::string_view::npos; i = target.find('%', i + 1)) {
    if (i + 2 >= target.size() || !std::isxdigit(static_cast<unsigned char>(target[i + 1])) ||
        !std::isxdigit(static_cast<unsigned char>(target[i + 2]))) {
      return false;
    }
  }
  return true;
}

thread_local std::optional<Clock::time_point> request_start;

}  // namespace

struct HttpServer::Impl {
  Impl(const std::string& db_path, ServerOptions opts) : options(std::move(opts)), pool(db_path) {}

  void add_routes();
  void search(const httplib::Request& req, httplib::Response& res);
  void document(const httplib::Request& req, httplib::Response& res);
  void health(httplib::Response& res);
  void log(const httplib::Request& req, const httplib::Response& res);

  ServerOptions options;
  SearcherPool pool;
  httplib::Server server;
  int port = 0;
  std::atomic<bool> stopping{false};
  std::mutex log_mutex;
};

void HttpServer::Impl::add_routes() {
  server.Get("/", [](const httplib::Request&, httplib::Response& res) {
    res.set_header("Content-Security-Policy",
                   "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
                   "connect-src 'self'; img-src 'self' data:");
    res.set_content(std::string(search_page_html()), "text/html; charset=utf-8");
  });
  server.Get("/search",
             [this](const httplib::Request& req, httplib::Response& res) { search(req, res); });
  server.Get(R"(/doc/(.+))",
             [this](const httplib::Request& req, httplib::Response& res) { document(req, res); });
  server.Get("/health", [this](const httplib::Request&, httplib::Response& res) { health(res); });

  // Anything else, and the library's own refusals (bad request line, URI too long), get a JSON
  // body saying what went wrong.
  server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return;
    const std::string reason = res.status == 404 ? "no such page (see /, /search, /doc/ID, /health)"
                               : res.status == 414 ? "the request line is too long"
                               : res.status == 413 ? "the request body is too large"
                               : res.status == 405
                                   ? "only GET is served"
                                   : "bad request (HTTP " + std::to_string(res.status) + ")";
    send_json(res, res.status, error_json(reason));
  });
  server.set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr error) {
        std::string message = "internal error";
        try {
          if (error) std::rethrow_exception(error);
        } catch (const std::exception& e) {
          message = e.what();
        } catch (...) {
        }
        send_json(res, 500, error_json(message));
      });
  server.set_pre_routing_handler([](const httplib::Request& req, httplib::Response& res) {
    request_start = Clock::now();
    res.set_header("X-Content-Type-Options", "nosniff");
    if (req.method != "GET" && req.method != "HEAD") {
      send_json(res, 405, error_json("only GET is served"));
      return httplib::Server::HandlerResponse::Handled;
    }
    // The library decodes "%ZZ" leniently as itself; a client that sent it has a bug to hear of.
    if (!valid_percent_encoding(req.target)) {
      send_json(res, 400, error_json("invalid percent-encoding in the URL"));
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  server.set_logger(
      [this](const httplib::Request& req, const httplib::Response& res) { log(req, res); });
}

void HttpServer::Impl::search(const httplib::Request& req, httplib::Response& res) {
  auto parsed = search_request_from(req.params, options);  // httplib::Params is a QueryParams
  if (auto* error = std::get_if<std::string>(&parsed)) {
    send_json(res, 400, error_json(*error));
    return;
  }
  const SearchRequest& request = std::get<SearchRequest>(parsed);
  SearchResults results;
  try {
    results = pool.with_searcher([&](Searcher& s) { return s.search(request); });
  } catch (const UsageError& e) {  // the query asks for what cannot be done: the client's fault
    send_json(res, 400, error_json(e.what()));
    return;
  }  // a DatabaseError becomes a 500 answer
  send_json(res, 200, render_json(results, request, RenderOptions{.compact = true}));
}

void HttpServer::Impl::document(const httplib::Request& req, httplib::Response& res) {
  const std::string id = req.matches[1];
  const auto article = pool.with_searcher([&](Searcher& s) { return s.article(id); });
  if (!article) {
    send_json(res, 404, error_json("no article with id " + utf8::excerpt(id, 300)));
    return;
  }
  send_json(res, 200, render_article_json(*article));
}

void HttpServer::Impl::health(httplib::Response& res) {
  const std::uint64_t documents =
      pool.with_searcher([](Searcher& s) { return s.document_count(); });
  send_json(res, 200, nlohmann::ordered_json{{"status", "ok"}, {"documents", documents}}.dump());
}

// One line per request: client, request, status, bytes sent, milliseconds.
void HttpServer::Impl::log(const httplib::Request& req, const httplib::Response& res) {
  if (!options.access_log) return;
  double ms = 0;
  if (request_start) {
    ms = std::chrono::duration<double, std::milli>(Clock::now() - *request_start).count();
    request_start.reset();
  }
  char timing[32];
  std::snprintf(timing, sizeof timing, "%.1f ms", ms);
  const std::string client = req.remote_addr.empty() ? "-" : req.remote_addr;
  const std::string line = client + " \"" + req.method + " " + utf8::excerpt(req.target, 300) +
                           "\" " + std::to_string(res.status) + " " +
                           std::to_string(res.body.size()) + " " + timing;
  std::lock_guard lock(log_mutex);
  options.access_log(line);
}

HttpServer::HttpServer(const std::string& db_path, ServerOptions options)
    : impl_(std::make_unique<Impl>(db_path, std::move(options))) {
  Impl& s = *impl_;
  const std::size_t threads = std::max<std::size_t>(s.options.threads, 1);
  s.server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  s.server.set_read_timeout(s.options.io_timeout_seconds, 0);
  s.server.set_write_timeout(s.options.io_timeout_seconds, 0);
  s.server.set_keep_alive_timeout(s.options.io_timeout_seconds);
  s.server.set_payload_max_length(64 * 1024);  // the API takes no bodies; refuse big ones early
  s.add_routes();
  // cpp-httplib listens with a backlog of 5: a burst of clients then overflows the accept
  // queue, and their connections stall for seconds. Keep the socket to deepen the backlog.
  int listener = -1;
  s.server.set_socket_options([&listener](int fd) {
    httplib::default_socket_options(fd);
    listener = fd;
  });
  const bool bound = s.options.port == 0
                         ? (s.port = s.server.bind_to_any_port(s.options.host)) > 0
                         : s.server.bind_to_port(s.options.host, s.port = s.options.port);
  if (!bound) {
    throw ServerError("cannot listen on " + s.options.host + ":" + std::to_string(s.options.port) +
                      " (port in use, or not an address of this machine)");
  }
  s.server.set_socket_options(httplib::default_socket_options);  // drop the reference to `listener`
  if (listener >= 0) ::listen(listener, SOMAXCONN);
}

HttpServer::~HttpServer() { stop(); }

int HttpServer::port() const { return impl_->port; }

void HttpServer::run() {
  if (impl_->stopping) return;
  if (!impl_->server.listen_after_bind() && !impl_->stopping) {
    throw ServerError("the server stopped unexpectedly");
  }
}

void HttpServer::stop() {
  impl_->stopping = true;
  impl_->server.stop();
}

}  // namespace dateline
