#!/bin/sh
# The time limit against the queries that used to outrun it (issue 17, item 6): 500 two-letter
# prefixes and 10,000 ORed words, on the command line with --time-limit-ms 2000.
# Usage: bench/time_limit.sh DB [SEARCHER]   (SEARCHER defaults to build/dev/searcher/searcher)
set -eu
db=$1
searcher=${2:-build/dev/searcher/searcher}
prefixes=$(python3 -c "
import itertools, string
print(' '.join(a + b + '*' for a, b in itertools.product(string.ascii_lowercase, repeat=2)))" |
  cut -d' ' -f1-500)
words=$(python3 -c "
import itertools, string
w = [''.join(p) for p in itertools.product(string.ascii_lowercase, repeat=4)][:10000]
print(' OR '.join(w))")
for name in prefixes words; do
  eval query=\$$name
  start=$(date +%s.%N)
  "$searcher" --db "$db" --format json --time-limit-ms 2000 "$query" >/tmp/time_limit_$$.json 2>/dev/null || true
  end=$(date +%s.%N)
  python3 -c "
import json, sys
d = json.load(open('/tmp/time_limit_$$.json'))
print('%-8s wall %.2f s, took_ms %.0f, partial %s, hits %d' % ('$name', $end - $start, d['took_ms'], d.get('partial', False), len(d['hits'])))"
done
rm -f /tmp/time_limit_$$.json
