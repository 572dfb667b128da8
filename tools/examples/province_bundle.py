#!/usr/bin/env python3
"""Another province's data for the national roll-up's tests and benchmark: the NTB 2023 example's
bundle (examples/ntb-2023/bundle.json) as the bundle of a province of examples/provinces/provinces.tsv,
its BNNP renamed and its Dektari and Dektara satker values moved by a shift, so the provinces differ
where the national comparison reads them. Synthetic: for tests and benchmarks, never a report.

  tools/examples/province_bundle.py BNNP_BALI [--shift 5] > bali.json
  tools/examples/province_bundle.py --all OUT_DIR     # every province, OUT_DIR/<code>.json, shift by its row
"""
import argparse
import json
import pathlib
import sys
from decimal import Decimal

ROOT = pathlib.Path(__file__).resolve().parents[2]
SHIFTED = ("dektari", "dektara")


def provinces():
    rows = []
    for line in (ROOT / "examples/provinces/provinces.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            code, name = line.split("\t")
            rows.append((code, name))
    return rows


def bundle_of(code, name, shift):
    text = (ROOT / "examples/ntb-2023/bundle.json").read_text(encoding="utf-8")
    text = text.replace("BNNP Nusa Tenggara Barat", f"BNNP {name}").replace("BNNP_NTB", code)
    bundle = json.loads(text)
    for v in bundle["satker_values"]:
        if v["measure"] in SHIFTED:
            v["value"]["value"] = str(Decimal(v["value"]["value"]) + Decimal(shift))
    return bundle


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("province", nargs="?", help="a BNNP code of provinces.tsv")
    ap.add_argument("--shift", default="0", help="added to every Dektari and Dektara satker value")
    ap.add_argument("--all", metavar="OUT_DIR", help="write every province's bundle into OUT_DIR")
    args = ap.parse_args()
    known = dict(provinces())
    if args.all:
        out = pathlib.Path(args.all)
        out.mkdir(parents=True, exist_ok=True)
        for i, (code, name) in enumerate(provinces()):
            # Shifts from -4 to +4 in steps of 0.25, the same for the same row every time.
            shift = Decimal(i % 33 - 16) / 4
            (out / f"{code}.json").write_text(json.dumps(bundle_of(code, name, shift), ensure_ascii=False, indent=1))
        return 0
    if args.province not in known:
        print(f"province_bundle: {args.province!r} is not in examples/provinces/provinces.tsv", file=sys.stderr)
        return 2
    json.dump(bundle_of(args.province, known[args.province], Decimal(args.shift)), sys.stdout, ensure_ascii=False,
              indent=1)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
