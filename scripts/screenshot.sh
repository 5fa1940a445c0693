#!/usr/bin/env bash
# Makes docs/search-page.png: the search page of `searcher serve` over corpus/, with results,
# as headless Chromium draws it. Run after scripts/demo.sh (uses its build and database).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=build/release
db=build/demo-db
query=${1:-oil prices}
[[ -d $db ]] || "$bin/indexer/indexer" --db "$db" corpus/
log=$(mktemp)
profile=$(mktemp -d)
"$bin/searcher/searcher" --db "$db" serve --listen 127.0.0.1:0 2>"$log" &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$log" "$profile"' EXIT
for _ in $(seq 100); do grep -q "serving" "$log" && break; sleep 0.05; done
port=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$log")
url="http://127.0.0.1:$port/?q=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$query")"
chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --disable-dev-shm-usage --user-data-dir="$profile" \
  --hide-scrollbars \
  --window-size=1200,900 --virtual-time-budget=5000 --screenshot=docs/search-page.png "$url" \
  2>/dev/null
echo "docs/search-page.png: $url"
