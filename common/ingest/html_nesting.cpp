#include "ingest/html_nesting.h"

#include <algorithm>
#include <string>
#include <unordered_map>
#include <vector>

#include "util/ascii.h"

namespace dateline {
namespace {

constexpr std::string_view kNotNesting[] = {
    // void elements
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input",
    "keygen", "link", "meta", "param", "source", "track", "wbr",
    // elements whose end tag is optional: the next sibling closes them
    "body", "colgroup", "dd", "dt", "head", "html", "li", "optgroup", "option", "p", "rb", "rp",
    "rt", "rtc", "tbody", "td", "tfoot", "th", "thead", "tr"};

// Elements whose content is text up to their own end tag.
constexpr std::string_view kRawText[] = {"iframe", "noembed",  "noframes", "plaintext", "script",
                                         "style",  "textarea", "title",    "xmp"};

bool is_in(std::string_view name, const auto& list) {
  return std::find(std::begin(list), std::end(list), name) != std::end(list);
}

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == ':' || c == '_';
}

class NestingScan {
 public:
  // Tag names are case-insensitive, so the scan reads a lower-case copy.
  NestingScan(std::string_view html, std::size_t limit)
      : lowered_(ascii_lower(html)), html_(lowered_), limit_(limit) {}

  std::size_t run() {
    while (pos_ < html_.size() && open_.size() <= limit_) {
      const std::size_t lt = html_.find('<', pos_);
      if (lt == std::string_view::npos) break;
      pos_ = lt + 1;
      tag();
    }
    return std::min(deepest_, limit_ + 1);
  }

 private:
  void tag() {
    if (html_.compare(pos_, 3, "!--") == 0) return skip_past("-->");
    if (pos_ < html_.size() && (html_[pos_] == '!' || html_[pos_] == '?')) return skip_past(">");
    const bool end = pos_ < html_.size() && html_[pos_] == '/';
    if (end) ++pos_;
    std::string name;
    while (pos_ < html_.size() && is_name_char(html_[pos_])) name += html_[pos_++];
    if (name.empty()) return;  // "<" as text
    const std::size_t gt = html_.find('>', pos_);
    const bool self_closing = gt != std::string_view::npos && gt > 0 && html_[gt - 1] == '/';
    pos_ = gt == std::string_view::npos ? html_.size() : gt + 1;
    if (end) return close(name);
    if (is_in(name, kRawText)) return skip_past("</" + name);
    if (self_closing || is_in(name, kNotNesting)) return;
    open_.push_back(name);
    ++open_by_name_[name];
    deepest_ = std::max(deepest_, open_.size());
  }

  void close(const std::string& name) {
    auto it = open_by_name_.find(name);
    if (it == open_by_name_.end() || it->second == 0) return;
    for (;;) {  // each element opened is closed once: linear over the page
      std::string top = std::move(open_.back());
      open_.pop_back();
      --open_by_name_[top];
      if (top == name) return;
    }
  }

  void skip_past(std::string_view marker) {
    const std::size_t at = html_.find(marker, pos_);
    pos_ = at == std::string_view::npos ? html_.size() : at + marker.size();
  }

  std::string lowered_;
  std::string_view html_;
  std::size_t limit_;
  std::size_t pos_ = 0;
  std::size_t deepest_ = 0;
  std::vector<std::string> open_;
  std::unordered_map<std::string, std::size_t> open_by_name_;
};

}  // namespace

std::size_t html_nesting_depth(std::string_view html, std::size_t limit) {
  return NestingScan(html, limit).run();
}

}  // namespace dateline
