#include "serve/url.h"

#include <cctype>

namespace dateline::url {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  return std::tolower(static_cast<unsigned char>(c)) - 'a' + 10;
}

}  // namespace

bool valid_percent_encoding(std::string_view target) {
  for (std::size_t i = target.find('%'); i != std::string_view::npos; i = target.find('%', i + 1)) {
    if (i + 2 >= target.size() || !std::isxdigit(static_cast<unsigned char>(target[i + 1])) ||
        !std::isxdigit(static_cast<unsigned char>(target[i + 2]))) {
      return false;
    }
  }
  return true;
}

std::string decode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else {
      out += plus_is_space && text[i] == '+' ? ' ' : text[i];
    }
  }
  return out;
}

std::string path_of(std::string_view target) {
  return decode(target.substr(0, target.find('?')), false);
}

QueryParams params_of(std::string_view target) {
  QueryParams params;
  const std::size_t question = target.find('?');
  if (question == std::string_view::npos) return params;
  std::string_view rest = target.substr(question + 1);
  while (!rest.empty()) {
    const std::size_t amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    if (pair.empty()) continue;
    const std::size_t equals = pair.find('=');
    params.emplace(decode(pair.substr(0, equals), true),
                   equals == std::string_view::npos ? "" : decode(pair.substr(equals + 1), true));
  }
  return params;
}

}  // namespace dateline::url
