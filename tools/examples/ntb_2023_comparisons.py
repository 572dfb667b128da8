#!/usr/bin/env python3
"""Builds examples/ntb-2023/comparisons.json from the transcription of the BNNP NTB 2023 LKIP:
per IKK the 2022 realisasi the seed states and, where it prints one, the national value and the
province's value of the same measure. The file is a lkip.aggregator.v1.PutComparisonsRequest in
protobuf's canonical JSON, for `lkipctl set-comparisons`. The seed's own direction words
("peningkatan", "penurunan") are not carried: the report writes them from the figures.

Usage: tools/examples/ntb_2023_comparisons.py examples/ntb-2023/transcribed.json > examples/ntb-2023/comparisons.json
"""
import json
import re
import sys
from decimal import Decimal

SOURCE_2022 = "contoh lkip, disalin dari LKIP BNNP Nusa Tenggara Barat 2023 yang telah terbit (nilai 2022 sebagaimana dinyatakannya, belum dicocokkan dengan LKIP 2022)"
SOURCE_NATIONAL = "contoh lkip, disalin dari tabel perbandingan nasional LKIP BNNP Nusa Tenggara Barat 2023 yang telah terbit"


def dec(x):
    return format(Decimal(str(x)).normalize(), "f")


def figure(printed):
    """A figure as the seed prints it ("78,69", "70.60": a decimal point misprinted), or None."""
    s = printed.strip()
    if re.fullmatch(r"\d+", s):
        return s
    if re.fullmatch(r"\d+[.,]\d{1,3}", s):
        return dec(s.replace(",", "."))
    return None


def main():
    src = json.load(open(sys.argv[1], encoding="utf-8"))
    comparisons = []
    for ind in src["indikator"]:
        c = {"code": ind["id"]}
        prev = (ind.get("comparison_2022") or {}).get("value_2022")
        if prev is not None:
            c["previous_value"] = {"value": dec(prev)}
            c["previous_source"] = SOURCE_2022
        nat = ind.get("perbandingan_nasional")
        if nat:
            rows = nat["rows"]
            c["national_label"] = nat["indicator_label"]
            c["national_value"] = {"value": dec(rows[0]["realisasi"])}
            c["province_value"] = {"value": dec(rows[1]["realisasi"])}
            c["national_source"] = SOURCE_NATIONAL
            # The targets the table prints beside them, where they read as figures (IKK-01's
            # national target is printed illegibly, "F2": left out).
            for key, row in (("national_target", rows[0]), ("province_target", rows[1])):
                target = figure(row.get("target_raw", ""))
                if target is not None:
                    c[key] = {"value": target}
        if len(c) > 1:
            comparisons.append(c)
    json.dump({"fiscal_year": src["report"]["tahun_anggaran"], "province_code": "BNNP_NTB", "comparisons": comparisons},
              sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
