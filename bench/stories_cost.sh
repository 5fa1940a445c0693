#!/usr/bin/env bash
# Indexing cost of stories: the same corpus indexed with stories on and off (indexer
# --no-stories), wall time and peak memory of each, and their ratio. Copies the corpus N times
# first (../shared/bench/peers/scale.py, as bench/run does).
# Usage: bench/stories_cost.sh CORPUS.jsonl [N=4] [BUILD=build/release] [SHARDS=1]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
corpus=$(realpath "${1:?usage: bench/stories_cost.sh CORPUS.jsonl [N] [BUILD] [SHARDS]}")
scale=${2:-4}
bin=$here/${3:-build/release}
shards=${4:-1}
work=${BENCH_WORK:-${TMPDIR:-/tmp}/dateline-bench}
mkdir -p "$work"
input=$corpus
if ((scale > 1)); then
  input=$work/x$scale.jsonl
  [[ -s $input ]] || python3 "$here/../shared/bench/peers/scale.py" "$corpus" "$scale" -o "$input" >&2
fi
for mode in on off; do
  db=$work/stories-$mode
  rm -rf "$db"
  flags=()
  [[ $mode == off ]] && flags=(--no-stories)
  /usr/bin/time -f "%e %M %U" -o "$work/time-$mode" "$bin/indexer/indexer" --db "$db" \
    --shards "$shards" --threads "$shards" --progress never "${flags[@]}" "$input" >/dev/null 2>&1
  read -r wall rss user <"$work/time-$mode"
  echo "stories $mode: $(wc -l <"$input") articles, ${wall} s, ${user} s CPU (user), peak ${rss} KB, $(du -sm "$db" | cut -f1) MB"
  eval "wall_$mode=$wall user_$mode=$user"
done
python3 -c "print('wall time ratio on/off: %.3f, CPU (user) ratio: %.3f' % ($wall_on / $wall_off, $user_on / $user_off))"
