#!/usr/bin/env bash
# The footprint of a running suite (scripts/suite.sh start VAR_DIR): each service's resident
# memory (VmRSS, and its peak VmHWM) and threads from /proc, and the disk its RocksDB folder uses
# (du: blocks allocated). Issue 15's goal per idle
# service: <= 60 MB RSS and <= 20 MB disk (docs/benchmarks.md, "Footprint").
#
#   scripts/footprint.sh VAR_DIR
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 VAR_DIR" >&2; exit 2; }
VAR=$1
shopt -s nullglob
pids=("$VAR"/run/*.pid)
[ ${#pids[@]} -gt 0 ] || { echo "footprint: no service running under $VAR (scripts/suite.sh start $VAR)" >&2; exit 1; }
printf '%-16s %10s %10s %8s %10s\n' service rss_mb peak_mb threads disk_mb
for f in "${pids[@]}"; do
  name=$(basename "$f" .pid)
  pid=$(cat "$f")
  [ -r "/proc/$pid/status" ] || { printf '%-16s %10s\n' "$name" "not running"; continue; }
  rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status")
  hwm=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status")
  threads=$(awk '/^Threads:/ { print $2 }' "/proc/$pid/status")
  disk=$(du -sk "$VAR/data/$name" 2>/dev/null | awk '{ print $1 }')
  awk -v n="$name" -v r="$rss" -v h="$hwm" -v t="$threads" -v d="${disk:-0}" \
    'BEGIN { printf "%-16s %10.1f %10.1f %8d %10.1f\n", n, r / 1024, h / 1024, t, d / 1024 }'
done
