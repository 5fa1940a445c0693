#include "serve/listener.h"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "dateline/errors.h"
#include "util/utf8.h"

namespace dateline {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

// cpp-httplib's limits, kept: a request line over 8 KB is answered 414, a header line over
// 8 KB 400.
constexpr std::size_t kMaxLine = 8192;
// The whole head, request line and headers; over this, 400 (or 414 when the line is too long).
constexpr std::size_t kMaxHead = 16 * 1024;
// The API takes no bodies: a GET's body up to this size is read and ignored, a larger one 413.
constexpr std::size_t kMaxBody = 64 * 1024;
constexpr std::size_t kReadSize = 4096;
// After a last answer, what the client still sends is read and dropped for this long: closing
// a socket with unread input resets it, and the client may lose the answer (a 405 to a POST
// whose body it is still sending).
constexpr auto kLinger = std::chrono::seconds(1);
// After a failed accept (out of descriptors, say), the pause before the next: enough to let
// connections close, short enough to go unnoticed.
constexpr auto kAcceptRetry = std::chrono::milliseconds(50);
constexpr const char* kPagePolicy =
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "connect-src 'self'; img-src 'self' data:";

class Connection;

// The acceptor and every connection, all used on the one thread that runs the io_context.
class EventLoop {
 public:
  EventLoop(const ServerOptions& options, Routes& routes, WorkerPool& workers,
            std::size_t max_connections)
      : options_(options), routes_(routes), workers_(workers), max_connections_(max_connections) {}

  void bind();
  int port() const { return port_; }
  void run() {
    accept();
    ioc_.run();
  }
  void stop() {
    stopping_ = true;
    asio::post(ioc_, [this] { shut_down(); });
  }

  const ServerOptions& options() const { return options_; }
  Routes& routes() { return routes_; }
  WorkerPool& workers() { return workers_; }
  asio::io_context& context() { return ioc_; }
  bool stopping() const { return stopping_; }
  // Called by a connection as it is destroyed.
  void closed(Connection* connection, const std::string& client);

 private:
  void accept();
  void on_accept(beast::error_code error, tcp::socket socket);
  void admit(tcp::socket socket);
  void shut_down();

  const ServerOptions& options_;
  Routes& routes_;
  WorkerPool& workers_;
  const std::size_t max_connections_;
  std::atomic<bool> stopping_{false};
  bool accepting_ = false;  // an accept is pending
  int port_ = 0;
  // Before the io_context: connections destroyed with it still find these.
  std::unordered_set<Connection*> connections_;
  std::unordered_map<std::string, std::size_t> per_client_;  // open connections by address
  asio::io_context ioc_{1};
  tcp::acceptor acceptor_{ioc_};
  asio::steady_timer retry_{ioc_};
};

// One client connection: reads a request head within the header deadline (and a body, if any,
// within the body deadline), has it answered, writes the answer, and waits for the next.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(tcp::socket socket, EventLoop& loop, std::string client)
      : loop_(loop),
        stream_(std::move(socket)),
        buffer_(kMaxHead + kMaxBody + kReadSize),
        client_(std::move(client)) {}
  ~Connection() { loop_.closed(this, client_); }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  void start() { await_request(); }
  // Closes the connection now, unless a request is under way: then once it is answered.
  void stop() {
    if (!busy_) close();
  }

 private:
  void await_request();
  void read_head();
  void on_head(beast::error_code error);
  void read_body();
  void dispatch();
  void refuse(int status);
  void respond(HttpResponse answer);
  void on_written(beast::error_code error);
  void log(const HttpResponse& answer) const;
  void linger();
  void drain();
  void close();
  // The status that refuses this head (414, 400, 405), or 0 if it is fine.
  int check_head() const;
  std::size_t first_line_length() const;

  EventLoop& loop_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  http::response<http::string_body> response_;
  HttpRequest request_;
  std::string client_;
  Clock::time_point started_{};
  bool busy_ = false;  // a request is being answered or its answer written
  bool keep_alive_ = false;
};

bool is_http_error(const beast::error_code& error) {
  return &error.category() == &http::make_error_code(http::error::bad_method).category() &&
         error != http::error::end_of_stream && error != http::error::partial_message;
}

std::string refusal_reason(int status) {
  switch (status) {
    case 405:
      return "only GET is served";
    case 413:
      return "the request body is too large";
    case 414:
      return "the request line is too long";
    default:
      return "bad request (HTTP " + std::to_string(status) + ")";
  }
}

// Waits for the first byte of the next request within the idle deadline; the header deadline
// runs from there, so a kept-alive client may think between requests.
void Connection::await_request() {
  if (buffer_.size() > 0) return read_head();  // a pipelined request is here already
  stream_.expires_after(loop_.options().idle_timeout);
  stream_.async_read_some(buffer_.prepare(kReadSize),
                          [self = shared_from_this()](beast::error_code error, std::size_t n) {
                            if (error) return self->close();
                            self->buffer_.commit(n);
                            self->read_head();
                          });
}

void Connection::read_head() {
  parser_.emplace();
  parser_->header_limit(kMaxHead);
  parser_->body_limit(kMaxBody);
  request_ = {};
  started_ = {};
  stream_.expires_after(loop_.options().header_timeout);
  http::async_read_header(
      stream_, buffer_, *parser_,
      [self = shared_from_this()](beast::error_code error, std::size_t) { self->on_head(error); });
}

void Connection::on_head(beast::error_code error) {
  if (error == http::error::header_limit) return refuse(first_line_length() > kMaxLine ? 414 : 400);
  // A body declared larger than the limit is refused as soon as its Content-Length is read.
  const bool too_large = error == http::error::body_limit;
  if (error && !too_large) return is_http_error(error) ? refuse(400) : close();  // or gone
  started_ = Clock::now();
  const auto& head = parser_->get();
  request_ = {std::string(head.method_string()), std::string(head.target())};
  if (const int status = check_head()) return refuse(status);
  if (too_large) return refuse(413);
  if (!parser_->is_done()) return read_body();
  dispatch();
}

int Connection::check_head() const {
  const auto& head = parser_->get();
  if (head.method_string().size() + head.target().size() + 9 > kMaxLine) return 414;
  for (const auto& field : head) {
    if (field.name_string().size() + field.value().size() + 2 > kMaxLine) return 400;
  }
  // Not GET: answered at once, its body (if any) never read.
  if (request_.method != "GET" && request_.method != "HEAD") return 405;
  return 0;
}

std::size_t Connection::first_line_length() const {
  const std::string_view bytes(static_cast<const char*>(buffer_.data().data()), buffer_.size());
  return std::min(bytes.find('\n'), bytes.size());
}

void Connection::read_body() {
  stream_.expires_after(loop_.options().body_timeout);
  http::async_read(stream_, buffer_, *parser_,
                   [self = shared_from_this()](beast::error_code error, std::size_t) {
                     if (error == http::error::body_limit) return self->refuse(413);
                     if (error) return self->close();
                     self->dispatch();
                   });
}

void Connection::dispatch() {
  keep_alive_ = parser_->get().keep_alive();
  busy_ = true;
  stream_.expires_never();
  if (!Routes::reads_database(request_)) return respond(loop_.routes().answer(request_));
  // The search runs on a worker; its answer is written from the loop. The work guard keeps
  // the loop running until then, and the job hands its reference on, so that the connection
  // is only ever destroyed on the loop's thread.
  auto guard = std::make_shared<asio::executor_work_guard<asio::io_context::executor_type>>(
      loop_.context().get_executor());
  loop_.workers().post([self = shared_from_this(), guard]() mutable {
    HttpResponse answer = self->loop_.routes().answer(self->request_);
    auto executor = self->stream_.get_executor();
    asio::post(executor, [self = std::move(self), answer = std::move(answer)]() mutable {
      self->respond(std::move(answer));
    });
  });
}

// Answers a request the loop will not pass on, and closes the connection after.
void Connection::refuse(int status) {
  keep_alive_ = false;
  busy_ = true;
  stream_.expires_never();
  respond(error_response(status, refusal_reason(status)));
}

void Connection::respond(HttpResponse answer) {
  log(answer);
  keep_alive_ = keep_alive_ && !loop_.stopping();
  response_ = {};
  response_.version(parser_ && parser_->is_header_done() && parser_->get().version() == 10 ? 10
                                                                                           : 11);
  response_.result(static_cast<unsigned>(answer.status));
  response_.set(http::field::content_type, answer.content_type);
  response_.set("X-Content-Type-Options", "nosniff");
  if (answer.is_page) response_.set("Content-Security-Policy", kPagePolicy);
  response_.content_length(answer.body.size());
  if (request_.method != "HEAD") response_.body() = std::move(answer.body);
  response_.keep_alive(keep_alive_);
  stream_.expires_after(loop_.options().write_timeout);
  http::async_write(stream_, response_,
                    [self = shared_from_this()](beast::error_code error, std::size_t) {
                      self->on_written(error);
                    });
}

void Connection::on_written(beast::error_code error) {
  busy_ = false;
  response_ = {};
  if (error) return close();
  if (!keep_alive_ || loop_.stopping()) return linger();
  await_request();
}

// One line per request: client, request, status, bytes sent, milliseconds since its head came.
void Connection::log(const HttpResponse& answer) const {
  if (!loop_.options().access_log) return;
  const double ms =
      started_ == Clock::time_point{}
          ? 0
          : std::chrono::duration<double, std::milli>(Clock::now() - started_).count();
  char timing[32];
  std::snprintf(timing, sizeof timing, "%.1f ms", ms);
  loop_.options().access_log(
      client_ + " \"" + request_.method + " " + utf8::excerpt(request_.target, 300) + "\" " +
      std::to_string(answer.status) + " " + std::to_string(answer.body.size()) + " " + timing);
}

void Connection::linger() {
  beast::error_code ignored;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
  if (loop_.stopping()) return close();
  buffer_.clear();
  stream_.expires_after(kLinger);
  drain();
}

void Connection::drain() {
  stream_.async_read_some(buffer_.prepare(kReadSize),
                          [self = shared_from_this()](beast::error_code error, std::size_t) {
                            if (error) return self->close();  // the client closed, or time is up
                            self->drain();
                          });
}

void Connection::close() {
  beast::error_code ignored;
  stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
  stream_.close();
}

std::string host_for_message(const std::string& host) {
  return host.find(':') == std::string::npos ? host : "[" + host + "]";
}

// "address in use" for EADDRINUSE (the message people look for), the system's words otherwise.
std::string describe(const beast::error_code& error) {
  if (error == asio::error::address_in_use) return "address in use";
  std::string message = error.message();
  if (!message.empty()) message[0] = static_cast<char>(std::tolower(message[0]));
  return message;
}

void EventLoop::bind() {
  beast::error_code error;
  tcp::endpoint endpoint(asio::ip::make_address(options_.host, error),
                         static_cast<std::uint16_t>(options_.port));
  if (error) {  // a name rather than an address: its first address
    tcp::resolver resolver(ioc_);
    const auto found = resolver.resolve(options_.host, std::to_string(options_.port), error);
    if (!error && !found.empty()) endpoint = found.begin()->endpoint();
  }
  if (!error) acceptor_.open(endpoint.protocol(), error);
  // SO_REUSEADDR lets a restarted server bind while its old connections sit in TIME_WAIT; it
  // does not let two servers share a port. SO_REUSEPORT would, so it is not set.
  if (!error) acceptor_.set_option(tcp::acceptor::reuse_address(true), error);
  if (!error) acceptor_.bind(endpoint, error);
  // The deepest accept queue the system allows: a burst of clients waits there instead of
  // being refused.
  if (!error) acceptor_.listen(asio::socket_base::max_listen_connections, error);
  if (error) {
    throw ServerError("cannot listen on " + host_for_message(options_.host) + ":" +
                      std::to_string(options_.port) + ": " + describe(error));
  }
  port_ = acceptor_.local_endpoint().port();
}

// Accepts while under the connection cap; at the cap, the next accept waits for a close.
void EventLoop::accept() {
  if (stopping_ || accepting_ || connections_.size() >= max_connections_) return;
  accepting_ = true;
  acceptor_.async_accept(
      [this](beast::error_code error, tcp::socket socket) { on_accept(error, std::move(socket)); });
}

void EventLoop::on_accept(beast::error_code error, tcp::socket socket) {
  accepting_ = false;
  if (stopping_) return;
  if (error) {  // out of descriptors or memory, or a connection reset before it was accepted
    retry_.expires_after(kAcceptRetry);
    retry_.async_wait([this](beast::error_code cancelled) {
      if (!cancelled) accept();
    });
    return;
  }
  admit(std::move(socket));
  accept();
}

// A client at its cap of connections is told so and closed; any other one is served.
void EventLoop::admit(tcp::socket socket) {
  beast::error_code error;
  const tcp::endpoint remote = socket.remote_endpoint(error);
  if (error) return;  // gone already
  std::string client = remote.address().to_string();
  if (per_client_[client] >= options_.max_connections_per_client) {
    static const std::string kBusy = [] {
      const std::string body = error_response(503, "too many connections from this client").body;
      return "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json; "
             "charset=utf-8\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n"
             "Content-Length: " +
             std::to_string(body.size()) + "\r\n\r\n" + body;
    }();
    socket.non_blocking(true, error);
    socket.write_some(asio::buffer(kBusy), error);  // best effort: the client may not read
    socket.shutdown(tcp::socket::shutdown_both, error);
    if (per_client_[client] == 0) per_client_.erase(client);
    return;
  }
  ++per_client_[client];
  socket.set_option(tcp::no_delay(true), error);
  auto connection = std::make_shared<Connection>(std::move(socket), *this, std::move(client));
  connections_.insert(connection.get());
  connection->start();
}

void EventLoop::closed(Connection* connection, const std::string& client) {
  connections_.erase(connection);
  if (auto it = per_client_.find(client); it != per_client_.end() && --it->second == 0) {
    per_client_.erase(it);
  }
  accept();  // resumes accepting if the cap had paused it
}

void EventLoop::shut_down() {
  beast::error_code ignored;
  acceptor_.close(ignored);
  retry_.cancel();
  const std::vector<Connection*> open(connections_.begin(), connections_.end());
  for (Connection* connection : open) connection->stop();
}

}  // namespace

struct Listener::Impl {
  Impl(const ServerOptions& options, Routes& routes, WorkerPool& workers,
       std::size_t max_connections)
      : loop(options, routes, workers, max_connections) {}
  EventLoop loop;
};

Listener::Listener(const ServerOptions& options, Routes& routes, WorkerPool& workers,
                   std::size_t max_connections)
    : impl_(std::make_unique<Impl>(options, routes, workers,
                                   std::max<std::size_t>(max_connections, 1))) {
  impl_->loop.bind();
}

Listener::~Listener() = default;

int Listener::port() const { return impl_->loop.port(); }

void Listener::run() { impl_->loop.run(); }

void Listener::stop() { impl_->loop.stop(); }

}  // namespace dateline
