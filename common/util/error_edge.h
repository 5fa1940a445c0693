// The edge of the public API, where every exception becomes a dateline::Error: each public
// entry point runs its body through at_api_edge(), so that errors.h's promise ("nothing else
// escapes") holds by construction rather than by care at each throw.
#pragma once

#include <xapian.h>

#include <filesystem>
#include <new>
#include <string>
#include <string_view>

#include "dateline/errors.h"

namespace dateline {

// Runs `body`. A dateline::Error and std::bad_alloc pass as they are; a Xapian::Error, a
// std::filesystem::filesystem_error or any other std::exception becomes an `As` (a subclass of
// dateline::Error) whose message is `context`, ": ", and what went wrong.
template <typename As, typename Body>
auto at_api_edge(std::string_view context, Body&& body) -> decltype(body()) {
  try {
    return body();
  } catch (const Error&) {
    throw;
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const Xapian::Error& e) {
    throw As(std::string(context) + ": " + e.get_description());
  } catch (const std::filesystem::filesystem_error& e) {
    throw As(std::string(context) + ": " + e.code().message() + " (" + e.path1().string() + ")");
  } catch (const std::exception& e) {
    throw As(std::string(context) + ": " + e.what());
  }
}

}  // namespace dateline
