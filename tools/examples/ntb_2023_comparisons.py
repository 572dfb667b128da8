#!/usr/bin/env python3
"""Builds examples/ntb-2023/comparisons.json from the transcription of the BNNP NTB 2023 LKIP:
per IKK the 2022 realisasi the seed states and, where it prints one, the national value and the
province's value of the same measure. The file is a lkip.aggregator.v1.PutComparisonsRequest in
protobuf's canonical JSON, for `lkipctl set-comparisons`. The seed's own direction words
("peningkatan", "penurunan") are not carried: the report writes them from the figures.

Usage: tools/examples/ntb_2023_comparisons.py TRANSCRIBED_JSON > examples/ntb-2023/comparisons.json
"""
import json
import sys
from decimal import Decimal

SOURCE_2022 = "contoh lkip, disalin dari LKIP BNNP Nusa Tenggara Barat 2023 yang telah terbit (nilai 2022 sebagaimana dinyatakannya, belum dicocokkan dengan LKIP 2022)"
SOURCE_NATIONAL = "contoh lkip, disalin dari tabel perbandingan nasional LKIP BNNP Nusa Tenggara Barat 2023 yang telah terbit"


def dec(x):
    return format(Decimal(str(x)).normalize(), "f")


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
        if len(c) > 1:
            comparisons.append(c)
    json.dump({"fiscal_year": src["report"]["tahun_anggaran"], "province_code": "BNNP_NTB", "comparisons": comparisons},
              sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
