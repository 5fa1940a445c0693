// Headless Chromium driven over the DevTools protocol (--remote-debugging-pipe: JSON messages
// ending in NUL on file descriptors 3 and 4), so a test can type into a page, press keys,
// click, and read what the page shows, as a user would.
#pragma once

#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <thread>

#include "support/test_support.h"

namespace dateline::test {

class DevTools {
 public:
  explicit DevTools(const std::filesystem::path& profile) {
    int to_browser[2], from_browser[2];
    if (::pipe(to_browser) != 0 || ::pipe(from_browser) != 0) throw std::runtime_error("pipe");
    pid_ = ::fork();
    if (pid_ == 0) {
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);
      ::dup2(to_browser[0], 3);
      ::dup2(from_browser[1], 4);
      for (int fd : {to_browser[0], to_browser[1], from_browser[0], from_browser[1]}) {
        if (fd > 4) ::close(fd);
      }
      // Its chatter (no D-Bus here, and so on) goes to a log beside the profile.
      std::FILE* log = std::freopen((profile.string() + ".log").c_str(), "w", stderr);
      if (log == nullptr) ::_exit(127);
      const std::string data_dir = "--user-data-dir=" + profile.string();
      ::execlp("chromium", "chromium", "--headless", "--remote-debugging-pipe", "--no-sandbox",
               "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--window-size=1200,900", data_dir.c_str(), "about:blank",
               static_cast<char*>(nullptr));
      ::_exit(127);
    }
    ::close(to_browser[0]);
    ::close(from_browser[1]);
    out_ = to_browser[1];
    in_ = from_browser[0];
  }

  ~DevTools() {
    try {
      call("Browser.close", {}, false);
    } catch (...) {
    }
    ::close(out_);
    ::close(in_);
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }

  DevTools(const DevTools&) = delete;
  DevTools& operator=(const DevTools&) = delete;

  // Opens `url` in a new tab and talks to that tab from now on.
  void open(const std::string& url) {
    const auto target = call("Target.createTarget", {{"url", url}}, false);
    const auto attached =
        call("Target.attachToTarget", {{"targetId", target["targetId"]}, {"flatten", true}}, false);
    session_ = attached["sessionId"];
    // The new tab is about:blank first; wait for the page itself (whose script may then
    // rewrite its own query string).
    if (!wait_for("location.href.startsWith(" +
                  nlohmann::json(url.substr(0, url.find('?'))).dump() +
                  ") && document.readyState === 'complete'")) {
      throw std::runtime_error("chromium did not load " + url);
    }
  }

  // The value of a JavaScript expression in the page.
  nlohmann::json evaluate(const std::string& expression) {
    const auto result =
        call("Runtime.evaluate", {{"expression", expression}, {"returnByValue", true}});
    if (result.contains("exceptionDetails")) {
      throw std::runtime_error("page script failed: " + result["exceptionDetails"].dump());
    }
    return result["result"].value("value", nlohmann::json());
  }

  // Waits until `condition` (JavaScript) is true; false after `timeout`. A page that navigates
  // while the condition is evaluated answers with an error instead of a value: not true yet.
  bool wait_for(const std::string& condition,
                std::chrono::milliseconds timeout = std::chrono::seconds(15)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      try {
        if (evaluate("!!(" + condition + ")") == true) return true;
      } catch (const NavigatedAway&) {
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  }

  // Goes to `url` in the open tab, as a user following a link would.
  void navigate(const std::string& url) { call("Page.navigate", {{"url", url}}); }

  // Types `text` into the focused element, as keyboard input.
  void type(const std::string& text) { call("Input.insertText", {{"text", text}}); }

  // Presses and releases Enter.
  void press_enter() {
    for (const char* type : {"keyDown", "keyUp"}) {
      nlohmann::json key = {{"type", type},
                            {"key", "Enter"},
                            {"code", "Enter"},
                            {"windowsVirtualKeyCode", 13},
                            {"nativeVirtualKeyCode", 13}};
      if (std::string(type) == "keyDown") key["text"] = "\r";
      call("Input.dispatchKeyEvent", key);
    }
  }

  // Clicks in the middle of the first element matching the CSS `selector`, with the mouse.
  void click(const std::string& selector) {
    const auto box =
        evaluate("(() => { const e = document.querySelector(" + nlohmann::json(selector).dump() +
                 "); e.scrollIntoView({block: 'center'}); const r = "
                 "e.getBoundingClientRect(); return [r.x + r.width / 2, r.y + "
                 "r.height / 2]; })()");
    for (const char* type : {"mousePressed", "mouseReleased"}) {
      call("Input.dispatchMouseEvent",
           {{"type", type}, {"x", box[0]}, {"y", box[1]}, {"button", "left"}, {"clickCount", 1}});
    }
  }

  // Makes the open page as wide and high as a phone's screen (CSS pixels), as a phone reports it.
  void emulate_screen(int width, int height) {
    call("Emulation.setDeviceMetricsOverride",
         {{"width", width}, {"height", height}, {"deviceScaleFactor", 2}, {"mobile", true}});
  }

 private:
  // The page navigated, or its script context went, while a command ran in it.
  struct NavigatedAway : std::runtime_error {
    using std::runtime_error::runtime_error;
  };

  static bool navigated_away(const nlohmann::json& error) {
    const std::string message = error.value("message", "");
    for (const char* sign :
         {"navigated or closed", "Cannot find context", "context was destroyed"}) {
      if (message.find(sign) != std::string::npos) return true;
    }
    return false;
  }

  // Sends one command and waits for its answer (events in between are skipped).
  nlohmann::json call(const std::string& method, const nlohmann::json& params,
                      bool in_session = true) {
    nlohmann::json message = {{"id", ++last_id_}, {"method", method}, {"params", params}};
    if (in_session && !session_.empty()) message["sessionId"] = session_;
    const std::string bytes = message.dump() + '\0';
    if (::write(out_, bytes.data(), bytes.size()) != static_cast<ssize_t>(bytes.size())) {
      throw std::runtime_error("chromium is gone");
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    for (;;) {
      const std::size_t end = buffer_.find('\0');
      if (end != std::string::npos) {
        const auto reply = nlohmann::json::parse(buffer_.substr(0, end));
        buffer_.erase(0, end + 1);
        if (reply.value("id", 0) != last_id_) continue;  // an event, or another session's
        if (reply.contains("error")) {
          if (navigated_away(reply["error"])) throw NavigatedAway(method + ": " + reply.dump());
          throw std::runtime_error(method + ": " + reply.dump());
        }
        return reply["result"];
      }
      pollfd fd{.fd = in_, .events = POLLIN, .revents = 0};
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0 || ::poll(&fd, 1, static_cast<int>(left.count())) <= 0) {
        throw std::runtime_error(method + ": no answer from chromium");
      }
      char chunk[65536];
      const ssize_t n = ::read(in_, chunk, sizeof chunk);
      if (n <= 0) throw std::runtime_error(method + ": chromium closed the pipe");
      buffer_.append(chunk, static_cast<std::size_t>(n));
    }
  }

  pid_t pid_ = -1;
  int out_ = -1, in_ = -1;
  int last_id_ = 0;
  std::string session_;
  std::string buffer_;
};

}  // namespace dateline::test
