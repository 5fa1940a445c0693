#!/usr/bin/env bash
# Rebuilds corpus/news/ from the shared corpora: every k-th article of each, so that the
# sample spans the whole collection (topics, dates) rather than its first pages.
# Usage: scripts/sample-corpus.sh SHARED_CORPUS_DIR
set -euo pipefail
src=${1:?usage: scripts/sample-corpus.sh SHARED_CORPUS_DIR}
out=$(cd "$(dirname "$0")/.." && pwd)/corpus/news
mkdir -p "$out"
sample() {  # name step count
  awk -v step="$2" -v n="$3" 'NR % step == 1 { print; if (++k == n) exit }' \
    "$src/$1/articles.jsonl" >"$out/$1.jsonl"
}
# Only corpora whose terms allow redistributing a sample (see corpus/README.md); BBC News,
# THUCNews and Zvezda Altaya do not, and are read from the shared folder by the tests instead.
sample reuters21578 66 300
sample 10kgnad 20 50
sample livedoor 12 30
sample saudinewsnet 10 30
