#!/usr/bin/env bash
# Installs what is missing, builds Dateline, indexes corpus/ and runs a few searches.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh release
bin=build/release
db=build/demo-db

echo
echo "== indexer --db $db corpus/"
rm -rf "$db"  # a demo database of an older schema would be refused: start afresh
"$bin/indexer/indexer" --db "$db" corpus/

run() {
  echo
  echo "== searcher --db $db $*"
  "$bin/searcher/searcher" --db "$db" "$@" || true
}
run --format ids --limit 5 cocoa prices
run --format ids --limit 5 Alibaba chips
run --format ids --limit 5 Gewerkschaft
run --format json --limit 2 oil exports
echo
echo "== indexing again: every article is unchanged"
"$bin/indexer/indexer" --db "$db" corpus/
