#include "search/query_parser.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <stdexcept>

#include "util/ascii.h"
#include "util/date.h"
#include "util/lang_tag.h"

namespace dateline {
namespace {

constexpr std::size_t kMaxDepth = 64;  // nesting of parentheses

struct SyntaxError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A filter's value that cannot be read: never searched as words.
struct FilterError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

enum class TokenType { kWord, kPhrase, kPrefix, kOpen, kClose, kAnd, kOr, kNot, kNear, kEnd };

struct Lexeme {
  TokenType type = TokenType::kEnd;
  std::string text;
  QueryField field = QueryField::kAny;
  bool has_field = false;
  bool is_date = false;
  char sign = 0;             // '+' or '-' written before the lexeme
  std::uint32_t window = 0;  // NEAR/n: n
};

constexpr std::uint32_t kMaxNearWindow = 1000;

bool is_space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

// Splits the query into lexemes: words, quoted phrases, parentheses and operators, each with
// an optional field prefix and a +/- sign.
class Lexer {
 public:
  explicit Lexer(std::string_view text, std::vector<std::string>& notes)
      : text_(text), notes_(notes) {}

  std::vector<Lexeme> run() {
    std::vector<Lexeme> out;
    for (;;) {
      while (pos_ < text_.size() && is_space(text_[pos_])) ++pos_;
      if (pos_ >= text_.size()) break;
      out.push_back(next());
    }
    out.push_back(Lexeme{});
    return out;
  }

 private:
  Lexeme next() {
    Lexeme lexeme;
    const char c = text_[pos_];
    if (c == '(' || c == ')') {
      ++pos_;
      lexeme.type = c == '(' ? TokenType::kOpen : TokenType::kClose;
      return lexeme;
    }
    if ((c == '+' || c == '-') && pos_ + 1 < text_.size() && !is_space(text_[pos_ + 1])) {
      lexeme.sign = c;
      ++pos_;
    }
    read_field(lexeme);
    if (pos_ < text_.size() && text_[pos_] == '"') {
      const std::size_t close = text_.find('"', pos_ + 1);
      if (close == std::string_view::npos) throw SyntaxError("unbalanced quote");
      lexeme.type = TokenType::kPhrase;
      lexeme.text = text_.substr(pos_ + 1, close - pos_ - 1);
      pos_ = close + 1;
      return lexeme;
    }
    if (pos_ < text_.size() && text_[pos_] == '(') {
      // A sign before a group, or a field for all of it (title:(oil OR gas)): the parser
      // applies them through the '(' lexeme.
      if (lexeme.is_date) throw FilterError("date: takes a date or a range, not a group");
      ++pos_;
      lexeme.type = TokenType::kOpen;
      return lexeme;
    }
    const std::size_t start = pos_;
    while (pos_ < text_.size() && !is_space(text_[pos_]) && text_[pos_] != '(' &&
           text_[pos_] != ')' && text_[pos_] != '"') {
      ++pos_;
    }
    std::string word(text_.substr(start, pos_ - start));
    if (word.empty()) {
      if (lexeme.has_field) throw SyntaxError("nothing after the field prefix");
      throw SyntaxError("a sign without a word");
    }
    lexeme.text = word;
    if (!lexeme.has_field && !lexeme.sign) {
      if (word == "AND")
        lexeme.type = TokenType::kAnd;
      else if (word == "OR")
        lexeme.type = TokenType::kOr;
      else if (word == "NOT")
        lexeme.type = TokenType::kNot;
      else if (word == "NEAR" || word.starts_with("NEAR/"))
        read_near(word, lexeme);
      if (lexeme.type != TokenType::kEnd) return lexeme;
    }
    if (word.size() > 1 && word.back() == '*' && !lexeme.is_date) {
      lexeme.type = TokenType::kPrefix;
      lexeme.text.pop_back();
      return lexeme;
    }
    if (word == "*") throw SyntaxError("a lone '*' matches nothing in particular");
    lexeme.type = TokenType::kWord;
    return lexeme;
  }

  // NEAR, or NEAR/n with a window of n words.
  static void read_near(const std::string& word, Lexeme& lexeme) {
    lexeme.type = TokenType::kNear;
    if (word.size() == 4) return;
    const std::string n = word.substr(5);
    if (n.empty() || n.size() > 4 || n.find_first_not_of("0123456789") != std::string::npos ||
        std::stoul(n) == 0 || std::stoul(n) > kMaxNearWindow) {
      throw SyntaxError("NEAR/n takes a window of 1 to " + std::to_string(kMaxNearWindow) +
                        " words");
    }
    lexeme.window = static_cast<std::uint32_t>(std::stoul(n));
  }

  // A field prefix ("title:", "Tags:", "date:") at pos_: names are case-insensitive and have
  // aliases. An unknown name ("ceo:smith") is searched as words, with a note saying so.
  void read_field(Lexeme& lexeme) {
    const std::size_t colon = text_.find(':', pos_);
    if (colon == std::string_view::npos || colon == pos_ || colon - pos_ > 12) return;
    const std::string_view name = text_.substr(pos_, colon - pos_);
    if (!std::all_of(name.begin(), name.end(),
                     [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; })) {
      return;
    }
    const std::string lower = ascii_lower(name);
    if (lower == "date") {
      lexeme.is_date = true;
    } else if (auto field = field_from_name(lower)) {
      lexeme.field = *field;
    } else {
      // "http://" and "10:30" are text, not fields.
      const bool followed = colon + 1 < text_.size() && !is_space(text_[colon + 1]);
      if (followed && text_.substr(colon + 1, 2) != "//") {
        notes_.push_back(
            "unknown field \"" + std::string(name) +
            ":\" (fields: title, author, source, tag, lang, id, date); searched as words");
      }
      return;
    }
    lexeme.has_field = true;
    pos_ = colon + 1;
  }

  std::string_view text_;
  std::vector<std::string>& notes_;
  std::size_t pos_ = 0;
};

// A date bound: the first or the last instant of the period or moment written.
std::optional<std::int64_t> date_bound(std::string_view text, bool upper) {
  if (text.empty()) return std::nullopt;
  const auto date = parse_date(text);
  if (!date) throw FilterError("date: cannot read \"" + std::string(text) + "\"");
  return upper ? date->end_instant() : date->start_instant();
}

QueryNode date_node(std::string_view text) {
  QueryNode node;
  node.kind = QueryNode::Kind::kDate;
  const std::size_t dots = text.find("..");
  if (dots == std::string_view::npos) {
    node.date_from = date_bound(text, false);
    node.date_to = date_bound(text, true);
  } else {
    node.date_from = date_bound(text.substr(0, dots), false);
    node.date_to = date_bound(text.substr(dots + 2), true);
  }
  if (!node.date_from && !node.date_to) throw FilterError("date: needs a date or a range");
  if (node.date_from && node.date_to && *node.date_from > *node.date_to) {
    throw FilterError("date: the range \"" + std::string(text) + "\" ends before it starts");
  }
  return node;
}

// Recursive descent over the lexemes; see query_parser.h for the grammar.
class Parser {
 public:
  explicit Parser(std::vector<Lexeme> lexemes) : lexemes_(std::move(lexemes)) {}

  QueryNode parse() {
    QueryNode root = parse_or(0);
    if (peek().type != TokenType::kEnd) {
      throw SyntaxError(peek().type == TokenType::kClose ? "unbalanced ')'"
                                                         : "unexpected operator");
    }
    return root;
  }

 private:
  const Lexeme& peek() const { return lexemes_[pos_]; }
  const Lexeme& take() { return lexemes_[pos_++]; }

  static QueryNode combine(QueryNode::Kind kind, std::vector<QueryNode> children) {
    if (children.size() == 1) return std::move(children[0]);
    QueryNode node;
    node.kind = kind;
    node.children = std::move(children);
    return node;
  }

  // The binary operators, loosest first: OR, then AND, then NOT (AND binds tighter than OR).
  struct Level {
    TokenType op;
    QueryNode::Kind kind;
  };
  static constexpr Level kLevels[] = {{TokenType::kOr, QueryNode::Kind::kOr},
                                      {TokenType::kAnd, QueryNode::Kind::kAnd},
                                      {TokenType::kNot, QueryNode::Kind::kAndNot}};

  QueryNode parse_or(std::size_t depth) { return parse_level(0, depth); }

  QueryNode parse_level(std::size_t level, std::size_t depth) {
    if (level == std::size(kLevels)) return parse_group(depth);
    std::vector<QueryNode> children{parse_level(level + 1, depth)};
    while (peek().type == kLevels[level].op) {
      take();
      children.push_back(parse_level(level + 1, depth));
    }
    return combine(kLevels[level].kind, std::move(children));
  }

  bool starts_unit() const {
    const TokenType t = peek().type;
    return t == TokenType::kWord || t == TokenType::kPhrase || t == TokenType::kPrefix ||
           t == TokenType::kOpen;
  }

  // Juxtaposed units, each should / must / must not match.
  QueryNode parse_group(std::size_t depth) {
    QueryNode group;
    group.kind = QueryNode::Kind::kGroup;
    for (;;) {
      QueryNode::Occur occur = QueryNode::Occur::kShould;
      if (peek().type == TokenType::kNot && group.children.empty()) {
        take();  // a leading NOT: the unit must not match
        occur = QueryNode::Occur::kMustNot;
      }
      if (!starts_unit()) break;
      if (peek().sign == '+') occur = QueryNode::Occur::kMust;
      if (peek().sign == '-') occur = QueryNode::Occur::kMustNot;
      group.children.push_back(parse_near(depth));
      group.occurs.push_back(occur);
    }
    if (group.children.empty()) {
      throw SyntaxError(peek().type == TokenType::kEnd ? "an operator without a right-hand side"
                                                       : "an operator without a left-hand side");
    }
    if (group.children.size() == 1 && group.occurs[0] == QueryNode::Occur::kShould) {
      return std::move(group.children[0]);
    }
    return group;
  }

  QueryNode parse_near(std::size_t depth) {
    std::vector<QueryNode> children{parse_atom(depth)};
    std::uint32_t window = 0;
    while (peek().type == TokenType::kNear) {
      window = std::max(window, take().window);
      if (peek().type != TokenType::kWord) throw SyntaxError("NEAR needs a word on each side");
      children.push_back(parse_atom(depth));
    }
    if (children.size() > 1) {
      for (const auto& child : children) {
        if (child.kind != QueryNode::Kind::kWord)
          throw SyntaxError("NEAR needs a word on each side");
      }
    }
    QueryNode near = combine(QueryNode::Kind::kNear, std::move(children));
    near.window = window;
    return near;
  }

  QueryNode parse_atom(std::size_t depth) {
    const Lexeme& lexeme = take();
    QueryNode node;
    switch (lexeme.type) {
      case TokenType::kOpen: {
        if (depth >= kMaxDepth) throw SyntaxError("parentheses nested too deep");
        const QueryField outer = field_;
        if (lexeme.has_field) field_ = lexeme.field;  // title:(oil OR gas)
        node = parse_or(depth + 1);
        field_ = outer;
        if (take().type != TokenType::kClose) throw SyntaxError("unbalanced '('");
        return node;
      }
      case TokenType::kWord:
        if (lexeme.is_date) return date_node(lexeme.text);
        node.kind = QueryNode::Kind::kWord;
        break;
      case TokenType::kPhrase:
        if (lexeme.is_date) throw SyntaxError("date: takes a date or a range, not a phrase");
        node.kind = QueryNode::Kind::kPhrase;
        break;
      case TokenType::kPrefix:
        node.kind = QueryNode::Kind::kPrefix;
        break;
      default:
        throw SyntaxError("unexpected operator");
    }
    node.text = lexeme.text;
    node.field = lexeme.has_field ? lexeme.field : field_;
    if (node.field == QueryField::kLang) node.text = language_code(node);
    return node;
  }

  // The code of a lang: filter's language; an unknown one is a filter that cannot be read.
  static std::string language_code(const QueryNode& node) {
    if (node.kind == QueryNode::Kind::kPrefix)
      throw FilterError("lang: takes a language, not a prefix");
    const auto code = language_of_tag(node.text);
    if (!code) throw FilterError("lang: " + unknown_language_message(node.text));
    return *code;
  }

  std::vector<Lexeme> lexemes_;
  std::size_t pos_ = 0;
  QueryField field_ = QueryField::kAny;  // the field of the group being parsed
};

// The fallback: every run of text between spaces and syntax characters, as a should-word.
std::optional<QueryNode> plain_words(std::string_view text) {
  QueryNode group;
  group.kind = QueryNode::Kind::kGroup;
  std::string word;
  auto flush = [&] {
    if (!word.empty() && word != "AND" && word != "OR" && word != "NOT" && word != "NEAR") {
      QueryNode node;
      node.text = word;
      group.children.push_back(std::move(node));
      group.occurs.push_back(QueryNode::Occur::kShould);
    }
    word.clear();
  };
  for (char c : text) {
    if (is_space(c) || c == '"' || c == '(' || c == ')' || c == '*' || c == ':' ||
        ((c == '+' || c == '-') && word.empty())) {
      flush();
    } else {
      word += c;
    }
  }
  flush();
  if (group.children.empty()) return std::nullopt;
  return group;
}

}  // namespace

std::optional<QueryField> field_from_name(std::string_view name) {
  static constexpr std::pair<std::string_view, QueryField> kNames[] = {
      {"title", QueryField::kTitle},    {"headline", QueryField::kTitle},
      {"author", QueryField::kAuthor},  {"authors", QueryField::kAuthor},
      {"byline", QueryField::kAuthor},  {"source", QueryField::kSource},
      {"sources", QueryField::kSource}, {"tag", QueryField::kTag},
      {"tags", QueryField::kTag},       {"topic", QueryField::kTag},
      {"topics", QueryField::kTag},     {"keyword", QueryField::kTag},
      {"keywords", QueryField::kTag},   {"lang", QueryField::kLang},
      {"language", QueryField::kLang},  {"id", QueryField::kId}};
  const std::string lower = ascii_lower(name);
  for (const auto& [known, field] : kNames) {
    if (lower == known) return field;
  }
  return std::nullopt;
}

ParsedQuery parse_query(std::string_view text) {
  ParsedQuery result;
  try {
    Lexer lexer(text, result.notes);
    std::vector<Lexeme> lexemes = lexer.run();
    if (lexemes.size() == 1) return result;  // only spaces
    result.root = Parser(std::move(lexemes)).parse();
  } catch (const SyntaxError& e) {
    result.error = e.what();
    result.root = plain_words(text);
  } catch (const FilterError& e) {
    result.error = e.what();
    result.filter_error = true;
  }
  return result;
}

namespace {

// Plain words under `n`, or nothing when `n` holds anything else. Punctuation typed on its own
// (the "," of "System), an") counts as no word and no operator.
std::optional<std::size_t> count_plain_words(const QueryNode& n) {
  if (n.kind == QueryNode::Kind::kWord) {
    const bool has_letters = std::any_of(n.text.begin(), n.text.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80;
    });
    if (!has_letters) return 0;
    if (n.field != QueryField::kAny) return std::nullopt;
    return 1;
  }
  if (n.kind != QueryNode::Kind::kGroup) return std::nullopt;
  std::size_t words = 0;
  for (std::size_t i = 0; i < n.children.size(); ++i) {
    const auto inside = count_plain_words(n.children[i]);
    if (!inside || n.occurs[i] != QueryNode::Occur::kShould) return std::nullopt;
    words += *inside;
  }
  return words;
}

}  // namespace

std::size_t plain_word_count(const QueryNode& root) {
  // Words in parentheses among others ("TSS (Time Sharing System), an operating system") are
  // still just words.
  return count_plain_words(root).value_or(0);
}

}  // namespace dateline
