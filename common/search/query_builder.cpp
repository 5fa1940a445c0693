#include "search/query_builder.h"

#include <algorithm>

#include "index/document_builder.h"
#include "index/schema.h"

namespace dateline {
namespace {

using Op = Xapian::Query::op;

std::string field_prefix(QueryField field) {
  switch (field) {
    case QueryField::kTitle:
      return std::string(schema::kTitlePrefix);
    case QueryField::kAuthor:
      return std::string(schema::kAuthorPrefix);
    case QueryField::kSource:
      return std::string(schema::kSourcePrefix);
    case QueryField::kTag:
      return std::string(schema::kTagPrefix);
    default:
      return {};
  }
}

Xapian::Query combine(Op op, const std::vector<Xapian::Query>& parts) {
  if (parts.empty()) return Xapian::Query::MatchNothing;
  if (parts.size() == 1) return parts[0];
  return Xapian::Query(op, parts.begin(), parts.end());
}

HighlightTerms::Set& highlight_set(BuiltQuery& out, QueryField field) {
  return field == QueryField::kTitle ? out.highlight.title : out.highlight.body;
}

// author:, source: and tag: name what the user wants to see only of: beside other words they
// narrow the match (the other words still rank within it) and add to the score.
bool restricts(const QueryNode& n) {
  return n.field == QueryField::kAuthor || n.field == QueryField::kSource ||
         n.field == QueryField::kTag;
}

bool highlights(QueryField field) {
  return field == QueryField::kAny || field == QueryField::kTitle;
}

}  // namespace

bool is_filter(const QueryNode& n) {
  return n.kind == QueryNode::Kind::kDate ||
         (n.field == QueryField::kLang || n.field == QueryField::kId);
}

BuiltQuery QueryBuilder::build(const QueryNode& root) {
  BuiltQuery out;
  out.query = node(root, true, out);
  return out;
}

Xapian::Query QueryBuilder::node(const QueryNode& n, bool positive, BuiltQuery& out) {
  using Kind = QueryNode::Kind;
  switch (n.kind) {
    case Kind::kWord:
      return word(n, positive, out);
    case Kind::kPhrase:
      return phrase(n, positive, out);
    case Kind::kPrefix:
      return prefix(n, positive, out);
    case Kind::kNear:
      return near(n, positive, out);
    case Kind::kGroup:
      return group(n, positive, out);
    case Kind::kDate: {
      const auto value = [](std::int64_t instant) { return schema::date_value(instant); };
      if (!n.date_to) return Xapian::Query(Op::OP_VALUE_GE, schema::kDateSlot, value(*n.date_from));
      if (!n.date_from) return Xapian::Query(Op::OP_VALUE_LE, schema::kDateSlot, value(*n.date_to));
      return Xapian::Query(Op::OP_VALUE_RANGE, schema::kDateSlot, value(*n.date_from),
                           value(*n.date_to));
    }
    case Kind::kAnd:
    case Kind::kOr: {
      std::vector<Xapian::Query> parts;
      for (const auto& child : n.children) parts.push_back(node(child, positive, out));
      return combine(n.kind == Kind::kAnd ? Op::OP_AND : Op::OP_OR, parts);
    }
    case Kind::kAndNot: {
      std::vector<Xapian::Query> excluded;
      for (std::size_t i = 1; i < n.children.size(); ++i) {
        excluded.push_back(node(n.children[i], !positive, out));
      }
      return Xapian::Query(Op::OP_AND_NOT, node(n.children[0], positive, out),
                           combine(Op::OP_OR, excluded));
    }
  }
  return Xapian::Query::MatchNothing;
}

// Should-clauses rank, must-clauses and filters restrict, must-not clauses exclude.
Xapian::Query QueryBuilder::group(const QueryNode& n, bool positive, BuiltQuery& out) {
  std::vector<Xapian::Query> should, must, restricting, filters, must_not;
  for (std::size_t i = 0; i < n.children.size(); ++i) {
    const QueryNode& child = n.children[i];
    const auto occur = n.occurs[i];
    if (occur == QueryNode::Occur::kMustNot) {
      must_not.push_back(node(child, !positive, out));
    } else if (is_filter(child)) {
      filters.push_back(node(child, positive, out));
    } else if (occur == QueryNode::Occur::kShould && restricts(child)) {
      restricting.push_back(node(child, positive, out));
    } else if (occur == QueryNode::Occur::kMust) {
      must.push_back(node(child, positive, out));
    } else {
      should.push_back(node(child, positive, out));
    }
  }
  Xapian::Query ranked;
  if (!must.empty() && !should.empty()) {
    ranked = Xapian::Query(Op::OP_AND_MAYBE, combine(Op::OP_AND, must), combine(Op::OP_OR, should));
  } else if (!must.empty()) {
    ranked = combine(Op::OP_AND, must);
  } else if (!should.empty()) {
    ranked = combine(Op::OP_OR, should);
  }
  if (!restricting.empty()) {
    const Xapian::Query all_of = combine(Op::OP_AND, restricting);
    ranked = ranked.empty() ? all_of : Xapian::Query(Op::OP_AND, ranked, all_of);
  }
  if (ranked.empty()) ranked = Xapian::Query::MatchAll;  // only filters or exclusions
  if (!filters.empty()) ranked = Xapian::Query(Op::OP_FILTER, ranked, combine(Op::OP_AND, filters));
  if (!must_not.empty()) {
    ranked = Xapian::Query(Op::OP_AND_NOT, ranked, combine(Op::OP_OR, must_not));
  }
  return ranked;
}

Xapian::Query QueryBuilder::one_token(const Token& token, QueryField field, bool positive,
                                      BuiltQuery& out) {
  const std::string prefix = field_prefix(field);
  std::set<std::string> stems;
  if (field == QueryField::kAny || field == QueryField::kTitle) {
    for (const std::string& lang : languages_) {
      std::string stem = analyzer_.stem(lang, token);
      if (!stem.empty()) stems.insert(std::move(stem));
    }
  }
  if (positive && highlights(field)) {
    auto& set = highlight_set(out, field);
    set.exact.insert(token.term);
    set.stems.insert(stems.begin(), stems.end());
    out.words.push_back(token.term);
  }
  if (stems.empty()) return Xapian::Query(prefix + token.term);
  // The word in any of the database's languages matches: any of its stems (OP_OR, as
  // OP_SYNONYM's estimated statistics would differ between shards; see prefix()).
  std::vector<Xapian::Query> variants;
  for (const std::string& stem : stems) {
    variants.emplace_back(std::string(schema::kStemPrefix) + prefix + stem);
  }
  return combine(Op::OP_OR, variants);
}

Xapian::Query QueryBuilder::word(const QueryNode& n, bool positive, BuiltQuery& out) {
  if (n.field == QueryField::kLang) {
    return Xapian::Query(std::string(schema::kLangPrefix) + n.text);  // the parser checked it
  }
  if (n.field == QueryField::kId) return Xapian::Query(schema::id_term(n.text));
  const std::vector<Token> tokens = analyzer_.tokenize(n.text);
  if (tokens.empty()) return Xapian::Query::MatchNothing;
  if (tokens.size() == 1) {
    return with_bigrams(one_token(tokens[0], n.field, positive, out), tokens, n.field, positive,
                        out);
  }
  // One typed word that analyses into several ("e-mail", "北京大学"): they must be adjacent.
  QueryNode as_phrase = n;
  as_phrase.kind = QueryNode::Kind::kPhrase;
  return phrase(as_phrase, positive, out);
}

Xapian::Query QueryBuilder::with_bigrams(Xapian::Query words, const std::vector<Token>& tokens,
                                         QueryField field, bool positive, BuiltQuery& out) {
  if (field != QueryField::kAny) return words;
  const auto runs = Analyzer::cjk_runs(tokens);
  if (runs.size() != 1 || runs[0].first != 0 || runs[0].second + 1 != tokens.size()) return words;
  std::string run;
  for (const Token& token : tokens) run += token.term;
  const std::vector<std::string> bigrams = Analyzer::bigrams(run);
  if (bigrams.empty()) return words;
  if (positive) out.highlight.body.cjk.push_back(run);
  std::vector<Xapian::Query> terms;
  for (const std::string& bigram : bigrams)
    terms.emplace_back(std::string(schema::kBigramPrefix) + bigram);
  Xapian::Query by_bigrams = terms.size() == 1
                                 ? terms[0]
                                 : Xapian::Query(Op::OP_PHRASE, terms.begin(), terms.end(),
                                                 static_cast<Xapian::termcount>(terms.size()));
  // Articles whose dictionary words match score on both and come first; the bigrams find the
  // text where the dictionary split the characters differently.
  return Xapian::Query(Op::OP_OR, words, by_bigrams);
}

Xapian::Query QueryBuilder::phrase(const QueryNode& n, bool positive, BuiltQuery& out) {
  if (n.field == QueryField::kLang || n.field == QueryField::kId) {
    QueryNode as_word = n;
    as_word.kind = QueryNode::Kind::kWord;
    return word(as_word, positive, out);
  }
  const std::string prefix = field_prefix(n.field);
  std::vector<Xapian::Query> terms;
  const std::vector<Token> tokens = analyzer_.tokenize(n.text);
  std::vector<std::string> folded;
  for (const Token& token : tokens) {
    terms.emplace_back(prefix + token.term);
    folded.push_back(token.term);
  }
  if (positive && highlights(n.field) && !folded.empty()) {
    auto& set = highlight_set(out, n.field);
    if (folded.size() == 1) {
      set.exact.insert(folded[0]);
    } else {
      set.phrases.push_back(std::move(folded));  // highlighted where it matched as a whole
    }
  }
  // A quoted word: exact, unstemmed.
  Xapian::Query words = terms.size() <= 1
                            ? combine(Op::OP_AND, terms)
                            : Xapian::Query(Op::OP_PHRASE, terms.begin(), terms.end(),
                                            static_cast<Xapian::termcount>(terms.size()));
  return with_bigrams(words, tokens, n.field, positive, out);
}

Xapian::Query QueryBuilder::prefix(const QueryNode& n, bool positive, BuiltQuery& out) {
  const std::string folded = Analyzer::fold(n.text);
  if (folded.empty()) return Xapian::Query::MatchNothing;
  if (positive && highlights(n.field)) highlight_set(out, n.field).prefixes.push_back(folded);
  const std::string pattern = field_prefix(n.field) + folded;
  if (db_ == nullptr) {
    return Xapian::Query(Op::OP_WILDCARD, pattern, kMaxWildcardTerms,
                         Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
  }
  // Xapian 1.4 expands a wildcard in each shard with that shard's statistics, so scores would
  // depend on the sharding; the most frequent expansions over the whole database, ORed, do not.
  std::vector<std::pair<Xapian::doccount, std::string>> found;
  for (auto it = db_->allterms_begin(pattern); it != db_->allterms_end(pattern); ++it) {
    found.emplace_back(it.get_termfreq(), *it);
  }
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  if (found.size() > kMaxWildcardTerms) found.resize(kMaxWildcardTerms);
  std::vector<Xapian::Query> terms;
  for (const auto& entry : found) terms.emplace_back(entry.second);
  return combine(Op::OP_OR, terms);
}

Xapian::Query QueryBuilder::near(const QueryNode& n, bool positive, BuiltQuery& out) {
  // Positions are kept for unstemmed words only, so NEAR matches the words as typed.
  std::vector<Xapian::Query> terms;
  for (const QueryNode& child : n.children) {
    const std::string prefix = field_prefix(child.field);
    for (const Token& token : analyzer_.tokenize(child.text)) {
      terms.emplace_back(prefix + token.term);
      if (positive && highlights(child.field))
        highlight_set(out, child.field).exact.insert(token.term);
    }
  }
  if (terms.size() <= 1) return combine(Op::OP_AND, terms);
  return Xapian::Query(Op::OP_NEAR, terms.begin(), terms.end(),
                       n.window > 0 ? n.window : kNearWindow);
}

}  // namespace dateline
