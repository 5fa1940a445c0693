// The query language of PRODUCT.md section 4, parsed into a tree. Pure syntax: no analysis and
// no Xapian here, so it can be tested (and fuzzed) on its own; query_builder turns the tree
// into a Xapian query.
//
//   words               ranked by BM25 (any word may match; more matches rank higher)
//   "exact phrase"      the words adjacent, in order, unstemmed
//   a AND b, a OR b, a NOT b, ( ... )      AND binds tighter than OR; NOT excludes
//   +must -mustnot      a word or group that must, or must not, match
//   a NEAR b, a NEAR/5 b  both within 10 (5) words of each other
//   prefix*             any word starting with "prefix"
//   title: author: source: tag: lang: id:  a word, phrase, prefix or (group) in one field;
//                       beside other words, author: source: tag: lang: id: restrict (title: only
//                       ranks). Names in any case, with aliases (tags:, topic:, byline:, ...)
//   date:2024-01-01..2024-06-30  date:2024..2025  date:2024-03  date:2024..  date:..2024
// Operators are upper case; "and", "or", "not" in lower case are words.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dateline {

enum class QueryField { kAny, kTitle, kAuthor, kSource, kTag, kLang, kId };

struct QueryNode {
  enum class Kind {
    kWord,    // text: one word as typed (may analyse into several words: then a phrase)
    kPhrase,  // text: the words between quotes
    kPrefix,  // text: the part before '*'
    kDate,    // date_from, date_to: instants (seconds since 1970, UTC), inclusive; none: open
    kAnd,     // all children
    kOr,      // any child
    kAndNot,  // children[0] without any of children[1..]
    kNear,    // children (words) within a window of each other
    kGroup,   // children juxtaposed, each with its Occur
  };
  enum class Occur { kShould, kMust, kMustNot };

  Kind kind = Kind::kWord;
  QueryField field = QueryField::kAny;
  std::string text;
  std::optional<std::int64_t> date_from, date_to;
  std::vector<QueryNode> children;
  std::vector<Occur> occurs;  // for kGroup, one per child
  std::uint32_t window = 0;   // for kNear: words apart at most (NEAR/n); 0: the default
};

struct ParsedQuery {
  std::optional<QueryNode> root;  // nothing when the query holds no searchable text
  std::string error;              // why the query did not parse; empty when it did
  // The error is a filter whose value cannot be read (date:1987-13): searching the text as
  // words would widen the filter into a search, so such a query is refused, not searched.
  bool filter_error = false;
  std::vector<std::string> notes;  // how parts were read otherwise (an unknown field name)
};

// Parses `text`. On a syntax error, `error` says what was wrong and `root` is the query read
// as plain words (operators and syntax characters dropped), which is what gets searched; on an
// unreadable filter, `filter_error` is set and there is no root.
ParsedQuery parse_query(std::string_view text);

// How many plain words the query is, when it is nothing but words to rank by (no operators,
// phrases, prefixes, fields or dates): a natural-language query. 0 for any other query.
std::size_t plain_word_count(const QueryNode& root);

// "title", "author", ... as typed before ':', in any case, with aliases ("tags", "topic",
// "byline", "language"); nothing for other text.
std::optional<QueryField> field_from_name(std::string_view name);

}  // namespace dateline
