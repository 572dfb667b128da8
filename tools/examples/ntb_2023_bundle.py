#!/usr/bin/env python3
"""Builds examples/ntb-2023/bundle.json from the transcription of the BNNP NTB 2023 LKIP.

The transcription (examples/ntb-2023/transcribed.json, a copy of shared/reference/ntb-2023-transcribed.json) holds every number the seed
prints. This script picks the unit tree, the Perjanjian Kinerja (its sasaran and indicators, and
its lampiran's kegiatan budgets, each named by the rule set's kegiatan code) and the per-satker
values of each measure, and writes them as a lkip.bundle.v1.Bundle in protobuf's canonical
JSON. It never writes an indicator's realisasi: the services compute those from the satker values.

Usage: tools/examples/ntb_2023_bundle.py examples/ntb-2023/transcribed.json > examples/ntb-2023/bundle.json
"""
import json
import os
import sys
from decimal import Decimal

RULES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "deploy", "rules", "2023.json")

SOURCE = "LKIP BNNP Nusa Tenggara Barat 2023"

# measure id (deploy/rules/2023.json) <- the IKK whose per-satker table holds its values
MEASURE_TABLES = [
    ("dektari", "IKK-01", "realisasi"),
    ("dektara", "IKK-02", "realisasi"),
    ("ikp", "IKK-03", "hasil_ikp"),
    ("kawasan_bahaya_ke_waspada", "IKK-04", "realisasi"),
    ("ikkr", "IKK-05", "realisasi"),
    ("kualitas_hidup_membaik", "IKK-06", "realisasi"),
    ("petugas_ibm_dilatih", "IKK-07", "realisasi"),
    ("petugas_rehab_tersertifikasi", "IKK-08", "realisasi"),
    ("lembaga_rehab_spm", "IKK-09", "realisasi"),
    ("unit_ibm_beroperasi", "IKK-10", "realisasi"),
    ("ikm_layanan_rehab", "IKK-11", "realisasi"),
    ("berkas_p21", "IKK-12", "realisasi"),
    ("nilai_tahanan", "IKK-13", "realisasi"),
    ("nilai_barang_bukti", "IKK-14", "realisasi"),
    # NKA and IKPA per satker are printed in the IKK-16 and IKK-18 sections; IKK-15 and IKK-17
    # are the BNNP's own row of the same tables.
    ("nka", "IKK-16", "realisasi"),
    ("ikpa", "IKK-18", "realisasi"),
]

UNIT_NAMES = {
    "BNNP_NTB": "BNNP Nusa Tenggara Barat",
    "BNNK_MATARAM": "BNN Kota Mataram",
    "BNNK_SUMBAWA_BARAT": "BNN Kabupaten Sumbawa Barat",
    "BNNK_SUMBAWA": "BNN Kabupaten Sumbawa",
    "BNNK_BIMA": "BNN Kabupaten Bima",
}


def dec(x):
    """Exact decimal text of a transcribed number (no binary float artefacts)."""
    return format(Decimal(str(x)).normalize(), "f")


def satker_targets(indicator):
    """Each satker's own target as the IKK's per-satker table prints it: the PK's satker targets
    (a row the seed misprinted without a unit, and an empty cell, are no one's target)."""
    out = []
    for row in indicator.get("per_satker", {}).get("rows", []):
        if row.get("unit") is None or row.get("target") in (None, "", "-"):
            continue
        if any(t["satker_code"] == row["unit"] for t in out):
            continue   # IKK-02 and IKK-06 list Sumbawa Barat twice, with the same target
        out.append({"satker_code": row["unit"], "target": {"value": dec(row["target"])}})
    return out


def main():
    src = json.load(open(sys.argv[1], encoding="utf-8"))
    report = src["report"]
    year = report["tahun_anggaran"]
    units = [{"code": "BNN_RI", "name": "Badan Narkotika Nasional", "level": "UNIT_LEVEL_PUSAT"}]
    order = 0
    for u in src["units"]:
        level = "UNIT_LEVEL_PROVINSI" if u["level"] == "provinsi" else "UNIT_LEVEL_KABUPATEN_KOTA"
        parent = "BNN_RI" if level == "UNIT_LEVEL_PROVINSI" else "BNNP_NTB"
        units.append({"code": u["id"], "name": UNIT_NAMES[u["id"]], "level": level, "parent_code": parent})
        if level == "UNIT_LEVEL_KABUPATEN_KOTA":   # the seed's order of its BNNK in every table
            order += 1
            units[-1]["report_order"] = order

    indicators = {i["id"]: i for i in src["indikator"]}
    sasaran = []
    for s in src["perjanjian_kinerja"]["bab_ii"]["sasaran"]:
        inds = []
        for code in s["indikator"]:
            i = indicators[code]
            ind = {"code": code, "name": i["nama_pk"], "unit": i["satuan"],
                   "target": {"value": {"value": dec(i["target"])}}}
            targets = satker_targets(i)
            if targets:
                ind["satker_targets"] = targets
            inds.append(ind)
        sasaran.append({"number": s["no"], "text": s["sasaran"], "indicators": inds})

    # The PK's kegiatan budgets, each kegiatan found by its name in the rule set's budget programs.
    by_name = {k["name"]: (p["code"], k["code"])
               for p in json.load(open(RULES, encoding="utf-8"))["instruments"]["budget"]["programs"]
               for k in p["kegiatan"]}
    kegiatan = []
    for line in src["perjanjian_kinerja"]["lampiran_i"]["kegiatan_anggaran"]:
        program, code = by_name[line["kegiatan"].removeprefix("Kegiatan ")]
        kegiatan.append({"program_code": program, "kegiatan_code": code,
                         "anggaran": {"amount": str(line["anggaran"])}})

    values = []
    for measure, code, column in MEASURE_TABLES:
        table = indicators[code]["per_satker"]
        for row in table["rows"]:
            # Rows the seed misprinted without a unit (a second "BARAT" row under IKK-02 and
            # IKK-06) and empty cells are not values of any satker.
            if row.get("unit") is None or row.get(column) in (None, "", "-"):
                continue
            values.append({"measure": measure, "satker_code": row["unit"], "value": {"value": dec(row[column])},
                           "source_document": f"{SOURCE}, Bab III, tabel per satker {code}"})
    zi = indicators["IKK-19"]["zona_integritas"]
    for row in zi["rows"]:
        if row["satker"] == "BNNP Nusa Tenggara Barat":
            values.append({"measure": "nilai_zi", "satker_code": "BNNP_NTB",
                           "value": {"value": dec(row["jumlah"])},
                           "source_document": zi["source_letter"]})

    bundle = {
        "fiscal_year": year,
        "province_code": "BNNP_NTB",
        "source_document": SOURCE,
        "units": units,
        "perjanjian_kinerja": {"fiscal_year": year, "province_code": "BNNP_NTB",
                               "source_document": f"{SOURCE}, Bab II (Perjanjian Kinerja)",
                               "sasaran": sasaran, "kegiatan": kegiatan},
        "satker_values": values,
    }
    json.dump(bundle, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
