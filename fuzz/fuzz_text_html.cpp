// libFuzzer target: plain-text and HTML files on arbitrary bytes, the charset step included.
#include <cstdint>
#include <string_view>

#include "fuzz_sink.h"
#include "ingest/input_files.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view content(reinterpret_cast<const char*>(data), size);
  for (bool repair : {false, true}) {
    const dateline::ReaderOptions options{.repair_utf8 = repair};
    for (auto format : {dateline::InputFormat::kText, dateline::InputFormat::kHtml}) {
      dateline::fuzz::CheckingSink sink;
      const dateline::InputFile file{"fuzz", "fuzz", format, size};
      dateline::read_document(content, file, options, sink);
    }
  }
  return 0;
}
