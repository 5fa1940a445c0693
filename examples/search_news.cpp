// Embedding Dateline: index a few articles into a new database, then search them.
// Usage: search_news DATABASE_DIR [QUERY]
#include <dateline/index.h>
#include <dateline/search.h>

#include <exception>
#include <iostream>
#include <string>

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: search_news DATABASE_DIR [QUERY]\n";
    return 2;
  }
  const std::string db = argv[1];
  const std::string query = argc > 2 ? argv[2] : "harbour ferry";
  try {
    {
      dateline::Index index(db);  // created when absent; one writer at a time
      index.add({.id = "ex-1",
                 .title = "Harbour ferry service resumes after storm",
                 .body = "The harbour ferry returned to its timetable on Monday after the storm "
                         "damaged two piers.",
                 .date = "2026-03-02",
                 .source = "Example Gazette",
                 .lang = "en"});
      index.add({.id = "ex-2",
                 .title = "Council approves new ferries",
                 .body = "Two electric ferries will serve the harbour from next year.",
                 .date = "2026-05-14",
                 .source = "Example Gazette",
                 .lang = "en"});
      index.add({.id = "ex-3",
                 .title = "Bakery wins regional prize",
                 .body = "A family bakery on the quay won the regional bread prize.",
                 .date = "2026-06-01",
                 .source = "Example Gazette",
                 .lang = "en"});
      index.commit();  // durable and visible to searchers from here on
    }

    dateline::Searcher searcher(db);
    dateline::SearchRequest request;
    request.query = query;
    request.limit = 5;
    const dateline::SearchResults results = searcher.search(request);
    std::cout << results.estimate << " result(s) for \"" << results.query << "\"\n";
    for (const dateline::SearchHit& hit : results.hits) {
      std::cout << hit.rank << ". " << hit.article.id << "  " << hit.article.title << "  ("
                << hit.article.date << ")\n   ";
      // Highlights are byte ranges into the snippet text; mark them with [brackets].
      std::size_t at = 0;
      for (const auto& [start, end] : hit.snippet.highlights) {
        std::cout << hit.snippet.text.substr(at, start - at) << '['
                  << hit.snippet.text.substr(start, end - start) << ']';
        at = end;
      }
      std::cout << hit.snippet.text.substr(at) << '\n';
    }
    return results.hits.empty() ? 1 : 0;
  } catch (const std::exception& e) {  // dateline::DatabaseError: one clear line
    std::cerr << "search_news: " << e.what() << '\n';
    return 2;
  }
}
