#!/usr/bin/env bash
# The main job (make demo): start the suite with its data under var/, import the NTB 2023
# example, write out/ntb-2023/capaian.json and capaian.html, and stop the services it started.
# A second run over the existing data imports nothing new and writes the same files.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${LKIP_BUILD_DIR:-$ROOT/build}
VAR=${LKIP_VAR_DIR:-$ROOT/var}
OUT=${LKIP_OUT_DIR:-$ROOT/out/ntb-2023}
export LKIP_BUILD_DIR=$BUILD

echo "== starting the suite (data in $VAR)"
trap 'bash "$ROOT/scripts/suite.sh" stop "$VAR"' EXIT
AGG=$(bash "$ROOT/scripts/suite.sh" start "$VAR")
echo "   aggregator at $AGG"
export LKIP_AGGREGATOR=$AGG
CTL="$BUILD/tools/lkipctl --actor demo"

echo "== importing examples/ntb-2023/bundle.json"
$CTL import "$ROOT/examples/ntb-2023/bundle.json"

echo "== indicators of the Perjanjian Kinerja"
$CTL indicators --year 2023 --province BNNP_NTB

echo "== capaian"
$CTL capaian --year 2023 --province BNNP_NTB --out "$OUT"
echo "== done: $OUT/capaian.json, $OUT/capaian.html"
