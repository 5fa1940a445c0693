#include "index/document_builder.h"

#include "index/schema.h"
#include "index/stored_article.h"
#include "index/word_map.h"
#include "util/date.h"

namespace dateline {

namespace {

std::string prefixed(std::string_view prefix, std::string_view term) {
  std::string out;
  out.reserve(prefix.size() + term.size());
  out.append(prefix).append(term);
  return out;
}

}  // namespace

void DocumentBuilder::note_spelling(const Token& token) {
  // Words of a plausible length only: spelling suggestions for numbers or codes would mislead.
  if (token.kind == TokenKind::kLetter && token.term.size() >= 3 && token.term.size() <= 40) {
    spelling_words_.insert(token.term);
  }
}

void DocumentBuilder::index_bigrams(Xapian::Document& doc, Xapian::termcount wdf) {
  for (const auto& [first, last] : Analyzer::cjk_runs(tokens_)) {
    std::string run;
    for (std::size_t i = first; i <= last; ++i) run += tokens_[i].term;
    for (const std::string& bigram : Analyzer::bigrams(run)) {
      doc.add_posting(prefixed(schema::kBigramPrefix, bigram), ++bigram_pos_, wdf);
    }
    bigram_pos_ += 2;  // no bigram phrase spans two runs
  }
}

void DocumentBuilder::index_title(Xapian::Document& doc, std::string_view text,
                                  std::string_view lang, Xapian::termpos& pos) {
  tokens_.clear();
  analyzer_.tokenize(text, tokens_);
  const std::string stem_title_prefix = prefixed(schema::kStemPrefix, schema::kTitlePrefix);
  for (const Token& token : tokens_) {
    ++pos;
    doc.add_posting(prefixed(schema::kTitlePrefix, token.term), pos);
    doc.add_posting(token.term, pos, kTitleWdf);
    note_spelling(token);
    const std::string stem = analyzer_.stem(lang, token);
    if (!stem.empty()) {
      doc.add_term(prefixed(stem_title_prefix, stem));
      doc.add_term(prefixed(schema::kStemPrefix, stem), kTitleWdf);
    }
    for (const std::string& part : analyzer_.part_stems(lang, token)) {
      doc.add_posting(prefixed(schema::kPartPrefix, part), pos, kTitleWdf);
    }
  }
  index_bigrams(doc, kTitleWdf);
}

void DocumentBuilder::index_text(Xapian::Document& doc, std::string_view text,
                                 std::string_view lang, Xapian::termpos& pos,
                                 const std::vector<Token>* tokens) {
  tokens_.clear();
  if (tokens) {
    tokens_ = *tokens;
  } else {
    analyzer_.tokenize(text, tokens_);
  }
  for (const Token& token : tokens_) {
    doc.add_posting(token.term, ++pos);
    note_spelling(token);
    const std::string stem = analyzer_.stem(lang, token);
    if (!stem.empty()) doc.add_term(prefixed(schema::kStemPrefix, stem));
    for (const std::string& part : analyzer_.part_stems(lang, token)) {
      doc.add_posting(prefixed(schema::kPartPrefix, part), pos);
    }
  }
  index_bigrams(doc, 1);
}

void DocumentBuilder::index_words(Xapian::Document& doc, std::string_view text,
                                  std::string_view prefix, Xapian::termpos& pos) {
  tokens_.clear();
  analyzer_.tokenize(text, tokens_);
  for (const Token& token : tokens_) doc.add_posting(prefixed(prefix, token.term), ++pos);
}

void DocumentBuilder::add_story(Xapian::Document& doc, const StoryFields& story) {
  if (story.story.empty()) return;
  doc.add_boolean_term(prefixed(schema::kStoryPrefix, story.story));
  doc.add_value(schema::kStorySlot, story.story);
  doc.add_value(schema::kDayStorySlot, schema::day_story_value(story.day, story.story));
  if (!story.day.empty()) doc.add_value(schema::kDaySlot, story.day);
  if (!story.signature.judgeable()) return;
  doc.add_value(schema::kSignatureSlot, story.signature.serialize());
  doc.add_boolean_term(schema::story_day_term(story.day));
}

Xapian::Document DocumentBuilder::build(const Article& article, std::string_view content_hash,
                                        const StoryFields& story,
                                        const std::vector<Token>* body_tokens) {
  Xapian::Document doc;
  spelling_words_.clear();
  bigram_pos_ = 0;
  Xapian::termpos pos = 0;
  index_title(doc, article.title, article.lang, pos);
  pos += schema::kFieldGap;
  const auto body_position = static_cast<std::uint32_t>(pos + 1);
  index_text(doc, article.body, article.lang, pos, body_tokens);
  // A body too short for a mark needs no map: its snippets analyse it whole.
  const WordMap word_map = WordMap::of(article.body, tokens_, body_position);
  for (const std::string& author : article.authors) {
    pos += schema::kFieldGap;
    index_words(doc, author, schema::kAuthorPrefix, pos);
  }
  pos += schema::kFieldGap;
  index_words(doc, article.source, schema::kSourcePrefix, pos);
  for (const std::string& tag : article.tags) {
    pos += schema::kFieldGap;
    index_words(doc, tag, schema::kTagPrefix, pos);
  }

  doc.add_boolean_term(schema::id_term(article.id));
  if (!article.lang.empty()) doc.add_boolean_term(prefixed(schema::kLangPrefix, article.lang));
  std::string date_value;
  if (auto date = parse_date(article.date)) {
    date_value = schema::date_value(date->start_instant());
    doc.add_value(schema::kDateSlot, date_value);
    doc.add_value(schema::kYearSlot, article.date.substr(0, 4));  // the year as written
  }
  doc.add_value(schema::kHashSlot, std::string(content_hash));
  doc.add_value(schema::kIdSlot, article.id);
  if (!article.source.empty()) doc.add_value(schema::kSourceSlot, article.source);
  if (!article.lang.empty()) doc.add_value(schema::kLangSlot, article.lang);
  if (!article.tags.empty()) {
    std::string tags;
    for (const std::string& tag : article.tags) {
      if (!tags.empty()) tags += schema::kListSeparator;
      tags += tag;
    }
    doc.add_value(schema::kTagsSlot, tags);
  }
  add_story(doc, story);
  if (!story.story.empty()) {
    doc.add_value(schema::kStoryCardSlot,
                  schema::story_card_value(story.story, date_value, article.id, article.source));
  }
  doc.set_data(to_stored(article, word_map.marks.empty() ? "" : word_map.serialize()));
  return doc;
}

}  // namespace dateline
