#include <cstdio>

#include "dateline/render.h"
#include "render/text_width.h"

namespace dateline {
namespace {

constexpr const char* kBold = "\033[1m";
constexpr const char* kHighlight = "\033[1;33m";
constexpr const char* kDim = "\033[2m";
constexpr const char* kReset = "\033[0m";

constexpr std::size_t kIndent = 5;

// The snippet as indented lines no wider than options.width columns (wide characters count
// two), each with its own highlights, so colour codes never span a line break.
std::string wrapped(const Snippet& snippet, const RenderOptions& options, std::size_t indent) {
  const std::string pad(indent, ' ');
  if (options.width <= indent + 10) {
    return pad + render_highlighted(snippet.text, snippet.highlights, options.color) + "\n";
  }
  std::string out;
  auto starts = wrap_points(snippet.text, options.width - indent);
  starts.push_back(snippet.text.size());
  for (std::size_t l = 0; l + 1 < starts.size(); ++l) {
    const std::size_t a = starts[l];
    std::size_t b = starts[l + 1];
    std::string line = snippet.text.substr(a, b - a);
    std::vector<ByteRange> ranges;
    for (const auto& [s, e] : snippet.highlights) {
      if (e <= a || s >= b) continue;
      ranges.emplace_back(static_cast<std::uint32_t>(std::max<std::size_t>(s, a) - a),
                          static_cast<std::uint32_t>(std::min<std::size_t>(e, b) - a));
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += pad + render_highlighted(line, ranges, options.color) + "\n";
  }
  return out;
}

}  // namespace

std::string render_highlighted(const std::string& text, const std::vector<ByteRange>& list,
                               bool color) {
  if (!color) return text;
  std::string out;
  std::size_t at = 0;
  for (const auto& [start, end] : list) {
    if (start < at || start >= text.size()) continue;
    const std::size_t stop = std::min<std::size_t>(end, text.size());
    out.append(text, at, start - at);
    out += kHighlight;
    out.append(text, start, stop - start);
    out += kReset;
    at = stop;
  }
  out.append(text, at, std::string::npos);
  return out;
}

std::string render_text(const SearchResults& results, const RenderOptions& options) {
  std::string out;
  const bool c = options.color;
  for (const auto& hit : results.hits) {
    const Article& a = hit.article;
    char rank[16];
    std::snprintf(rank, sizeof rank, "%3u. ", hit.rank);
    out += rank;
    const std::string title = a.title.empty() ? "(no title)" : a.title;
    if (c) out += kBold;
    out += render_highlighted(title,
                              a.title.empty() ? std::vector<ByteRange>{} : hit.title_highlights, c);
    if (c) out += kReset;
    out += "\n     ";
    if (c) out += kDim;
    std::string meta;
    for (const std::string* part : {&a.date, &a.source, &a.id}) {
      if (part->empty()) continue;
      if (!meta.empty()) meta += " · ";
      meta += *part;
    }
    out += meta;
    if (c) out += kReset;
    out += "\n";
    if (!hit.snippet.text.empty()) out += wrapped(hit.snippet, options, kIndent);
    out += "\n";
  }
  char total[128];
  std::snprintf(
      total, sizeof total, "%s%llu result%s", results.lower == results.upper ? "" : "about ",
      static_cast<unsigned long long>(results.estimate), results.estimate == 1 ? "" : "s");
  out += total;
  if (options.include_timing) {
    char took[48];
    std::snprintf(took, sizeof took, " (%.1f ms)", results.took_ms);
    out += took;
  }
  out += "\n";
  for (const auto& facet : results.facets) {
    out += std::string(name_of(facet.field)) + ":";
    for (const auto& v : facet.values) out += " " + v.value + " (" + std::to_string(v.count) + ")";
    out += "\n";
  }
  return out;
}

std::string render_ids(const SearchResults& results) {
  std::string out;
  for (const auto& hit : results.hits) out += hit.article.id + "\n";
  return out;
}

std::string render_trec(const SearchResults& results, const std::string& qid) {
  std::string out;
  char score[32];
  for (const auto& hit : results.hits) {
    std::snprintf(score, sizeof score, "%.4f", hit.score);
    out += (qid.empty() ? std::string("0") : qid) + " Q0 " + hit.article.id + " " +
           std::to_string(hit.rank) + " " + score + " dateline\n";
  }
  return out;
}

}  // namespace dateline
