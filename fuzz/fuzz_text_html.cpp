// libFuzzer target: the plain-text and HTML readers on arbitrary bytes.
#include <cstdint>
#include <string_view>

#include "fuzz_sink.h"
#include "ingest/html_reader.h"
#include "ingest/text_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view content(reinterpret_cast<const char*>(data), size);
  for (bool repair : {false, true}) {
    dateline::fuzz::CheckingSink sink;
    dateline::ReaderOptions options{.repair_utf8 = repair};
    dateline::read_text_article(content, "fuzz.txt", "fuzz.txt", options, sink);
    dateline::read_html_article(content, "fuzz.html", "fuzz.html", options, sink);
  }
  return 0;
}
