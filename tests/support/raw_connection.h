// A raw TCP connection to a server of this machine, for clients no HTTP library would be:
// slow, garbage-sending, or many from one address. Any address of 127.0.0.0/8 may be the
// source, so that tests can play several clients.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace dateline::test {

class RawConnection {
 public:
  // Connects to 127.0.0.1:`port` from `source` (an address of 127.0.0.0/8), waiting at most
  // `timeout_seconds` for any answer later.
  explicit RawConnection(int port, const char* source = "127.0.0.1", int timeout_seconds = 15)
      : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in from{};
    from.sin_family = AF_INET;
    ::inet_pton(AF_INET, source, &from.sin_addr);
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(static_cast<std::uint16_t>(port));
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::bind(fd_, reinterpret_cast<sockaddr*>(&from), sizeof from) == 0 &&
                 ::connect(fd_, reinterpret_cast<sockaddr*>(&to), sizeof to) == 0;
    timeval timeout{.tv_sec = timeout_seconds, .tv_usec = 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  }
  ~RawConnection() { ::close(fd_); }
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  bool connected() const { return connected_; }
  // False once the server has closed the connection (or reset it).
  bool send(std::string_view bytes) {
    return ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL) ==
           static_cast<ssize_t>(bytes.size());
  }
  // Whether the server closes (or resets) the connection within `wait`, reading nothing.
  bool closed_within(std::chrono::milliseconds wait) {
    pollfd ready{.fd = fd_, .events = POLLIN, .revents = 0};
    if (::poll(&ready, 1, static_cast<int>(wait.count())) != 1) return false;
    char byte;
    return ::recv(fd_, &byte, 1, MSG_PEEK | MSG_DONTWAIT) <= 0;
  }
  // Everything until the server closes (or the timeout passes).
  std::string receive_all() {
    std::string out;
    char buffer[4096];
    for (ssize_t n; (n = ::recv(fd_, buffer, sizeof buffer, 0)) > 0;) out.append(buffer, n);
    return out;
  }

 private:
  int fd_;
  bool connected_ = false;
};

// The status of an HTTP response ("HTTP/1.1 503 ..." -> 503), or -1 if it is none.
inline int status_of(const std::string& response) {
  return response.size() > 12 && response.rfind("HTTP/1.", 0) == 0
             ? std::stoi(response.substr(9, 3))
             : -1;
}

}  // namespace dateline::test
