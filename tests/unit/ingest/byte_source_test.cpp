#include "ingest/byte_source.h"

#include <zlib.h>
#include <zstd.h>

#include <catch2/catch.hpp>

#include "dateline/errors.h"
#include "ingest/line_reader.h"
#include "support/test_support.h"

using namespace dateline;
using dateline::test::TempDir;
using dateline::test::write_file;

namespace {

std::string gzip(std::string_view data) {
  z_stream s{};
  REQUIRE(deflateInit2(&s, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) == Z_OK);
  std::string out(deflateBound(&s, data.size()) + 64, '\0');
  s.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  s.avail_in = static_cast<uInt>(data.size());
  s.next_out = reinterpret_cast<Bytef*>(out.data());
  s.avail_out = static_cast<uInt>(out.size());
  REQUIRE(deflate(&s, Z_FINISH) == Z_STREAM_END);
  out.resize(s.total_out);
  deflateEnd(&s);
  return out;
}

std::string zstd(std::string_view data) {
  std::string out(ZSTD_compressBound(data.size()), '\0');
  const std::size_t n = ZSTD_compress(out.data(), out.size(), data.data(), data.size(), 3);
  REQUIRE_FALSE(ZSTD_isError(n));
  out.resize(n);
  return out;
}

std::string read_through(const std::string& path) {
  auto source = open_byte_source(path);
  return read_all(*source, 1 << 30);
}

std::string big_text() {
  std::string text;
  for (int i = 0; i < 50000; ++i) text += "{\"id\": " + std::to_string(i) + "}\n";
  return text;
}

}  // namespace

TEST_CASE("byte sources decompress gzip and zstd by content, whatever the name", "[input]") {
  TempDir dir;
  const std::string text = big_text();
  write_file(dir / "plain.jsonl", text);
  write_file(dir / "a.jsonl.gz", gzip(text));
  write_file(dir / "a.jsonl.zst", zstd(text));
  write_file(dir / "misnamed.jsonl", gzip(text));
  write_file(dir / "two-members.gz", gzip(text.substr(0, 1000)) + gzip(text.substr(1000)));
  for (const char* name :
       {"plain.jsonl", "a.jsonl.gz", "a.jsonl.zst", "misnamed.jsonl", "two-members.gz"}) {
    INFO(name);
    CHECK(read_through((dir / name).string()) == text);
  }
}

TEST_CASE("byte sources report corrupt or truncated compressed data as InputError", "[input]") {
  TempDir dir;
  const std::string gz = gzip(big_text());
  const std::string zs = zstd(big_text());
  write_file(dir / "truncated.gz", gz.substr(0, gz.size() / 2));
  write_file(dir / "truncated.zst", zs.substr(0, zs.size() / 2));
  std::string corrupt = gz;
  for (std::size_t i = 20; i < 60; ++i) corrupt[i] = static_cast<char>(corrupt[i] ^ 0x5A);
  write_file(dir / "corrupt.gz", corrupt);
  for (const char* name : {"truncated.gz", "truncated.zst", "corrupt.gz"}) {
    INFO(name);
    CHECK_THROWS_AS(read_through((dir / name).string()), InputError);
  }
  CHECK_THROWS_AS(open_byte_source((dir / "absent.jsonl").string()), InputError);
}

TEST_CASE("LineReader splits lines, strips CRLF and skips over-long lines", "[input]") {
  TempDir dir;
  const std::string long_line(5000, 'x');
  write_file(dir / "lines", "first\r\n\nthird\n" + long_line + "\nafter long\nno newline at end");
  auto source = open_byte_source((dir / "lines").string());
  LineReader reader(*source, 1000);
  struct Expected {
    std::string text;
    std::uint64_t length;
    bool too_long;
  };
  const std::vector<Expected> expected = {
      {"first", 5, false},       {"", 0, false},
      {"third", 5, false},       {"", 5000, true},
      {"after long", 10, false}, {"no newline at end", 17, false}};
  Line line;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    INFO("line " << i + 1);
    REQUIRE(reader.next(line));
    CHECK(line.number == i + 1);
    CHECK(std::string(line.text) == expected[i].text);
    CHECK(line.length == expected[i].length);
    CHECK(line.too_long == expected[i].too_long);
  }
  CHECK_FALSE(reader.next(line));
}
