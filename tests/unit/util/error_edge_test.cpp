#include "util/error_edge.h"

#include <catch2/catch.hpp>

using namespace dateline;

TEST_CASE("at_api_edge turns every other exception into the Dateline error asked for", "[errors]") {
  auto thrown_by = [](auto body) -> std::string {
    try {
      at_api_edge<DatabaseError>("db", body);
    } catch (const DatabaseError& e) {
      return e.what();
    }
    return "nothing thrown";
  };
  CHECK(thrown_by([] { throw Xapian::DatabaseCorruptError("bad block"); }) ==
        "db: DatabaseCorruptError: bad block");
  CHECK(thrown_by([] {
          throw std::filesystem::filesystem_error(
              "rename", "x", std::make_error_code(std::errc::no_space_on_device));
        }) == "db: No space left on device (x)");
  CHECK(thrown_by([] { throw std::runtime_error("ICU cannot segment text"); }) ==
        "db: ICU cannot segment text");
  CHECK(thrown_by([] { throw std::out_of_range("stoi"); }) == "db: stoi");
  CHECK(thrown_by([] { return 1; }) == "nothing thrown");
}

TEST_CASE("at_api_edge lets Dateline's own errors and bad_alloc through", "[errors]") {
  CHECK_THROWS_AS(at_api_edge<DatabaseError>("db", [] { throw UsageError("no title"); }),
                  UsageError);
  CHECK_THROWS_WITH(at_api_edge<DatabaseError>("db", [] { throw InputError("a.gz: corrupt"); }),
                    "a.gz: corrupt");
  CHECK_THROWS_AS(at_api_edge<DatabaseError>("db", [] { throw std::bad_alloc(); }), std::bad_alloc);
  CHECK(at_api_edge<DatabaseError>("db", [] { return 42; }) == 42);
}
