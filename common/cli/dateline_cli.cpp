#include "dateline_cli.h"

#include <dateline/errors.h>

#include <iostream>

namespace dateline::cli {
namespace {

// The first argument that looks like an option `app` does not have ("--bogus"), or "".
std::string unknown_option(const CLI::App& app, int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--") break;
    if (!arg.starts_with("--")) continue;
    const std::string name = arg.substr(0, arg.find('='));
    if (app.get_option_no_throw(name) == nullptr) return name;
  }
  return {};
}

}  // namespace

CLI::Option* add_db_option(CLI::App& app, std::string& db, const std::string& description) {
  return app.add_option("--db", db, description)->required();
}

int run(CLI::App& app, int argc, char** argv, const std::function<int()>& body,
        const std::function<void(std::string_view message)>& on_error) {
  const std::string program = app.get_name();
  auto fail = [&](const std::string& message) {
    if (on_error) on_error(message);
    std::cerr << program << ": " << message << '\n';
    return kExitError;
  };
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::RequiredError& e) {
    // CLI11 checks required options before unknown ones: "--db is required" would hide the
    // typo that caused it.
    const std::string unknown = unknown_option(app, argc, argv);
    return fail((unknown.empty() ? std::string(e.what()) : "unknown option " + unknown) + " (see " +
                program + " --help)");
  } catch (const CLI::ParseError& e) {
    return fail(std::string(e.what()) + " (see " + program + " --help)");
  }
  try {
    return body();
  } catch (const std::exception& e) {
    return fail(e.what());
  }
}

}  // namespace dateline::cli
