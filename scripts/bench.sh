#!/usr/bin/env bash
# Runs the benchmarks and prints each result as a ratio against the baseline measured in the
# same run (docs/benchmarks.md records the numbers). Needs a built tree (make build).
#   scripts/bench.sh [BUILD_DIR]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${1:-${LKIP_BUILD_DIR:-$ROOT/build}}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

bench() {   # title, binary, output name
  echo "== $1"
  "$BUILD/tools/bench/$2" --benchmark_repetitions=3 --benchmark_format=json \
    --benchmark_out="$OUT/$3.json" --benchmark_out_format=json >/dev/null 2>"$OUT/$3.log"
}
bench "store: 1,000,000 satker rows, store vs raw RocksDB WriteBatch (3 repetitions)" store_write_bench store
bench "aggregator: GetCapaian over five services vs a no-op gRPC call; the report (view, HTML, JSON) vs its data fetch; PDF and DOCX" capaian_bench capaian
echo "== rehabilitasi: streaming 1,000,000 SKM questionnaires into the real binary"
"$BUILD/tools/bench/skm_import_bench" --service="$BUILD/services/rehabilitasi" --pencegahan="$BUILD/services/pencegahan" --rules="$ROOT/deploy/rules" \
  --benchmark_format=json --benchmark_out="$OUT/skm.json" --benchmark_out_format=json >/dev/null 2>"$OUT/skm.log"

echo "== pemberantasan: case-file stage transitions as unary RPCs (sync_writes false and true)"
"$BUILD/tools/bench/case_stage_bench" --service="$BUILD/services/pemberantasan" --rules="$ROOT/deploy/rules" \
  --benchmark_format=json --benchmark_out="$OUT/case.json" --benchmark_out_format=json >/dev/null 2>"$OUT/case.log"

echo "== keuangan: budget tables of 38 provinces x 5 satker x 12 months, and with the satker doubled"
"$BUILD/tools/bench/budget_tables_bench" --service="$BUILD/services/keuangan" --rules="$ROOT/deploy/rules" \
  --benchmark_format=json --benchmark_out="$OUT/budget.json" --benchmark_out_format=json >/dev/null 2>"$OUT/budget.log"

python3 - "$OUT/store.json" "$OUT/capaian.json" "$OUT/skm.json" "$OUT/case.json" "$OUT/budget.json" <<'PY'
import json, statistics, sys

def medians(path, field):
    runs = {}
    for b in json.load(open(path))["benchmarks"]:
        if b.get("run_type") == "aggregate":
            continue
        if field in b:
            runs.setdefault(b["run_name"].split("/")[0], []).append(b[field])
    return {k: statistics.median(v) for k, v in runs.items()}

ctx = json.load(open(sys.argv[1]))["context"]
print(f"machine: {ctx['num_cpus']} cpus @ {ctx['mhz_per_cpu']} MHz, {ctx['date']}")
store = medians(sys.argv[1], "rows_per_s")
raw, ours = store["BM_RawWriteBatch"], store["BM_StoreCommit"]
print(f"raw WriteBatch  : {raw:12,.0f} rows/s (median of 3)")
print(f"Store::Commit   : {ours:12,.0f} rows/s (median of 3)")
print(f"ratio store/raw : {ours / raw:.2f}  (goal >= 0.8)")
noread = store["BM_StoreCommitNoRead"]
print(f"diagnostic, Store::Commit without reading previous values: {noread:,.0f} rows/s, ratio {noread / raw:.2f}")
cap = medians(sys.argv[2], "real_time")
noop, capaian = cap["BM_NoopGrpcCall"], cap["BM_GetCapaian"]
print(f"no-op gRPC call : {noop:10.1f} us (median of 3)")
print(f"GetCapaian      : {capaian:10.1f} us (median of 3)")
print(f"ratio capaian/no-op : {capaian / noop:.1f}")
report = {}
for b in json.load(open(sys.argv[2]))["benchmarks"]:
    if b.get("run_type") != "aggregate" and b["run_name"].split("/")[0] in (
            "BM_FetchReportData", "BM_BuildReport", "BM_Pdf", "BM_Docx"):
        parts = b["run_name"].split("/")
        key = (parts[0], parts[1] if len(parts) > 1 and parts[1].isdigit() else "")
        report.setdefault(key, []).append(b["real_time"])
report = {k: statistics.median(v) for k, v in report.items()}
for n in ("1", "38"):
    fetch, build = report[("BM_FetchReportData", n)], report[("BM_BuildReport", n)]
    print(f"report, {n} province(s): fetch {fetch:.2f} ms, fetch + view + HTML + JSON {build:.2f} ms, "
          f"ratio {build / fetch:.2f} (goal <= 2)")
ratios = {}
for b in json.load(open(sys.argv[2]))["benchmarks"]:
    if b.get("run_type") != "aggregate" and b["run_name"].startswith("BM_ReportRatio/"):
        ratios.setdefault(b["run_name"].split("/")[1], []).append(b)
for n, runs in sorted(ratios.items(), key=lambda kv: int(kv[0])):
    mid = sorted(runs, key=lambda b: b["ratio"])[len(runs) // 2]
    print(f"report, {n} province(s), fetch and build back to back: fetch {mid['fetch_ms']:.2f} ms, "
          f"build {mid['build_ms']:.2f} ms, ratio {mid['ratio']:.2f} (goal <= 2; median of {len(runs)})")
print(f"report PDF (WeasyPrint) {report[('BM_Pdf', '')]:.0f} ms, DOCX (pandoc) {report[('BM_Docx', '')]:.0f} ms per document")
skm_rate = medians(sys.argv[3], "rows_per_s")
skm_time = medians(sys.argv[3], "real_time")
rss = medians(sys.argv[3], "peak_rss_mib")["BM_StreamImport"]
print(f"raw WriteBatch of the rows : {skm_rate['BM_RawWriteBatch']:12,.0f} rows/s")
print(f"streamed SKM import        : {skm_rate['BM_StreamImport']:12,.0f} rows/s, "
      f"ratio {skm_rate['BM_StreamImport'] / skm_rate['BM_RawWriteBatch']:.2f} (goal >= 0.5)")
print(f"service peak RSS (VmHWM)   : {rss:.0f} MiB (goal <= 300)")
print(f"read IKK-06..11 after it   : {skm_time['BM_ReadIkk06To11']:.1f} us vs no-op {skm_time['BM_NoopGrpcCall']:.1f} us, "
      f"ratio {skm_time['BM_ReadIkk06To11'] / skm_time['BM_NoopGrpcCall']:.2f} (goal <= 3)")
print(f"read IKK-01..05 (pencegahan): {skm_time['BM_ReadIkk01To05']:.1f} us vs no-op {skm_time['BM_PencegahanNoopGrpcCall']:.1f} us, "
      f"ratio {skm_time['BM_ReadIkk01To05'] / skm_time['BM_PencegahanNoopGrpcCall']:.2f} (goal <= 3)")
case = {}
for b in json.load(open(sys.argv[4]))["benchmarks"]:
    case[b["name"].split("/min_time")[0]] = b["calls_per_s"]
for arg, label in (("0", "sync_writes=false"), ("1", "sync_writes=true")):
    noop, stage = case[f"BM_NoopGrpcCall/{arg}"], case[f"BM_CaseStage/{arg}"]
    print(f"case stages, {label}: {stage:,.0f} calls/s vs no-op {noop:,.0f} calls/s, ratio {stage / noop:.2f} (goal >= 0.6)")
budget = {}
for b in json.load(open(sys.argv[5]))["benchmarks"]:
    name, arg = b["name"].split("/")[:2]
    budget[(name, arg)] = b["real_time"] * (1000 if b["time_unit"] == "ms" else 1)   # in us
for arg, label in (("4", "38 x 5 satker"), ("9", "38 x 10 satker")):
    noop = budget[("BM_NoopGrpcCall", arg)]
    one, every = budget[("BM_BudgetTablesProvince", arg)], budget[("BM_BudgetTablesAllProvinces", arg)]
    print(f"budget tables, {label}: one province {one:.0f} us ({one / noop:.2f}x no-op {noop:.0f} us), "
          f"all 38 provinces {every / 1000:.1f} ms ({every / noop:.1f}x no-op)")
g1 = budget[("BM_BudgetTablesAllProvinces", "9")] / budget[("BM_BudgetTablesAllProvinces", "4")]
g2 = budget[("BM_BudgetTablesProvince", "9")] / budget[("BM_BudgetTablesProvince", "4")]
print(f"budget tables, data doubled: all provinces x{g1:.2f}, one province x{g2:.2f} (linear would be x2)")
PY
