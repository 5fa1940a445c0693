#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan) and runs each for FUZZ_SECONDS (default
# 30), seeded with real articles and queries from corpus/ and tests/e2e/golden/. Fails on any crash,
# sanitizer report, leak, timeout (10 s per input) or memory blow-up (2 GB); the input that did
# it is kept in build/fuzz/artifacts/ to become a regression test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh scripts/fuzz-packages.txt
command -v clang++ >/dev/null || ln -sf "$(command -v clang++-14)" /usr/local/bin/clang++
scripts/build.sh fuzz
seconds=${FUZZ_SECONDS:-30}
out=build/fuzz
rm -rf "$out/seeds" "$out/artifacts"
mkdir -p "$out/artifacts"

seed() {  # target name content
  mkdir -p "$out/seeds/$1"
  printf '%s' "$3" >"$out/seeds/$1/$2"
}
n=0
for file in corpus/news/*.jsonl; do
  while IFS= read -r line; do
    n=$((n + 1))
    seed fuzz_jsonl "line-$n" "$line"
    title=$(printf '%s' "$line" | sed -n 's/.*"title": "\([^"]*\)".*/\1/p')
    date=$(printf '%s' "$line" | sed -n 's/.*"date": "\([^"]*\)".*/\1/p')
    seed fuzz_text_html "page-$n.html" "<html><head><title>$title</title><meta name=\"date\" content=\"$date\"></head><body><nav>menu</nav><article><h1>$title</h1><p>${line:0:600}</p></article></body></html>"
    [[ -n $date ]] && seed fuzz_date "date-$n" "$date"
  done < <(head -n 12 "$file")
  seed fuzz_jsonl "$(basename "$file")" "$(head -n 20 "$file")"
done
seed fuzz_text_html seed.txt "$(cat corpus/seed/*.txt)"
for form in "2024-03-02T10:15:00Z" "Sat, 02 Mar 2024 10:15:00 +0000" "1987-03" "2024-02-29"; do
  n=$((n + 1)); seed fuzz_date "form-$n" "$form"
done
while IFS=$'\t' read -r qid query; do
  seed fuzz_query "$qid" "$query"
  seed fuzz_query "$qid-text" "$query"$'\x01'"$(head -c 400 corpus/seed/*.txt)"
done <tests/e2e/golden/queries.tsv
# The enumerated hostile inputs too: the nastiest starting points there are.
n=0
while IFS= read -r line; do
  n=$((n + 1)); seed fuzz_jsonl "hostile-$n" "$line"
done <tests/e2e/hostile/articles.jsonl
n=0
while IFS=$'\t' read -r _ _ query; do
  n=$((n + 1)); seed fuzz_query "hostile-$n" "${query:0:2000}"
done <tests/e2e/hostile/queries.tsv

status=0
for target in fuzz_jsonl fuzz_text_html fuzz_date fuzz_query; do
  echo "== $target, $seconds s"
  if ! "$out/fuzz/$target" "$out/seeds/$target" -max_total_time="$seconds" -timeout=10 \
      -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$out/artifacts/$target-" \
      >"$out/$target.log" 2>&1; then
    echo "fuzz: $target FAILED; see $out/$target.log and $out/artifacts/" >&2
    tail -40 "$out/$target.log" >&2
    status=1
  fi
  grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$out/$target.log" || true
done
exit $status
