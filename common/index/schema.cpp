#include "index/schema.h"

#include <cctype>

#include "util/hash.h"

namespace dateline::schema {

std::string id_term(std::string_view id) {
  std::string term(kIdPrefix);
  if (term.size() + id.size() <= kMaxTermBytes) return term.append(id);
  // Keep a readable head and make the rest unique with a hash.
  std::string head(id.substr(0, 150));
  while (!head.empty() && (static_cast<unsigned char>(head.back()) & 0x80)) head.pop_back();
  return term.append(head).append("#").append(hex128(id));
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
