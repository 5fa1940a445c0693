// What a query asks snippets and titles to highlight: the query builder fills it in as it
// analyses the query, the snippet maker reads it. Plain data, so neither depends on the other.
#pragma once

#include <set>
#include <string>
#include <vector>

namespace dateline {

// What a hit's text is highlighted for: a word is highlighted when its folded form is one of
// `exact`, when its stem (in the article's language) is one of `stems`, or when it starts with
// one of `prefixes`; a run of words when it is one of `phrases` (a quoted phrase, or a word
// that analyses into several: "e-mail", "代表の"), and only there, never its words alone.
// Words searched only in the title highlight only there.
struct HighlightTerms {
  struct Set {
    std::set<std::string> exact;
    std::set<std::string> stems;
    std::vector<std::string> prefixes;
    std::vector<std::vector<std::string>> phrases;  // folded words, in order
    std::vector<std::string> cjk;  // folded CJK strings, matched inside runs of CJK words
    bool empty() const {
      return exact.empty() && stems.empty() && prefixes.empty() && phrases.empty() && cjk.empty();
    }
  };
  Set body;   // applies to title and body
  Set title;  // applies to the title only
};

}  // namespace dateline
