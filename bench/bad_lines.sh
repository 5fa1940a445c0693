#!/bin/sh
# A flood of bad records (issue 17, item 9): N lines that are not JSON, gzipped, read by the
# indexer; prints the time, the lines of output and the summary. Usage:
#   bench/bad_lines.sh [LINES] [INDEXER]   (110000000 and build/dev/indexer/indexer by default)
set -eu
lines=${1:-110000000}
case $lines in
  ''|*[!0-9]*) echo "usage: bench/bad_lines.sh [LINES] [INDEXER]" >&2; exit 2 ;;
esac
indexer=${2:-build/dev/indexer/indexer}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
yes '{"id": 1, "title": "cut short' | head -n "$lines" | gzip -1 > "$dir/bad.jsonl.gz"
echo "input: $lines lines, $(du -h "$dir/bad.jsonl.gz" | cut -f1) gzipped"
start=$(date +%s.%N)
"$indexer" --db "$dir/db" --progress never "$dir/bad.jsonl.gz" 2>"$dir/err" || true
end=$(date +%s.%N)
echo "read in $(echo "$end - $start" | bc) s; $(wc -l < "$dir/err") lines on stderr:"
tail -2 "$dir/err" | cut -c1-300
