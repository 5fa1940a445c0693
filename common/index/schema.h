// How Dateline lays articles out in a Xapian database: term prefixes, value slots and metadata
// keys. Every other file names these constants; a bare "S" at a call site is a bug waiting.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dateline::schema {

// Bumped whenever a change makes existing databases unreadable or wrongly analysed. A searcher
// or indexer refuses a database written with another version.
// 2: the stored article in binary form, not JSON (stored_article.h); stories (story, signature
// and day slots, band terms); German compound parts (XD).
// 3: a judgeable article's day term (kStoryDayPrefix) instead of its 16 band terms: a later run
// loads the stored candidates of a day into memory (docs/stories.md). Later within 3, not
// bumped: the story card slot (kStoryCardSlot), which a searcher uses where a document has it.
inline constexpr int kVersion = 3;

// Term prefixes, after Xapian's conventional table (omega's termprefixes) where one exists.
inline constexpr std::string_view kTitlePrefix = "S";       // title words, with positions
inline constexpr std::string_view kAuthorPrefix = "A";      // author words, with positions
inline constexpr std::string_view kTagPrefix = "K";         // tag (topic, keyword) words
inline constexpr std::string_view kIdPrefix = "Q";          // the unique id term
inline constexpr std::string_view kLangPrefix = "L";        // language code, boolean
inline constexpr std::string_view kSourcePrefix = "XSRC";   // source (publisher) words
inline constexpr std::string_view kStemPrefix = "Z";        // stemmed form; "Z" + field prefix
inline constexpr std::string_view kBigramPrefix = "XB";     // CJK character bigrams, positions
inline constexpr std::string_view kStoryPrefix = "XSTORY";  // the story id, boolean
// The stems of a compound's parts (German), at the compound's position: analysis/decompounder.h
inline constexpr std::string_view kPartPrefix = "XD";
// The UTC day ("YYYY-MM-DD", nothing when undated) of an article whose near-duplicate signature
// is judgeable, boolean: the articles a later run loads to find a new article's earlier copies,
// a day at a time (story_day_term; docs/stories.md).
inline constexpr std::string_view kStoryDayPrefix = "XSDAY";

// Value slots.
enum Slot : Xapian::valueno {
  kDateSlot = 0,       // the instant (UTC) of the date written, as date_value(): sorts and ranges
  kHashSlot = 1,       // hash of the article as read, to skip unchanged articles quickly
  kSourceSlot = 2,     // source as written, for facets
  kLangSlot = 3,       // language code, for facets
  kYearSlot = 4,       // "YYYY", for facets
  kIdSlot = 5,         // the article id: breaks ties between equal scores, so output is stable
  kTagsSlot = 6,       // tags as written, separated by kListSeparator, for facets
  kStorySlot = 7,      // the story id (16 hex digits): the collapse key
  kSignatureSlot = 8,  // the near-duplicate signature (Signature::serialize), when judgeable
  kDaySlot = 9,        // the UTC day of the date slot's instant, "YYYY-MM-DD": recency's key
  // day_story_value(): the UTC day and the story, counted by one match spy for exact copies
  // per story, stories matched, and articles and stories per period of a timeline.
  kDayStorySlot = 10,
  // story_card_value(): what a collapsed search keeps of a matching copy of a story of its page
  // (the story, date, id and source), in the one value its counting spy reads, where reading
  // the three other slots of each copy cost 14% of a collapsed search on reuters x4. Databases
  // written before it lack it, and are read from the other slots.
  kStoryCardSlot = 11,
};

// Separates the items of a list kept in one value slot.
inline constexpr char kListSeparator = '\x1f';

// Database metadata keys.
inline constexpr std::string_view kSchemaVersionKey = "dateline.schema_version";
inline constexpr std::string_view kAnalyzerKey = "dateline.analyzer";  // JSON of the settings

// Positions: title words start at 1, the body after a gap so no phrase spans the two fields.
inline constexpr Xapian::termpos kFieldGap = 100;

// Xapian refuses terms over 245 bytes; longer ids are hashed in their id term.
inline constexpr std::size_t kMaxTermBytes = 240;

// The date slot's value for `instant` (seconds since 1970, UTC): Xapian's sortable form of a
// number, so that byte order is time order for sorting and value ranges.
std::string date_value(std::int64_t instant);

// The kDayStorySlot value of an article of UTC day `day` ("YYYY-MM-DD", "" when undated).
inline std::string day_story_value(std::string_view day, std::string_view story) {
  return std::string(day).append(1, kListSeparator).append(story);
}

// The kStoryCardSlot value of an article: its story, its kDateSlot value ("" when undated), id
// and source, each but the last after its length.
std::string story_card_value(std::string_view story, std::string_view date, std::string_view id,
                             std::string_view source);
struct StoryCard {
  std::string_view story, date, id, source;
};
// The fields of a kStoryCardSlot value (viewing `value`); none if it is not one.
std::optional<StoryCard> parse_story_card(std::string_view value);

// The kStoryDayPrefix term of UTC day `day` ("YYYY-MM-DD", "" when undated).
inline std::string story_day_term(std::string_view day) {
  return std::string(kStoryDayPrefix).append(day);
}

// The unique term of the article with id `id` (long ids are hashed to fit kMaxTermBytes).
std::string id_term(std::string_view id);

// The docid of the article with id `id` in `db` (by its id term), if `db` holds it.
std::optional<Xapian::docid> docid_of(const Xapian::Database& db, std::string_view id);
// The document of the article with id `id` in `db`, if `db` holds it.
std::optional<Xapian::Document> document_by_id(const Xapian::Database& db, std::string_view id);

// Whether `term` is the stem of a title or body word (kStemPrefix + stem, no field prefix):
// the terms that "more like this" and feedback draw on.
bool is_word_stem_term(std::string_view term);

}  // namespace dateline::schema
