#include "analysis/stemmer.h"

#include <libstemmer.h>
#include <xapian.h>

namespace dateline {
namespace {

// The languages whose stems come from Xapian under another name than their code.
std::string xapian_name(std::string_view lang) {
  if (lang == "de") return "german2";
  return std::string(lang);
}

// The languages stemmed by libstemmer because Xapian 1.4 has no stemmer for them.
constexpr std::string_view kLibstemmerLanguages[] = {"el", "hi", "sr", "yi"};

class XapianStemmer final : public Stemmer {
 public:
  explicit XapianStemmer(Xapian::Stem stem) : stem_(std::move(stem)) {}
  std::string operator()(const std::string& word) override { return stem_(word); }

 private:
  Xapian::Stem stem_;
};

class SnowballStemmer final : public Stemmer {
 public:
  explicit SnowballStemmer(sb_stemmer* stemmer) : stemmer_(stemmer) {}
  ~SnowballStemmer() override { sb_stemmer_delete(stemmer_); }
  SnowballStemmer(const SnowballStemmer&) = delete;
  SnowballStemmer& operator=(const SnowballStemmer&) = delete;
  std::string operator()(const std::string& word) override {
    const sb_symbol* stemmed = sb_stemmer_stem(
        stemmer_, reinterpret_cast<const sb_symbol*>(word.data()), static_cast<int>(word.size()));
    if (stemmed == nullptr) return word;  // out of memory inside libstemmer: the word itself
    return std::string(reinterpret_cast<const char*>(stemmed),
                       static_cast<std::size_t>(sb_stemmer_length(stemmer_)));
  }

 private:
  sb_stemmer* stemmer_;
};

bool by_libstemmer(std::string_view lang) {
  for (std::string_view l : kLibstemmerLanguages) {
    if (l == lang) return true;
  }
  return false;
}

}  // namespace

std::unique_ptr<Stemmer> Stemmer::for_language(std::string_view lang) {
  if (lang.empty()) return nullptr;
  if (by_libstemmer(lang)) {
    sb_stemmer* stemmer = sb_stemmer_new(std::string(lang).c_str(), "UTF_8");
    if (stemmer == nullptr) return nullptr;
    return std::make_unique<SnowballStemmer>(stemmer);
  }
  try {
    return std::make_unique<XapianStemmer>(Xapian::Stem(xapian_name(lang)));
  } catch (const Xapian::InvalidArgumentError&) {
    return nullptr;  // no Snowball stemmer for this language: its words are indexed unstemmed
  }
}

bool Stemmer::keeps_first_byte(std::string_view lang) {
  for (std::string_view l : {"ar", "id", "ga", "ta", "el", "yi", "sr"}) {
    if (l == lang) return false;
  }
  return true;
}

std::string Stemmer::description() {
  // Xapian's major.minor only: its stemmers do not change within a release series.
  std::string out = "snowball: xapian " + std::to_string(Xapian::major_version()) + "." +
                    std::to_string(Xapian::minor_version()) + ", de german2, libstemmer";
  for (std::string_view l : kLibstemmerLanguages) out.append(" ").append(l);
  return out;
}

}  // namespace dateline
