// The parts of a request target the routes need: its path and its query parameters, decoded.
// Written here rather than taken from an HTTP library so that the rules (what is a bad
// escape, what '+' means) are ours and stay the same whichever library reads the bytes.
#pragma once

#include <string>
#include <string_view>

#include "serve/http_params.h"

namespace dateline::url {

// Whether every '%' of `target` is followed by two hex digits.
bool valid_percent_encoding(std::string_view target);

// `text` with each %XX replaced by its byte; with `plus_is_space`, '+' becomes ' ' (as in a
// query string, not in a path). Call only on text that passed valid_percent_encoding().
std::string decode(std::string_view text, bool plus_is_space);

// The target's path ("/doc/a%20b" -> "/doc/a b"), without the query.
std::string path_of(std::string_view target);

// The target's query parameters, decoded, in order ("a=1&b&a=2" -> a:1, b:"", a:2).
QueryParams params_of(std::string_view target);

}  // namespace dateline::url
