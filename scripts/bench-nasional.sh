#!/usr/bin/env bash
# The national roll-up benchmark (issue 15; docs/benchmarks.md, "National roll-up"): starts one
# complete provincial suite per province (examples/provinces/provinces.tsv, all 38 by default:
# five bidang services and an aggregator each, 228 processes), imports into each its province's
# bundle (tools/examples/province_bundle.py: the NTB example renamed, its Dektari and Dektara
# moved), starts the national service over them, and runs tools/bench/nasional_bench: the roll-up
# of 1..38 provinces against one GetReport, then with three aggregators stopped (SIGSTOP). Prints
# the memory of all the suites. Stops everything it started.
#
#   scripts/bench-nasional.sh [BUILD_DIR]     # LKIP_BENCH_PROVINCES=N for fewer provinces
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=$(cd "${1:-$ROOT/build}" && pwd)
WORK=${LKIP_BENCH_DIR:-/tmp/lkip-bench-nasional}
N=${LKIP_BENCH_PROVINCES:-38}
DEADLINE_MS=2000
CTL="$BUILD/tools/lkipctl"

if pgrep -f "$WORK/" >/dev/null; then
  echo "bench-nasional: processes of an earlier run under $WORK are still running; stop them first" >&2
  exit 1
fi
rm -rf "$WORK"
mkdir -p "$WORK"
PKI=$WORK/pki
bash "$ROOT/scripts/dev-pki.sh" "$PKI"
python3 "$ROOT/tools/examples/province_bundle.py" --all "$WORK/bundles"
mapfile -t CODES < <(awk -F'\t' '!/^#/ && NF { print $1 }' "$ROOT/examples/provinces/provinces.tsv" | head -n "$N")
mapfile -t NAMES < <(awk -F'\t' '!/^#/ && NF { print $2 }' "$ROOT/examples/provinces/provinces.tsv" | head -n "$N")

NASIONAL_PID=
cleanup() {
  set +e   # stop everything, whatever fails on the way
  [ -z "$NASIONAL_PID" ] || { kill -CONT "$NASIONAL_PID" 2>/dev/null; kill -TERM "$NASIONAL_PID" 2>/dev/null || true; }
  for ((i = 0; i < ${#CODES[@]}; i++)); do
    [ -d "$WORK/p$i" ] || continue
    [ -f "$WORK/p$i/run/aggregator.pid" ] && kill -CONT "$(cat "$WORK/p$i/run/aggregator.pid")" 2>/dev/null
    LKIP_BUILD_DIR=$BUILD bash "$ROOT/scripts/suite.sh" stop "$WORK/p$i" &
  done
  wait
}
trap cleanup EXIT

token() {   # role [province]
  "$CTL" token issue --signing-key "$PKI/token.key" --subject "bench.$1" --role "$1" ${2:+--province "$2"} --valid 4h
}

entries=()
start=$(date +%s)
for ((i = 0; i < ${#CODES[@]}; i++)); do
  code=${CODES[$i]}
  addr=$(LKIP_BUILD_DIR=$BUILD LKIP_PKI_DIR=$PKI bash "$ROOT/scripts/suite.sh" start "$WORK/p$i")
  "$CTL" --pki "$PKI" --token "$(token admin "$code")" --aggregator "$addr" import "$WORK/bundles/$code.json" >/dev/null
  entries+=("{\"province_code\": \"$code\", \"name\": \"${NAMES[$i]}\", \"address\": \"$addr\"}")
  echo "bench-nasional: $code at $addr ($((i + 1))/${#CODES[@]})" >&2
done
echo "bench-nasional: ${#CODES[@]} suites started and loaded in $(( $(date +%s) - start )) s" >&2
(IFS=,; echo "{\"provinces\": [${entries[*]}]}") >"$WORK/provinces.json"
token hq >"$WORK/hq.token"

"$BUILD/services/nasional/nasional" --listen=127.0.0.1:0 --port_file="$WORK/nasional.port" \
  --db_path="$WORK/nasional-db" --rules_dir="$ROOT/deploy/rules" --tls_ca="$PKI/ca.crt" \
  --tls_cert="$PKI/nasional.crt" --tls_key="$PKI/nasional.key" --token_public_key="$PKI/token.pub" \
  --provinces="$WORK/provinces.json" --hq_token_file="$WORK/hq.token" --pull_deadline_ms=$DEADLINE_MS \
  >"$WORK/nasional.log" 2>&1 &
NASIONAL_PID=$!
for _ in $(seq 1 300); do [ -s "$WORK/nasional.port" ] && break; sleep 0.1; done
NASIONAL=127.0.0.1:$(cat "$WORK/nasional.port")
LKIP_TOKEN=$(cat "$WORK/hq.token") "$CTL" --pki "$PKI" wait-ready --within 30 "$NASIONAL" >&2

rss_total=0
for f in "$WORK"/p*/run/*.pid; do
  rss_total=$((rss_total + $(awk '/^VmRSS:/ { print $2 }' "/proc/$(cat "$f")/status")))
done
echo "bench-nasional: $(ls "$WORK"/p*/run/*.pid | wc -l) provincial processes hold $((rss_total / 1024)) MB RSS" >&2

cpu_ticks() {   # utime + stime of the processes whose pid files are given
  local t=0 f
  for f in "$@"; do t=$((t + $(awk '{ print $14 + $15 }' "/proc/$(cat "$f")/stat"))); done
  echo $t
}
echo $NASIONAL_PID >"$WORK/nasional.pid"
BENCH=("$BUILD/tools/bench/nasional_bench" --nasional="$NASIONAL" --pki="$PKI" --token_file="$WORK/hq.token"
       --directory="$WORK/provinces.json" --deadline_ms=$DEADLINE_MS)
provincial_before=$(cpu_ticks "$WORK"/p*/run/*.pid)
national_before=$(cpu_ticks "$WORK/nasional.pid")
"${BENCH[@]}" --benchmark_filter=RollUpRatio --benchmark_repetitions=3 --benchmark_report_aggregates_only=true
provincial=$(( $(cpu_ticks "$WORK"/p*/run/*.pid) - provincial_before ))
national=$(( $(cpu_ticks "$WORK/nasional.pid") - national_before ))
echo "bench-nasional: CPU during the ratio runs: provincial processes $((provincial * 10)) ms," \
  "the national service $((national * 10)) ms (clock ticks of $(getconf CLK_TCK) Hz)" >&2

# Three provinces down: their aggregators stopped, so their pulls wait for the deadline.
stopped=()
for i in 1 2 3; do
  [ $i -lt ${#CODES[@]} ] || break
  pid=$(cat "$WORK/p$i/run/aggregator.pid")
  kill -STOP "$pid"
  stopped+=("$pid")
done
"${BENCH[@]}" --benchmark_filter=WithProvincesDown
for pid in "${stopped[@]}"; do kill -CONT "$pid"; done
