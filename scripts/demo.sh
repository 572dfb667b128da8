#!/usr/bin/env bash
# The main job (make demo): start the suite with its data under var/, import the NTB 2023
# example, write out/ntb-2023/capaian.json and capaian.html, and stop the services it started.
# A second run over the existing data imports nothing new and writes the same files.
#
#   scripts/demo.sh          from the published satker values (examples/ntb-2023/bundle.json)
#   scripts/demo.sh --raw    also from raw records (examples/ntb-2023/raw/): the services run
#                            the rules of raw/rules, which compute IKK-01..14 from the records;
#                            data in var-raw/, output in out/ntb-2023-raw/ (make demo-raw)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${LKIP_BUILD_DIR:-$ROOT/build}
RAW=0
[ "${1:-}" = "--raw" ] && RAW=1
if [ $RAW = 1 ]; then
  VAR=${LKIP_VAR_DIR:-$ROOT/var-raw}
  OUT=${LKIP_OUT_DIR:-$ROOT/out/ntb-2023-raw}
  export LKIP_RULES_DIR=$ROOT/examples/ntb-2023/raw/rules
else
  VAR=${LKIP_VAR_DIR:-$ROOT/var}
  OUT=${LKIP_OUT_DIR:-$ROOT/out/ntb-2023}
fi
export LKIP_BUILD_DIR=$BUILD

echo "== starting the suite (data in $VAR)"
trap 'bash "$ROOT/scripts/suite.sh" stop "$VAR"' EXIT
AGG=$(bash "$ROOT/scripts/suite.sh" start "$VAR")
echo "   aggregator at $AGG"
export LKIP_AGGREGATOR=$AGG
CTL="$BUILD/tools/lkipctl --actor demo"

echo "== importing examples/ntb-2023/bundle.json"
$CTL import "$ROOT/examples/ntb-2023/bundle.json"

if [ $RAW = 1 ]; then
  RAWDIR=$ROOT/examples/ntb-2023/raw
  echo "== importing raw records from examples/ntb-2023/raw"
  $CTL import-respondents "$RAWDIR/respondents.csv" --year 2023
  $CTL import-ikp "$RAWDIR/ikp.csv" --year 2023
  $CTL import "$RAWDIR/kawasan.json"
  $CTL import "$RAWDIR/pemberantasan.json"
  $CTL import-whoqol "$RAWDIR/whoqol.csv" --year 2023
  $CTL import-register "$RAWDIR/register.csv" --year 2023
  $CTL import-skm "$RAWDIR/skm.csv" --year 2023
fi

echo "== indicators of the Perjanjian Kinerja"
$CTL indicators --year 2023 --province BNNP_NTB

echo "== capaian"
$CTL capaian --year 2023 --province BNNP_NTB --out "$OUT"
echo "== done: $OUT/capaian.json, $OUT/capaian.html"
