#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test: first the dev build (warnings are
# errors), then the same tests under AddressSanitizer + UndefinedBehaviorSanitizer, then each
# fuzz target for a bounded time (FUZZ_SECONDS, default 30).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
jobs=$(nproc)

echo "== dev build"
scripts/build.sh dev
ctest --preset dev -j "$jobs"

echo "== asan+ubsan build"
scripts/build.sh asan
# Tests labelled 'slow' index whole shared corpora; under the sanitizers they would take most
# of CI's time and cover no code the other tests do not.
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --preset asan -j "$jobs" -LE slow

echo "== fuzzing (libFuzzer, ASan + UBSan), ${FUZZ_SECONDS:-30} s per target"
scripts/fuzz.sh
