// `searcher serve`: the HTTP API and search page until SIGTERM or SIGINT.
#pragma once

#include <dateline/server.h>

#include <string>

// "HOST:PORT" (or ":PORT", or "[v6]:PORT") into `options`; false when malformed.
bool parse_listen(const std::string& listen, dateline::ServerOptions& options);

// Serves `db` until SIGTERM or SIGINT, which a thread of its own waits for; requests under way
// are answered before the server stops. Returns the exit status; throws dateline::Error.
int serve(const std::string& db, dateline::ServerOptions options);
