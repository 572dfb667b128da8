#!/usr/bin/env bash
# make fuzz: builds the fuzz targets of tools/fuzz with clang-14 and libFuzzer (build-fuzz/, our
# code with AddressSanitizer and UndefinedBehaviorSanitizer), then runs each for
# LKIP_FUZZ_SECONDS (default 120) from its seeds (tools/fuzz/seeds.sh) and the corpus earlier
# runs left in build-fuzz/corpus/<target>. Prints, per target, the executions and what it found;
# a crash's input is kept in build-fuzz/crashes/<target>/ and the run exits 1. Copy a fixed
# crash's input into tools/fuzz/regressions/<target>/: ctest replays it from then on.
#   LKIP_FUZZ_TARGETS="bundle_fuzz key_codec_fuzz"   only these
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${LKIP_FUZZ_BUILD_DIR:-$ROOT/build-fuzz}
SECONDS_EACH=${LKIP_FUZZ_SECONDS:-120}
TARGETS=${LKIP_FUZZ_TARGETS:-key_codec_fuzz rule_file_fuzz bundle_fuzz csv_import_fuzz stored_record_fuzz}
export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/lkip-ccache}

CC=clang-14 CXX=clang++-14 cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLKIP_FUZZ=ON >/dev/null
# shellcheck disable=SC2086
cmake --build "$BUILD" --target $TARGETS --parallel "$(nproc)"

summary=$BUILD/fuzz.summary
: > "$summary"
failed=0
for target in $TARGETS; do
  corpus=$BUILD/corpus/$target
  crashes=$BUILD/crashes/$target
  mkdir -p "$corpus" "$crashes"
  seeds=$(mktemp -d)
  bash "$ROOT/tools/fuzz/seeds.sh" --make "$target" "$seeds"
  log=$BUILD/fuzz-$target.log
  echo "fuzz: $target for ${SECONDS_EACH}s (log: $log)"
  # Leak checks off: gRPC and protobuf keep process-wide singletons that LeakSanitizer would
  # report at exit, not leaks of ours. -timeout: an input that hangs a target is a finding too.
  set +e
  ASAN_OPTIONS=detect_leaks=0 "$BUILD/tools/fuzz/$target" "$corpus" "$seeds" \
    -max_total_time="$SECONDS_EACH" -timeout=30 -rss_limit_mb=4096 -print_final_stats=1 \
    -artifact_prefix="$crashes/" > "$log" 2>&1
  rc=$?
  set -e
  rm -rf "$seeds"
  runs=$(grep -a -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  found=$(find "$crashes" -type f | wc -l)
  line="$target: ${runs:-0} executions in ${SECONDS_EACH} s, corpus $(find "$corpus" -type f | wc -l) inputs, crashes kept $found"
  if [[ $rc -ne 0 ]]; then
    line="$line; FAILED (exit $rc): $(grep -a -m1 -E 'ERROR|property failed|runtime error' "$log" || true)"
    failed=1
  fi
  echo "$line" | tee -a "$summary"
done
exit $failed
