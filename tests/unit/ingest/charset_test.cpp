#include "ingest/charset.h"

#include <catch2/catch.hpp>

#include "ingest/input_files.h"
#include "support/test_support.h"

using namespace dateline;

TEST_CASE("text in other charsets becomes UTF-8", "[charset]") {
  struct Case {
    std::string name, bytes;
    TextKind kind;
    std::string text, charset;
  };
  const std::vector<Case> cases = {
      {"declared Latin-1 (read as windows-1252)",
       "<html><head><meta charset=\"iso-8859-1\"><title>Caf\xe9</title>", TextKind::kHtml,
       "<html><head><meta charset=\"iso-8859-1\"><title>Café</title>", "windows-1252"},
      {"declared in http-equiv",
       "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">\xcc\xee\xf1"
       "\xea\xe2\xe0",
       TextKind::kHtml,
       "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">Москва",
       "windows-1251"},
      {"UTF-16LE with a BOM",
       std::string("\xff\xfe"
                   "Z\0\xfc\0r\0i\0c\0h\0",
                   14),
       TextKind::kPlain, "Zürich", "UTF-16LE"},
      {"UTF-8 with a BOM", "\xef\xbb\xbfZ\xc3\xbcrich", TextKind::kPlain, "Zürich", ""},
      {"UTF-8 as it is", "Z\xc3\xbcrich", TextKind::kHtml, "Zürich", ""},
      {"a declaration of UTF-8 changes nothing", "<meta charset=utf-8>Z\xc3\xbcrich",
       TextKind::kHtml, "<meta charset=utf-8>Z\xc3\xbcrich", ""},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    const DecodedText decoded = to_utf8(c.bytes, c.kind);
    CHECK(decoded.text == c.text);
    CHECK(decoded.charset == c.charset);
    CHECK_FALSE(decoded.detected);
  }
}

TEST_CASE("undeclared non-UTF-8 text is detected when the detector is sure", "[charset]") {
  const std::string latin1 =
      "Le gouvernement fran\xe7"
      "ais a annonc\xe9 mardi une r\xe9"
      "forme des retraites tr\xe8s "
      "contest\xe9"
      "e. Les syndicats pr\xe9voient une gr\xe8ve g\xe9n\xe9rale \xe0 la fin du "
      "mois, et l'opposition d\xe9nonce un passage en force \xe0 l'Assembl\xe9"
      "e nationale.";
  const DecodedText decoded = to_utf8(latin1, TextKind::kPlain);
  CHECK(decoded.detected);
  CHECK_THAT(decoded.text, Catch::Contains("Le gouvernement français a annoncé mardi"));
  // Bytes no charset explains stay as they are, for the UTF-8 check to report.
  const std::string noise("\xff\xfe\xfd\x00\x01\x80", 6);
  CHECK(to_utf8(noise.substr(2), TextKind::kPlain).text == noise.substr(2));
}

TEST_CASE("an HTML page declaring iso-8859-1 is read in its charset", "[charset]") {
  test::CollectingSink sink;
  const std::string page =
      "<html><head><meta charset=\"iso-8859-1\"><title>Caf\xe9 cr\xe8me</title></head>"
      "<body><p>Na\xefve r\xe9sum\xe9.</p></body></html>";
  read_document(page, InputFile{"page.html", "page.html", InputFormat::kHtml, page.size()}, {},
                sink);
  REQUIRE(sink.bad.empty());
  REQUIRE(sink.articles.size() == 1);
  CHECK(sink.articles[0].title == "Café crème");
  CHECK(sink.articles[0].body == "Naïve résumé.");
}
