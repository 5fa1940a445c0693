#include <algorithm>
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
                               bool color, const std::string& after) {
  if (!color) return text;
  std::string out;
  std::size_t at = 0;
  for (const auto& [start, end] : list) {
    if (start < at || start >= text.size()) continue;
    const std::size_t stop = std::min<std::size_t>(end, text.size());
    out.append(text, at, start - at);
    out += kHighlight;
    out.append(text, start, stop - start);
    out += after;
    at = stop;
  }
  out.append(text, at, std::string::npos);
  return out;
}

std::string render_marked(const std::string& text, const std::vector<ByteRange>& list,
                          const HighlightMarkup& markup) {
  const auto plain = [&](std::size_t from, std::size_t to) {
    if (!markup.escape_html) return text.substr(from, to - from);
    std::string escaped;
    for (std::size_t i = from; i < to; ++i) {
      switch (text[i]) {
        case '<':
          escaped += "&lt;";
          break;
        case '>':
          escaped += "&gt;";
          break;
        case '&':
          escaped += "&amp;";
          break;
        case '"':
          escaped += "&quot;";
          break;
        default:
          escaped += text[i];
      }
    }
    return escaped;
  };
  std::string out;
  std::size_t at = 0;
  for (const auto& [start, end] : list) {
    if (start < at || start >= text.size()) continue;
    const std::size_t stop = std::min<std::size_t>(end, text.size());
    out += plain(at, start) + markup.open + plain(start, stop) + markup.close;
    at = stop;
  }
  return out + plain(at, text.size());
}

std::string describe_total(const SearchResults& results) {
  const auto count = [](std::uint64_t n) {
    return std::to_string(n) + (n == 1 ? " result" : " results");
  };
  if (results.lower == results.upper) return count(results.lower);
  // Xapian's estimate is a guess; the bounds are what the match proved (--count is exact).
  return std::to_string(results.lower) + " to " + count(results.upper);
}

namespace {

// "     7 versions since 1987-03-02: Reuters, AP, …" under a hit that stands for a story.
std::string versions_line(const Story& story) {
  std::string line = std::string(kIndent, ' ') + std::to_string(story.copies) + " versions";
  if (!story.first_seen.empty()) line += " since " + story.first_seen;
  constexpr std::size_t kShownSources = 5;
  for (std::size_t i = 0; i < story.sources.size() && i < kShownSources; ++i) {
    line += (i == 0 ? ": " : ", ") + story.sources[i];
  }
  if (story.sources.size() > kShownSources) line += ", …";
  return line + "\n";
}

// The timeline as one line of bars, ▁ to █ by articles per period, between its first and last
// periods: "day 1987-02-26 ▁▃█▅▁ 1987-03-02 (peak 12 articles, 9 stories)".
std::string timeline_line(const Timeline& timeline) {
  std::string line = "timeline " + std::string(name_of(timeline.period)) + ":";
  if (timeline.buckets.empty()) return line + " no dated match\n";
  static constexpr const char* kBars[] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
  const TimelineBucket* peak = &timeline.buckets.front();
  for (const TimelineBucket& b : timeline.buckets) {
    if (b.articles > peak->articles) peak = &b;
  }
  // A long timeline is drawn with one bar per group of periods, at most kMaxBars of them.
  constexpr std::size_t kMaxBars = 120;
  const std::size_t per_bar = (timeline.buckets.size() + kMaxBars - 1) / kMaxBars;
  std::vector<std::uint64_t> bars;
  for (std::size_t i = 0; i < timeline.buckets.size(); i += per_bar) {
    std::uint64_t n = 0;
    for (std::size_t j = i; j < std::min(i + per_bar, timeline.buckets.size()); ++j) {
      n += timeline.buckets[j].articles;
    }
    bars.push_back(n);
  }
  const std::uint64_t top = std::max<std::uint64_t>(*std::max_element(bars.begin(), bars.end()), 1);
  line += " " + timeline.buckets.front().period + " ";
  for (std::uint64_t n : bars) line += n == 0 ? " " : kBars[(n * 8 + top - 1) / top - 1];
  line += " " + timeline.buckets.back().period + " (peak " + peak->period + ": " +
          std::to_string(peak->articles) + " articles, " + std::to_string(peak->stories) +
          " stories";
  if (timeline.undated > 0) line += "; undated " + std::to_string(timeline.undated);
  return line + ")\n";
}

// "  3. TITLE" in bold, then "     date · source · id" dimmed.
std::string hit_heading(const SearchHit& hit, bool c) {
  const Article& a = hit.article;
  char rank[16];
  std::snprintf(rank, sizeof rank, "%3u. ", hit.rank);
  std::string out = rank;
  const std::string title = a.title.empty() ? "(no title)" : a.title;
  if (c) out += kBold;
  // After a highlight the title is still bold: reset, then bold again.
  out +=
      render_highlighted(title, a.title.empty() ? std::vector<ByteRange>{} : hit.title_highlights,
                         c, std::string(kReset) + kBold);
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
  return out + "\n";
}

}  // namespace

std::string render_text(const SearchResults& results, const RenderOptions& options) {
  std::string out;
  for (const auto& hit : results.hits) {
    out += hit_heading(hit, options.color);
    if (results.collapsed && hit.story.copies > 1) out += versions_line(hit.story);
    if (!hit.snippet.text.empty()) out += wrapped(hit.snippet, options, kIndent);
    out += "\n";
  }
  out += describe_total(results);
  if (results.collapsed) {
    out +=
        " in " + std::to_string(results.stories) + (results.stories == 1 ? " story" : " stories");
  }
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
  if (results.timeline) out += timeline_line(*results.timeline);
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
