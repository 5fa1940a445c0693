#include "index/schema.h"

#include <cctype>

#include "util/hash.h"
#include "util/varint.h"

namespace dateline::schema {

std::string id_term(std::string_view id) {
  std::string term(kIdPrefix);
  if (term.size() + id.size() <= kMaxTermBytes) return term.append(id);
  // Keep a readable head and make the rest unique with a hash.
  std::string head(id.substr(0, 150));
  while (!head.empty() && (static_cast<unsigned char>(head.back()) & 0x80)) head.pop_back();
  return term.append(head).append("#").append(hex128(id));
}

std::optional<Xapian::docid> docid_of(const Xapian::Database& db, std::string_view id) {
  const std::string term = id_term(id);
  auto post = db.postlist_begin(term);
  if (post == db.postlist_end(term)) return std::nullopt;
  return *post;
}

std::optional<Xapian::Document> document_by_id(const Xapian::Database& db, std::string_view id) {
  const auto docid = docid_of(db, id);
  if (!docid) return std::nullopt;
  return db.get_document(*docid);
}

std::string story_card_value(std::string_view story, std::string_view date, std::string_view id,
                             std::string_view source) {
  std::string card;
  card.reserve(story.size() + date.size() + id.size() + source.size() + 3);
  for (std::string_view field : {story, date, id}) {
    varint::put(card, field.size());
    card.append(field);
  }
  return card.append(source);
}

std::optional<StoryCard> parse_story_card(std::string_view value) {
  StoryCard card;
  for (std::string_view* field : {&card.story, &card.date, &card.id}) {
    std::size_t size = 0;
    if (!varint::get(value, size) || size > value.size()) return std::nullopt;
    *field = value.substr(0, size);
    value.remove_prefix(size);
  }
  card.source = value;
  if (card.story.empty()) return std::nullopt;
  return card;
}

std::string date_value(std::int64_t instant) {
  return Xapian::sortable_serialise(static_cast<double>(instant));
}

bool is_word_stem_term(std::string_view term) {
  // Field prefixes are upper case, so a stem of a field's word starts "Z" + upper case.
  return term.size() > kStemPrefix.size() + 2 && term.starts_with(kStemPrefix) &&
         !std::isupper(static_cast<unsigned char>(term[kStemPrefix.size()]));
}

}  // namespace dateline::schema
