#include "ingest/html_reader.h"

#include <gumbo.h>

#include <cctype>
#include <cstring>
#include <memory>

#include "ingest/article_rules.h"
#include "ingest/html_nesting.h"

namespace dateline {
namespace {

const char* attribute(const GumboNode* node, const char* name) {
  const GumboAttribute* attr = gumbo_get_attribute(&node->v.element.attributes, name);
  return attr ? attr->value : nullptr;
}

bool equals_ignoring_case(const char* a, std::string_view b) {
  if (a == nullptr || std::strlen(a) != b.size()) return false;
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != b[i]) return false;
  }
  return true;
}

bool is_skipped(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_FORM:
      return true;
    default:
      return false;
  }
}

bool is_block(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_ADDRESS:
      return true;
    default:
      return false;
  }
}

// Collects text with runs of whitespace collapsed, paragraphs separated by a blank line.
class TextBuilder {
 public:
  void text(std::string_view s) {
    for (char c : s) {
      if (std::isspace(static_cast<unsigned char>(c))) {
        pending_space_ = !out_.empty();
      } else {
        flush_separator();
        out_ += c;
      }
    }
  }
  void line_break() { pending_break_ = std::max(pending_break_, out_.empty() ? 0 : 1); }
  void paragraph_break() { pending_break_ = out_.empty() ? 0 : 2; }
  std::string take() { return std::move(out_); }

 private:
  void flush_separator() {
    if (pending_break_ > 0) {
      out_.append(static_cast<std::size_t>(pending_break_), '\n');
    } else if (pending_space_) {
      out_ += ' ';
    }
    pending_break_ = 0;
    pending_space_ = false;
  }
  std::string out_;
  int pending_break_ = 0;
  bool pending_space_ = false;
};

// Depth is bounded so that hostile nesting cannot exhaust the stack.
void collect_text(const GumboNode* node, TextBuilder& out, int depth) {
  if (depth > 512) return;
  if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA ||
      node->type == GUMBO_NODE_WHITESPACE) {
    out.text(node->v.text.text);
    return;
  }
  if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE) return;
  const GumboTag tag = node->v.element.tag;
  if (is_skipped(tag)) return;
  if (tag == GUMBO_TAG_BR) {
    out.line_break();
    return;
  }
  const bool block = is_block(tag);
  if (block) out.paragraph_break();
  const GumboVector& children = node->v.element.children;
  for (unsigned i = 0; i < children.length; ++i) {
    collect_text(static_cast<const GumboNode*>(children.data[i]), out, depth + 1);
  }
  if (block) out.paragraph_break();
}

std::string text_of(const GumboNode* node) {
  TextBuilder builder;
  collect_text(node, builder, 0);
  return builder.take();
}

// What one walk over the document finds.
struct Found {
  std::string og_title, title_tag, og_url, canonical, published, meta_date, author, lang;
  std::string time_datetime;
  const GumboNode* first_h1 = nullptr;
  const GumboNode* article = nullptr;
  const GumboNode* main = nullptr;
  const GumboNode* body = nullptr;
};

void note_meta(const GumboNode* node, Found& found) {
  const char* content = attribute(node, "content");
  if (content == nullptr) return;
  const char* property = attribute(node, "property");
  const char* name = attribute(node, "name");
  if (equals_ignoring_case(property, "og:title") && found.og_title.empty())
    found.og_title = content;
  if (equals_ignoring_case(property, "og:url") && found.og_url.empty()) found.og_url = content;
  if ((equals_ignoring_case(property, "article:published_time") ||
       equals_ignoring_case(name, "article:published_time")) &&
      found.published.empty()) {
    found.published = content;
  }
  if (equals_ignoring_case(name, "date") && found.meta_date.empty()) found.meta_date = content;
  if (equals_ignoring_case(name, "author") && found.author.empty()) found.author = content;
}

// The elements of which the first one is kept: the first <h1>, <article>, <main>, <body>.
void note_first(const GumboNode* node, Found& found) {
  static constexpr std::pair<GumboTag, const GumboNode * Found::*> kFirsts[] = {
      {GUMBO_TAG_H1, &Found::first_h1},
      {GUMBO_TAG_ARTICLE, &Found::article},
      {GUMBO_TAG_MAIN, &Found::main},
      {GUMBO_TAG_BODY, &Found::body}};
  for (const auto& [tag, member] : kFirsts) {
    if (node->v.element.tag == tag && found.*member == nullptr) found.*member = node;
  }
}

void walk(const GumboNode* node, Found& found, int depth) {
  if (node->type != GUMBO_NODE_ELEMENT || depth > 512) return;
  const GumboNode& n = *node;
  note_first(node, found);
  switch (n.v.element.tag) {
    case GUMBO_TAG_HTML:
      if (const char* lang = attribute(node, "lang")) found.lang = lang;
      break;
    case GUMBO_TAG_META:
      note_meta(node, found);
      break;
    case GUMBO_TAG_TITLE:
      if (found.title_tag.empty()) found.title_tag = text_of(node);
      break;
    case GUMBO_TAG_LINK:
      if (equals_ignoring_case(attribute(node, "rel"), "canonical") && found.canonical.empty()) {
        if (const char* href = attribute(node, "href")) found.canonical = href;
      }
      break;
    case GUMBO_TAG_TIME:
      if (found.time_datetime.empty()) {
        if (const char* datetime = attribute(node, "datetime")) found.time_datetime = datetime;
      }
      break;
    default:
      break;
  }
  const GumboVector& children = n.v.element.children;
  for (unsigned i = 0; i < children.length; ++i) {
    walk(static_cast<const GumboNode*>(children.data[i]), found, depth + 1);
  }
}

const std::string& first_non_empty(std::initializer_list<const std::string*> values) {
  static const std::string kEmpty;
  for (const std::string* v : values) {
    if (!v->empty()) return *v;
  }
  return kEmpty;
}

}  // namespace

void read_html_article(std::string_view content, std::string id, std::string_view file_name,
                       ArticleSink& sink) {
  const Location where{file_name, 0};
  if (html_nesting_depth(content) > kMaxHtmlNesting) {
    sink.on_bad_record(where, "HTML nested deeper than " + std::to_string(kMaxHtmlNesting) +
                                  " elements (unclosed or runaway tags); not parsed");
    return;
  }
  std::unique_ptr<GumboOutput, void (*)(GumboOutput*)> output(
      gumbo_parse_with_options(&kGumboDefaultOptions, content.data(), content.size()),
      [](GumboOutput* o) { gumbo_destroy_output(&kGumboDefaultOptions, o); });
  Found found;
  walk(output->root, found, 0);

  Article article;
  const std::string h1 = found.first_h1 ? text_of(found.first_h1) : std::string();
  article.title = first_non_empty({&found.og_title, &found.title_tag, &h1});
  const GumboNode* container = found.article ? found.article : found.main ? found.main : found.body;
  if (container) article.body = text_of(container);
  if (!found.author.empty()) article.authors.push_back(found.author);
  article.url = first_non_empty({&found.canonical, &found.og_url});
  article.date = first_non_empty({&found.published, &found.time_datetime, &found.meta_date});
  article.lang = found.lang;
  // A canonical URL is the page's own name for itself, stable however the file is found.
  if (article.url.empty()) article.id = std::move(id);
  finish_and_deliver(std::move(article), where, sink);
}

}  // namespace dateline
