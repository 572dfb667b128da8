#!/usr/bin/env bash
# Runs the benchmarks and prints each result as a ratio against the baseline measured in the
# same run (docs/benchmarks.md records the numbers). Needs a built tree (make build).
#   scripts/bench.sh [BUILD_DIR]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${1:-${LKIP_BUILD_DIR:-$ROOT/build}}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

# Every benchmark is repeated, and its repetitions are run in random order among the other
# benchmarks of the same program (Google Benchmark's random interleaving): a drift of the
# machine's speed spreads over all of them instead of landing on one.
REPS=${LKIP_BENCH_REPETITIONS:-3}
bench() {   # title, output name, binary, arguments...
  echo "== $1"
  local name=$2 binary=$3
  shift 3
  "$BUILD/tools/bench/$binary" "$@" --benchmark_repetitions="$REPS" --benchmark_enable_random_interleaving=true \
    --benchmark_format=json --benchmark_out="$OUT/$name.json" --benchmark_out_format=json >/dev/null 2>"$OUT/$name.log" ||
    { cat "$OUT/$name.log" >&2; exit 1; }
}
bench "store: 1,000,000 satker rows, store vs raw RocksDB WriteBatch" store store_write_bench
bench "aggregator: GetCapaian vs a no-op gRPC call; GetReport and RenderReport vs the data fetch; all formats vs the PDF converter" \
  capaian capaian_bench
bench "rehabilitasi: streaming 1,000,000 SKM questionnaires into the real binary" skm skm_import_bench \
  --service="$BUILD/services/rehabilitasi" --pencegahan="$BUILD/services/pencegahan" --rules="$ROOT/deploy/rules"
bench "pemberantasan: case-file stage transitions as unary RPCs (sync_writes false and true)" case case_stage_bench \
  --service="$BUILD/services/pemberantasan" --rules="$ROOT/deploy/rules"
bench "keuangan: budget tables of 38 provinces x 5 satker x 12 months, and with the satker doubled" budget \
  budget_tables_bench --service="$BUILD/services/keuangan" --rules="$ROOT/deploy/rules"
bench "gateway: REST GET of capaian and of the report against the same gRPC calls" gateway gateway_bench
bench "metrics: a no-op call with the metrics interceptor against the same call without it" metrics metrics_bench

REPS=$REPS python3 - "$OUT/store.json" "$OUT/capaian.json" "$OUT/skm.json" "$OUT/case.json" "$OUT/budget.json" \
  "$OUT/gateway.json" "$OUT/metrics.json" <<'PY'
import json, os, statistics, sys
REPS = int(os.environ["REPS"])

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
print(f"raw WriteBatch  : {raw:12,.0f} rows/s (median of {REPS})")
print(f"Store::Commit   : {ours:12,.0f} rows/s (median of {REPS})")
print(f"ratio store/raw : {ours / raw:.2f}  (goal >= 0.8; separate runs)")
noread = store["BM_StoreCommitNoRead"]
print(f"diagnostic, Store::Commit without reading previous values: {noread:,.0f} rows/s, ratio {noread / raw:.2f}")
cap = medians(sys.argv[2], "real_time")
noop, capaian = cap["BM_NoopGrpcCall"], cap["BM_GetCapaian"]
print(f"no-op gRPC call : {noop:10.1f} us (median of {REPS})")
print(f"GetCapaian      : {capaian:10.1f} us (median of {REPS})")
print(f"ratio capaian/no-op : {capaian / noop:.1f} (goal 8..14)")

def ratio_runs(path, name):
    """The repetitions of a Ratio benchmark (baseline and measured back to back), median by ratio."""
    runs = [b for b in json.load(open(path))["benchmarks"]
            if b.get("run_type") != "aggregate" and (b["run_name"] + "/").startswith(name + "/")]
    runs.sort(key=lambda b: b["ratio"])
    return runs[len(runs) // 2], runs[0]["ratio"], runs[-1]["ratio"]

mid, lo, hi = ratio_runs(sys.argv[1], "BM_StoreCommitRatio")
print(f"store/raw interleaved, a request of 1,000 rows each back to back: ratio {1 / mid['ratio']:.2f} "
      f"(range {1 / hi:.2f}-{1 / lo:.2f}; goal >= 0.8)")
for name, label, goal in (("BM_ReportRatio/0", "GetReport (the typed report) ", 1.5),
                          ("BM_ReportRatio/1", "RenderReport HTML + JSON, the same report again", 1.5),
                          ("BM_ReportRatio/2", "RenderReport HTML + JSON, rendered anew", 1.5)):
    mid, lo, hi = ratio_runs(sys.argv[2], name)
    print(f"{label} vs the data fetch: {mid['measured_ms']:.2f} ms vs {mid['base_ms']:.2f} ms, "
          f"ratio {mid['ratio']:.2f} (range {lo:.2f}-{hi:.2f}; goal <= {goal})")
mid, lo, hi = ratio_runs(sys.argv[2], "BM_AllFormatsRatio")
print(f"RenderReport, all six formats vs WeasyPrint alone: {mid['measured_ms']:.0f} ms vs {mid['base_ms']:.0f} ms, "
      f"ratio {mid['ratio']:.2f} (range {lo:.2f}-{hi:.2f}; goal <= 1.15)")
print("diagnostics (ms): " + ", ".join(f"{k.removeprefix('BM_')} {cap[k] / 1000:.2f}" if cap[k] > 1000 else
                                    f"{k.removeprefix('BM_')} {cap[k]:.2f}"
                                    for k in ("BM_FetchReportData", "BM_GetReport", "BM_RenderHtmlJson")))
diag = {}
for b in json.load(open(sys.argv[2]))["benchmarks"]:
    name = b["run_name"].split("/")[0]
    if b.get("run_type") != "aggregate" and name in ("BM_BuildReport", "BM_RenderDocuments", "BM_ReportHtml",
                                                     "BM_ReportJsonText", "BM_Pdf"):
        diag.setdefault(name, []).append(b["real_time"])
print("  in process (ms): " + ", ".join(f"{k.removeprefix('BM_')} {statistics.median(v):.2f}" for k, v in diag.items()))
skm_rate = medians(sys.argv[3], "rows_per_s")
skm_time = medians(sys.argv[3], "real_time")
rss = medians(sys.argv[3], "peak_rss_mib")["BM_StreamImport"]
print(f"raw WriteBatch of the rows : {skm_rate['BM_RawWriteBatch']:12,.0f} rows/s")
print(f"streamed SKM import        : {skm_rate['BM_StreamImport']:12,.0f} rows/s, "
      f"ratio {skm_rate['BM_StreamImport'] / skm_rate['BM_RawWriteBatch']:.2f} (goal >= 0.5)")
print(f"service peak RSS (VmHWM)   : {rss:.0f} MiB (goal <= 300)")
print(f"withdrawing that import    : {skm_time['BM_WithdrawImport']:,.0f} ms vs importing it {skm_time['BM_StreamImport']:,.0f} ms, "
      f"ratio {skm_time['BM_WithdrawImport'] / skm_time['BM_StreamImport']:.2f}")
print(f"read IKK-06..11 after it   : {skm_time['BM_ReadIkk06To11']:.1f} us vs no-op {skm_time['BM_NoopGrpcCall']:.1f} us, "
      f"ratio {skm_time['BM_ReadIkk06To11'] / skm_time['BM_NoopGrpcCall']:.2f} (goal <= 3)")
print(f"read IKK-01..05 (pencegahan): {skm_time['BM_ReadIkk01To05']:.1f} us vs no-op {skm_time['BM_PencegahanNoopGrpcCall']:.1f} us, "
      f"ratio {skm_time['BM_ReadIkk01To05'] / skm_time['BM_PencegahanNoopGrpcCall']:.2f} (goal <= 3)")
def by_arg(path, field):
    """Median over repetitions of `field`, keyed by (benchmark, first argument)."""
    runs = {}
    for b in json.load(open(path))["benchmarks"]:
        if b.get("run_type") == "aggregate" or field not in b:
            continue
        parts = b["run_name"].split("/")
        scale = 1000 if field == "real_time" and b["time_unit"] == "ms" else 1   # real_time in us
        runs.setdefault((parts[0], parts[1] if len(parts) > 1 else ""), []).append(b[field] * scale)
    return {k: statistics.median(v) for k, v in runs.items()}

seven = by_arg(sys.argv[3], "peak_rss_mib")
print(f"seven 1,000,000-row imports, service peak RSS: {seven[('BM_SevenImportsPeakRss', '16')]:.0f} MiB with "
      f"16 MiB memtables (ours; goal <= 300 MB) vs {seven[('BM_SevenImportsPeakRss', '128')]:.0f} MiB with 128 MiB "
      f"(RocksDB's default tuning, used before)")
case = by_arg(sys.argv[4], "calls_per_s")
for arg, label in (("0", "sync_writes=false"), ("1", "sync_writes=true")):
    mid, lo, hi = ratio_runs(sys.argv[4], f"BM_CaseStageRatio/{arg}")
    print(f"case stages, {label}, interleaved with a no-op: {1000 / mid['measured_ms']:,.0f} calls/s vs no-op "
          f"{1000 / mid['base_ms']:,.0f} calls/s, throughput ratio {1 / mid['ratio']:.2f} "
          f"(range {1 / hi:.2f}-{1 / lo:.2f}; goal >= 0.6)")
    noop, stage = case[("BM_NoopGrpcCall", arg)], case[("BM_CaseStage", arg)]
    print(f"  separate runs: {stage:,.0f} calls/s vs no-op {noop:,.0f} calls/s, ratio {stage / noop:.2f}")
budget = by_arg(sys.argv[5], "real_time")
for arg, label in (("4", "38 x 5 satker"), ("9", "38 x 10 satker")):
    noop = budget[("BM_NoopGrpcCall", arg)]
    one, every = budget[("BM_BudgetTablesProvince", arg)], budget[("BM_BudgetTablesAllProvinces", arg)]
    print(f"budget tables, {label}: one province {one:.0f} us ({one / noop:.2f}x no-op {noop:.0f} us), "
          f"all 38 provinces {every / 1000:.1f} ms ({every / noop:.1f}x no-op)")
g1 = budget[("BM_BudgetTablesAllProvinces", "9")] / budget[("BM_BudgetTablesAllProvinces", "4")]
g2 = budget[("BM_BudgetTablesProvince", "9")] / budget[("BM_BudgetTablesProvince", "4")]
print(f"budget tables, data doubled: all provinces x{g1:.2f}, one province x{g2:.2f} (linear would be x2)")
for name, label, goal in (("BM_RestCapaianRatio", "REST GET capaian vs gRPC GetCapaian", " (goal <= 1.3)"),
                          ("BM_RestReportRatio", "REST GET report vs gRPC GetReport", "")):
    mid, lo, hi = ratio_runs(sys.argv[6], name)
    print(f"{label}: {mid['measured_ms']:.2f} ms vs {mid['base_ms']:.2f} ms, ratio {mid['ratio']:.2f} "
          f"(range {lo:.2f}-{hi:.2f}){goal}")
mid, lo, hi = ratio_runs(sys.argv[7], "BM_HealthCheckMetricsRatio")
print(f"no-op call counted by the metrics interceptor vs uncounted: {mid['measured_ms'] * 1000:.0f} us vs "
      f"{mid['base_ms'] * 1000:.0f} us, ratio {mid['ratio']:.3f} (range {lo:.3f}-{hi:.3f})")
PY
