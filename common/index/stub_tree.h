// Checks a Xapian stub database before Xapian opens it. Xapian follows a stub's entries
// recursively and without a bound, so a stub that lists itself (or two that list each other)
// recurses until the stack overflows, and a missing shard is reported without saying which
// stub listed it. Both are caught here, with a message naming the stub and the entry.
#pragma once

#include <string>

namespace dateline {

// Follows the local entries (auto, glass, chert, honey) of the stub at `path` (a stub file,
// or a folder holding XAPIANDB and no database of its own; anything else passes untouched),
// and the stubs they list in turn. Remote entries (remote, tcp, prog) are not followed.
// Throws DatabaseError for a cycle, for an entry that is not there, and past 32 levels.
struct StubTree {
  bool remote = false;  // some entry is a remote database
};
StubTree check_stub_tree(const std::string& path);

}  // namespace dateline
