#!/usr/bin/env bash
# The main job (make demo): start the suite with its data under var/, import the NTB 2023
# example from its records, take the report through its approval (submitted, reviewed,
# ditetapkan: the year is locked), write the report to out/ntb-2023/ (lkip.pdf, .html, .docx,
# .md, .xlsx, .json, manifest.json and its signature manifest.sig), verify.json (the verifier over
# the data and the seed's stated figures), capaian.json, capaian.html and anggaran.json, check
# the signature (lkipctl verify-signature), and stop the services it started. A second run over
# the existing data reopens the year first, imports nothing new and writes the same documents.
#
#   scripts/demo.sh              from records (examples/ntb-2023/raw/: respondents, clients,
#                                questionnaires, registers, kawasan, case files, BA, DIPA and
#                                realisasi, NKA/IKPA as published, the TPI's letter) with the
#                                shipped rules with the overlay raw/rules (IKK-01..14 but
#                                IKK-04 computed from the records, not taken as recorded); the
#                                units, the Perjanjian Kinerja and the published satker values
#                                from raw/published.json, shown beside the computed ones
#   scripts/demo.sh --published  from the published satker values only (bundle.json, the
#                                shipped rules); data in var-published/, output in
#                                out/ntb-2023-published/ (make demo-published)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${LKIP_BUILD_DIR:-$ROOT/build}
RECORDS=1
[ "${1:-}" = "--published" ] && RECORDS=0
if [ $RECORDS = 1 ]; then
  VAR=${LKIP_VAR_DIR:-$ROOT/var}
  OUT=${LKIP_OUT_DIR:-$ROOT/out/ntb-2023}
  export LKIP_RULES_DIR=$ROOT/deploy/rules:$ROOT/examples/ntb-2023/raw/rules
else
  VAR=${LKIP_VAR_DIR:-$ROOT/var-published}
  OUT=${LKIP_OUT_DIR:-$ROOT/out/ntb-2023-published}
fi
export LKIP_BUILD_DIR=$BUILD

echo "== starting the suite (data in $VAR)"
trap 'bash "$ROOT/scripts/suite.sh" stop "$VAR"' EXIT
AGG=$(bash "$ROOT/scripts/suite.sh" start "$VAR")
echo "   aggregator at $AGG"
export LKIP_AGGREGATOR=$AGG
# The suite's development PKI (scripts/dev-pki.sh), and a token per person signed with its key:
# each step runs as the role that does it in an office (docs/security.md, "Roles"). In production
# the admin issues each user's token and keeps the key.
export LKIP_PKI_DIR=${LKIP_PKI_DIR:-$VAR/pki}
CTL="$BUILD/tools/lkipctl"
as() {   # as SUBJECT ROLE [token options...] -- lkipctl ARGS...
  local subject=$1 role=$2; shift 2
  local opts=()
  while [ "$1" != "--" ]; do opts+=("$1"); shift; done
  shift
  LKIP_TOKEN=$($CTL token issue --signing-key "$LKIP_PKI_DIR/token.key" --subject "$subject" --role "$role" \
    --province BNNP_NTB --valid 1h "${opts[@]}" 2>/dev/null) "$CTL" "$@"
}
admin() { as "admin BNNP NTB" admin -- "$@"; }
bidang() { local b=$1; shift; as "staf bidang $b" bidang --bidang "$b" -- "$@"; }
perencana() { as "perencana BNNP NTB" perencana -- "$@"; }
apip() { as "APIP Inspektorat Utama" apip -- "$@"; }
kepala() { as "Kepala BNNP NTB" kepala -- "$@"; }

if [ $RECORDS = 1 ]; then
  # sed reads the whole status (head would close the pipe under a long list of changes: SIGPIPE)
  state=$(kepala approval status --year 2023 --province BNNP_NTB | sed -n 1p)
  if [ "${state##*: }" != draft ]; then
    echo "== the year 2023 is ${state##*: } from an earlier run: reopened by the Kepala"
    kepala approval reopen --year 2023 --province BNNP_NTB --note "make demo dijalankan ulang"
  fi
fi

if [ $RECORDS = 1 ]; then
  RAWDIR=$ROOT/examples/ntb-2023/raw
  echo "== importing examples/ntb-2023/raw/published.json (units, Perjanjian Kinerja, published values), as admin"
  admin import "$RAWDIR/published.json"
  echo "== importing records from examples/ntb-2023/raw, each as its bidang's staff"
  # The CSV rows are synthetic: their source says so, and the report prints it under each table.
  SYNTH="Data mentah sintetis untuk contoh BNNP NTB 2023 (tools/examples/ntb_2023_raw.py)"
  bidang pencegahan import-respondents "$RAWDIR/respondents.csv" --year 2023 --source-document "$SYNTH: respondents.csv"
  bidang pencegahan import-ikp "$RAWDIR/ikp.csv" --year 2023 --source-document "$SYNTH: ikp.csv"
  bidang pencegahan import "$RAWDIR/kawasan.json"
  bidang pemberantasan import "$RAWDIR/pemberantasan.json"
  bidang keuangan import "$RAWDIR/keuangan.json"
  bidang zonaintegritas import "$RAWDIR/zonaintegritas.json"
  bidang rehabilitasi import-whoqol "$RAWDIR/whoqol.csv" --year 2023 --source-document "$SYNTH: whoqol.csv"
  bidang rehabilitasi import-register "$RAWDIR/register.csv" --year 2023 --source-document "$SYNTH: register.csv"
  bidang rehabilitasi import-skm "$RAWDIR/skm.csv" --year 2023 --source-document "$SYNTH: skm.csv"
else
  echo "== importing examples/ntb-2023/bundle.json (units, Perjanjian Kinerja, published values), as admin"
  admin import "$ROOT/examples/ntb-2023/bundle.json"
  # The seed publishes its budget's totals only; a report needs each satker's DIPA and realisasi.
  echo "== importing examples/ntb-2023/raw/keuangan.json (DIPA and realisasi, synthetic lines summing to the seed's totals), as keuangan"
  bidang keuangan import "$ROOT/examples/ntb-2023/raw/keuangan.json"
fi

echo "== the report's written texts and comparison values (examples/ntb-2023/narratives.json, comparisons.json), as perencana"
perencana set-narratives "$ROOT/examples/ntb-2023/narratives.json"
perencana set-comparisons "$ROOT/examples/ntb-2023/comparisons.json"

# The report is the perencana's from here on.
export LKIP_TOKEN=$($CTL token issue --signing-key "$LKIP_PKI_DIR/token.key" --subject "perencana BNNP NTB" \
  --role perencana --province BNNP_NTB --valid 1h 2>/dev/null)
CTL="$BUILD/tools/lkipctl"

echo "== indicators of the Perjanjian Kinerja"
$CTL indicators --year 2023 --province BNNP_NTB

echo "== capaian"
$CTL capaian --year 2023 --province BNNP_NTB --out "$OUT"
if [ $RECORDS = 1 ]; then
  echo "== realisasi anggaran (from the DIPA and realisasi records)"
  $CTL anggaran --year 2023 --province BNNP_NTB --out "$OUT"
  echo "== verification: the data, and the figures the seed report states (examples/ntb-2023/stated.json)"
  $CTL verify --year 2023 --province BNNP_NTB --stated "$ROOT/examples/ntb-2023/stated.json" --out "$OUT"
  echo "== approval: submitted by the perencana, reviewed by APIP, approved (ditetapkan) by the Kepala"
  perencana approval submit --year 2023 --province BNNP_NTB --note "LKIP 2023 siap direviu"
  apip approval review --year 2023 --province BNNP_NTB \
    --note "Reviu atas LKIP 2023 selesai; selisih angka yang dicatat verifikator sudah dijelaskan"
  kepala approval approve --year 2023 --province BNNP_NTB
  echo "== the final document is refused while anything remains (exit 5, each item listed)"
  final=0
  $CTL report --year 2023 --province BNNP_NTB --out "$OUT" --final || final=$?
  [ "$final" = 5 ] || { echo "demo: report --final exited $final, expected 5 (refused)" >&2; exit 1; }
  echo "== the LKIP document: ditetapkan and signed (manifest.sig), still a DRAF while the example's"
  echo "   unwritten texts and unverified rules remain (listed on its first page)"
  $CTL report --year 2023 --province BNNP_NTB --out "$OUT"
  $CTL verify-signature "$OUT"
  echo "== done: $OUT/lkip.pdf, lkip.html, lkip.docx, lkip.md, lkip.xlsx, lkip.json, manifest.json, manifest.sig, verify.json"
else
  echo "== done: $OUT/capaian.json, $OUT/capaian.html"
fi
