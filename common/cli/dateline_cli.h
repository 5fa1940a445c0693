// What the command-line tools share: exit statuses, the options both take, options whose
// values are the names of a library enum, and the frame around main() that turns errors into
// one line on stderr. Not part of the library: only indexer/ and searcher/ use it (as PISA's
// tools/app.hpp serves its tools).
#pragma once

#include <dateline/names.h>

#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <string_view>

namespace dateline::cli {

// As grep: 0 success (something matched, everything indexed), 1 partial (nothing matched, some
// records skipped), 2 error (usage, missing database, I/O).
inline constexpr int kExitOk = 0;
inline constexpr int kExitPartial = 1;
inline constexpr int kExitError = 2;
inline constexpr int kExitInterrupted = 130;  // as a shell reports a process ended by Ctrl-C

// auto | always | never, for --color and --progress ("auto": when the stream is a terminal).
enum class When { kAuto, kAlways, kNever };

}  // namespace dateline::cli

namespace dateline {
template <>
struct Names<cli::When> {
  static constexpr std::string_view kNames = "auto always never";
  static constexpr std::string_view kAliases = "";
};
}  // namespace dateline

namespace dateline::cli {

// An option whose value must be one of Enum's names (see dateline/names.h), stored parsed.
template <typename Enum>
CLI::Option* add_enum_option(CLI::App& app, const std::string& flag, Enum& value,
                             const std::string& description) {
  CLI::Option* option = app.add_option_function<std::string>(
      flag, [&value](const std::string& name) { value = *parse_name<Enum>(name); },
      description + " (" + names_list<Enum>() + ")");
  option->check(CLI::Validator(
      [](std::string& name) {
        return parse_name<Enum>(name) ? std::string() : "must be " + names_list<Enum>();
      },
      "", ""));
  option->default_str(std::string(name_of(value)));
  return option;
}

// --db DIR|STUB, required.
CLI::Option* add_db_option(CLI::App& app, std::string& db, const std::string& description);

// Parses the command line and runs `body`, which returns the exit status. A usage error (a
// bad or missing flag) and any exception become one line "PROGRAM: message" on stderr and
// exit status 2, with `on_error(message)` called first (e.g. to print it as JSON too).
int run(CLI::App& app, int argc, char** argv, const std::function<int()>& body,
        const std::function<void(std::string_view message)>& on_error = {});

}  // namespace dateline::cli
