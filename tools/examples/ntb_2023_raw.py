#!/usr/bin/env python3
"""Builds examples/ntb-2023/raw/: synthetic raw records whose satker values equal NTB's published ones.

The seed (the BNNP NTB 2023 LKIP) prints only satker-level figures for IKK-01..11. This script
makes respondent-level records that the services reduce to those same figures, so that
`make demo` computes IKK-01..14 and the budget tables from these records and reproduces the report:

  respondents.csv   Dektari and Dektara scores (Indonesian decimal commas); mean = the published
                    index exactly (scores come in pairs v + o, v - o)
  ikp.csv           IKP assessments (six variables 1..4 per institution); satker IKP = the published
                    value exactly, and each lingkungan's IKP the seed's (transcribed.json beside
                    the bundle): as many institutions per lingkungan as the exact fractions need
  whoqol.csv        WHOQOL-BREF intake and after forms; improved / clients rounds to the published
                    percentage at its two decimals (the smallest client count that does)
  skm.csv           100 SKM questionnaires per satker; index = the published value exactly
  register.csv      the §6.3 registers: one entry per officer, institution or unit, qualified in 2023
  kawasan.json      the kawasan rawan records the seed describes (Desa Kuta: status Waspada before
                    the July 2023 training, Siaga after the December IKKR of 2,88) with 25 synthetic
                    IKKR respondents whose mean is exactly 2,88
  pemberantasan.json  case files (the seed's 20 P-21 of 2023, two of them begun in 2022), a
                    detainee register without incidents, and evidence BA pairs whose items match
                    after lawful laboratory shrinkage: IKK-12 = 20, IKK-13 = 100, IKK-14 = 100
  keuangan.json     each satker's DIPA (pagu per program and kegiatan) and its realisasi month by
                    month, whose sums are the seed's budget tables to the rupiah (program and satker
                    margins from Bab III B; the split between them and over kegiatan and months is
                    ours), and the NKA (SMART) and IKPA (OM-SPAN) as published, with the BNNP's NKA
                    components of domain-rules §8.2 (95,53 / 99,61 / 99,72 / 59,98)
  zonaintegritas.json  the TPI's Pemenuhan / Reform / Hasil of BNNP NTB from the Inspektorat's
                    letter, and an LKE assessment with area scores summing to them (split ours)
  published.json    the example bundle (units, Perjanjian Kinerja, published satker values) without the
                    NKA, IKPA and ZI values, which keuangan.json and zonaintegritas.json import with
                    their own sources (SMART, OM-SPAN, the TPI's letter): imported twice from two
                    documents, the value's provenance would flip on every run
  rules/2023.json   an overlay of deploy/rules/2023.json (it names the version it extends and holds only
                    what differs: load both, --rules_dir=deploy/rules:examples/ntb-2023/raw/rules)
                    with IKK-01..14 reading computed values, except IKK-04:
                    the seed's own kawasan data show Waspada -> Siaga, which IKK-04's definition
                    (Bahaya -> Waspada) does not count; IKK-04 keeps the published value and the
                    service shows the computed 0 beside it, with the transition as a finding.

Every respondent, institution, client and register entry is synthetic; only the satker-level
figures and the kawasan facts come from the seed. Deterministic: same inputs, same files.

Usage: tools/examples/ntb_2023_raw.py BUNDLE_JSON RULES_JSON OUT_DIR
"""
import csv
import json
import os
import random
import sys
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

YEAR = 2023
SOURCE = "Data mentah sintetis untuk contoh BNNP NTB 2023 (tools/examples/ntb_2023_raw.py)"
COMPUTED = ["IKK-01", "IKK-02", "IKK-03", "IKK-05", "IKK-06", "IKK-07", "IKK-08", "IKK-09", "IKK-10", "IKK-11",
            "IKK-12", "IKK-13", "IKK-14"]
PROFESSIONS = ["dokter", "perawat", "konselor adiksi", "psikolog", "pekerja sosial"]
LINGKUNGAN = ["pemerintah", "swasta", "masyarakat", "pendidikan"]
REGISTERS = {
    "petugas_ibm_dilatih": ("IBM", "Pelatihan petugas Intervensi Berbasis Masyarakat 2023"),
    "petugas_rehab_tersertifikasi": ("SRT", "Sertifikasi kompetensi petugas rehabilitasi"),
    "lembaga_rehab_spm": ("SPM", "Lembaga rehabilitasi memenuhi Standar Pelayanan Minimal"),
    "unit_ibm_beroperasi": ("UIBM", "Unit IBM beroperasi"),
}



def api_date(iso):
    """The API's Date (lkip.common.v1.Date) of an ISO day, as protobuf's JSON mapping writes it."""
    year, month, day = (int(part) for part in iso.split("-"))
    return {"year": year, "month": month, "day": day}

def published(bundle, measure):
    """satker -> published value (Decimal) of a measure, in bundle order."""
    out = {}
    for v in bundle["satker_values"]:
        if v["measure"] == measure:
            out[v["satker_code"]] = Decimal(v["value"]["value"])
    return out


def places(d):
    return max(0, -d.as_tuple().exponent)


def comma(x):
    """Indonesian decimal comma."""
    return str(x).replace(".", ",")


def respondent_rows(rng, measure, values, lo, hi, per_satker):
    rows = []
    for satker, v in values.items():
        step = Decimal(1).scaleb(-places(v))          # the value's own precision
        room = min(v - lo, hi - v, Decimal(8))
        for j in range(per_satker // 2):
            o = step * rng.randint(1, int(room / step))
            for k, score in enumerate((v + o, v - o)):
                rows.append([satker, measure, f"{measure[:3].upper()}-{satker}-{2 * j + k + 1:03d}", comma(score)])
    return rows


def split_total(rng, total, n, lo, hi):
    """n integers in [lo, hi] summing to total, spread at random."""
    assert lo * n <= total <= hi * n
    parts = [total // n] * n
    for i in range(total - sum(parts)):
        parts[i] += 1
    for _ in range(4 * n):
        a, b = rng.randrange(n), rng.randrange(n)
        if a != b and parts[a] < hi and parts[b] > lo:
            parts[a] += 1
            parts[b] -= 1
    rng.shuffle(parts)
    return parts


def ikp_kinds(transcribed):
    """{satker: [(lingkungan, the seed's IKP of that lingkungan)]}: the IKK-03 table's lembaga."""
    ikk03 = next(i for i in transcribed["indikator"] if i["id"] == "IKK-03")
    out = {}
    for row in ikk03["per_satker"]["rows"]:
        out[row["unit"]] = [(kind, Fraction(str(v))) for kind, v in row["nilai_ikp"].items()
                            if isinstance(v, (int, float))]
    return out


def ikp_rows(rng, values, kinds):
    """Each satker's institutions. Where the seed prints the IKP of each lingkungan, n of each
    lingkungan with that mean exactly (one n for all of the satker's lingkungan, so the satker's
    mean is their mean, the published value); a single institution cannot make 3,36 from six
    integer scores. Otherwise n institutions of the published mean, lingkungan in turn."""
    rows = []
    for satker, v in values.items():
        if satker in kinds and sum(m for _, m in kinds[satker]) / len(kinds[satker]) == Fraction(v):
            n = next(n for n in range(1, 1001) if all((m * 6 * n).denominator == 1 for _, m in kinds[satker]))
            for kind, mean in kinds[satker]:
                for i, t in enumerate(split_total(rng, int(mean * 6 * n), n, 6, 24)):
                    rows.append([satker, f"Lembaga {satker} {kind} {i + 1:03d}", kind] + split_total(rng, t, 6, 1, 4))
            continue
        f = Fraction(v)
        # n institutions, each the mean of six scores: v = S / (6 n) exactly.
        n = next(n for n in range(1, 1001) if (f * 6 * n).denominator == 1)
        totals = split_total(rng, int(f * 6 * n), n, 6, 24)
        for i, t in enumerate(totals):
            scores = split_total(rng, t, 6, 1, 4)
            rows.append([satker, f"Lembaga {satker} {i + 1:03d}", LINGKUNGAN[i % 4]] + scores)
    return rows


def rounds_to(fraction, published_value):
    q = Decimal(1).scaleb(-places(published_value))
    exact = Decimal(fraction.numerator) / Decimal(fraction.denominator)
    return exact.quantize(q, rounding=ROUND_HALF_UP) == published_value


def whoqol_rows(rng, values):
    rows = []
    reversed_items = {3, 4, 26}
    for satker, p in values.items():
        n, k = next((n, k) for n in range(1, 1001) for k in range(n + 1) if rounds_to(Fraction(100 * k, n), p))
        improved = set(rng.sample(range(n), k))
        for c in range(n):
            ref = f"K-{satker}-{c + 1:03d}"
            month = 1 + c % 6
            intake = [2] * 26
            after = [4 if q not in reversed_items else 2 for q in range(1, 27)] if c in improved else list(intake)
            rows.append([satker, ref, "intake", f"{YEAR}-{month:02d}-10", ""] + intake)
            rows.append([satker, ref, "after", f"{YEAR}-{month + 3:02d}-20", ""] + after)
    return rows


def skm_rows(rng, values, questionnaires=100):
    rows = []
    for satker, v in values.items():
        cells = questionnaires * 9
        total = v * cells
        assert total == int(total), (satker, v)
        answers = split_total(rng, int(total), cells, 1, 4)
        for q in range(questionnaires):
            rows.append([satker] + answers[9 * q: 9 * q + 9])
    return rows


def register_rows(rng, bundle):
    rows = []
    for measure, (prefix, text) in REGISTERS.items():
        for satker, count in published(bundle, measure).items():
            for i in range(int(count)):
                attribute = PROFESSIONS[i % len(PROFESSIONS)] if measure == "petugas_rehab_tersertifikasi" else ""
                date = f"{YEAR}-{rng.randint(2, 11):02d}-{rng.randint(1, 28):02d}"
                rows.append([satker, measure, f"{prefix}-{satker}-{i + 1:03d}", date, attribute, text])
    return rows


def kawasan_detail(transcribed):
    """The seed's table of the intervened kawasan (IKK-05): the training and its two surveys."""
    ikk05 = next(i for i in transcribed["indikator"] if i["id"] == "IKK-05")
    return ikk05["kategori"]["detail"]


def kawasan_bundle(rng, bundle, ikkr, detail):
    f = Fraction(ikkr)
    n = next(n for n in range(1, 1001) if (f * 7 * n).denominator == 1 and n >= 5)
    totals = split_total(rng, int(f * 7 * n), n, 7, 28)
    roles = ["kades/lurah", "Bhabinkamtibmas", "Babinsa", "Kesbangpol"] + ["peserta"] * 15
    roles += ["tokoh masyarakat"] * (n - len(roles))
    respondents = [{"role": roles[i], "scores": split_total(rng, t, 7, 1, 4)} for i, t in enumerate(totals)]
    kawasan_id = "desa-kuta-pujut"
    return {
        "fiscal_year": YEAR,
        "province_code": bundle["province_code"],
        "source_document": SOURCE,
        "units": bundle["units"],
        "kawasan": {
            "areas": [{"kawasan_id": kawasan_id, "satker_code": "BNNP_NTB",
                       "name": "Desa Kuta, Kecamatan Pujut, Kab. Lombok Tengah"}],
            "status_changes": [
                {"kawasan_id": kawasan_id, "date": api_date(f"{YEAR}-07-24"), "status": "Waspada",
                 "basis": "Status kerawanan awal (LKIP BNNP NTB 2023, tabel IKKR)"},
                {"kawasan_id": kawasan_id, "date": api_date(f"{YEAR}-12-05"), "status": "Siaga",
                 "basis": "Status kerawanan akhir dari IKKR 2,88 (LKIP BNNP NTB 2023, tabel IKKR)"},
            ],
            "interventions": [{
                "kawasan_id": kawasan_id, "intervention_id": "street-food-2023",
                "start_date": api_date(f"{YEAR}-07-24"), "end_date": api_date(f"{YEAR}-07-26"),
                "training_type": "Pelatihan: Wirausaha Tataboga (Street Food)",
                "participants_male": detail["peserta_L"], "participants_female": detail["peserta_P"],
                "synergy_desa_bersinar": detail["sinergi_desa_bersinar"] == "Ya", "funding": detail["ket"],
                "satisfaction_index": {"value": str(detail["nilai_skm"])},
                "entrepreneurship_score": {"value": str(detail["nilai_kewirausahaan"])}}],
            "ikkr_assessments": [{"kawasan_id": kawasan_id, "assessment_id": "ikkr-2023-12",
                                  "date": api_date(f"{YEAR}-12-05"), "respondents": respondents}],
        },
    }


def pemberantasan_bundle(rng, bundle):
    """Case files, detainees and evidence of the BNNP whose figures are the published ones."""
    p21 = int(published(bundle, "berkas_p21")["BNNP_NTB"])
    assert published(bundle, "nilai_tahanan")["BNNP_NTB"] == 100
    assert published(bundle, "nilai_barang_bukti")["BNNP_NTB"] == 100
    stages, detainees, bas = [], [], []

    def stage(ref, kind, date, doc=""):
        stages.append({"satker_code": "BNNP_NTB", "case_ref": ref, "stage": kind, "date": api_date(date), "document_ref": doc})

    for i in range(p21):
        begun_2022 = i < 2   # the seed: two files of 2022 reached P-21 in 2023
        ref = f"BP/{i + 1:02d}/{'XII/2022' if begun_2022 else 'VII/2023'}/BNNP-NTB"
        start = f"2022-12-{5 + i:02d}" if begun_2022 else f"{YEAR}-{1 + i % 9:02d}-{3 + i:02d}"
        month = int(start[5:7])
        stage(ref, "CASE_STAGE_SPDP", start, f"SPDP/{i + 1}")
        tahap1 = f"{YEAR}-01-{10 + i:02d}" if begun_2022 else f"{YEAR}-{month + 1:02d}-{3 + i:02d}"
        stage(ref, "CASE_STAGE_TAHAP_I", tahap1)
        day = int(tahap1[8:10])
        if i % 5 == 0:   # some files come back once before they are complete
            stage(ref, "CASE_STAGE_P19", f"{tahap1[:8]}{day + 1:02d}")
            stage(ref, "CASE_STAGE_TAHAP_I", f"{tahap1[:8]}{day + 2:02d}")
        p21_date = f"{tahap1[:8]}{day + 3:02d}"
        stage(ref, "CASE_STAGE_P21", p21_date, f"B-{i + 1}/N.2.10/Enz.1/{YEAR}")
        if i % 3:
            stage(ref, "CASE_STAGE_TAHAP_II", f"{tahap1[:8]}{day + 4:02d}")
        detainees.append({"detainee_ref": f"T/{i + 1:02d}/{start[:4]}/BNNP-NTB", "satker_code": "BNNP_NTB",
                          "custody_start": api_date(start), "custody_end": api_date(f"{tahap1[:8]}{day + 4:02d}")})
        grams = Decimal(rng.randint(50, 5000)) / 10
        lab = Decimal(rng.randint(1, 9)) / 10
        ba_base = {"satker_code": "BNNP_NTB"}
        bas.append(dict(ba_base, kind="BERITA_ACARA_KIND_PENITIPAN", ba_ref=f"BA-TTP/{i + 1:02d}/{start[:4]}",
                        date=api_date(start), case_ref=ref,
                        items=[{"type": "sabu", "quantity": {"value": str(grams)}, "unit": "gram"},
                               {"type": "telepon genggam", "quantity": {"value": "1"}, "unit": "buah"}]))
        bas.append(dict(ba_base, kind="BERITA_ACARA_KIND_PENYUSUTAN", ba_ref=f"BA-SST/{i + 1:02d}/{YEAR}",
                        date=api_date(tahap1), penitipan_ref=f"BA-TTP/{i + 1:02d}/{start[:4]}", reason="uji laboratorium",
                        items=[{"type": "sabu", "quantity": {"value": str(lab)}, "unit": "gram"}]))
        bas.append(dict(ba_base, kind="BERITA_ACARA_KIND_PENGELUARAN", ba_ref=f"BA-KLR/{i + 1:02d}/{YEAR}",
                        date=api_date(f"{tahap1[:8]}{day + 4:02d}"), penitipan_ref=f"BA-TTP/{i + 1:02d}/{start[:4]}",
                        items=[{"type": "sabu", "quantity": {"value": str(grams - lab)}, "unit": "gram"},
                               {"type": "telepon genggam", "quantity": {"value": "1"}, "unit": "buah"}]))
    return {
        "fiscal_year": YEAR,
        "province_code": bundle["province_code"],
        "source_document": SOURCE,
        "units": bundle["units"],
        "pemberantasan": {"case_stages": stages, "detainees": detainees, "berita_acara": bas},
    }


# The seed's budget tables (Bab III B): pagu and realisasi per satker and per program.
SEED_SATKER_BUDGET = {
    "BNNP_NTB": (8896725000, 8818579585),
    "BNNK_MATARAM": (1710402000, 1710402000),
    "BNNK_SUMBAWA_BARAT": (1808466000, 1806370751),
    "BNNK_SUMBAWA": (2082663000, 2070458867),
    "BNNK_BIMA": (1970063000, 1969843497),
}
SEED_PROGRAM_BUDGET = {"DUKMAN": (10885113000, 10833864605), "P4GN": (5583206000, 5541790095)}
BNNK_P4GN_PAGU = {"BNNK_MATARAM": 650000000, "BNNK_SUMBAWA_BARAT": 700000000, "BNNK_SUMBAWA": 720000000,
                  "BNNK_BIMA": 690000000}
MONTH_WEIGHTS = [3, 5, 7, 8, 8, 8, 9, 9, 9, 10, 10, 14]   # spending rises towards December
NKA_COMPONENTS_BNNP = {"penyerapan": "95.53", "konsistensi": "99.61", "capaian_output": "99.72",
                       "nilai_efisiensi": "59.98"}
TPI_LETTER = "Surat Inspektur Utama BNN Nomor B/770/XII/IR/IR.04.05/2023/INS tanggal 28 Desember 2023"
TPI_NTB = ("25.08", "26.76", "35.34")
LKE_NTB_PEMENUHAN = ["3.40", "2.90", "4.20", "4.10", "6.28", "4.20"]   # ours; sums to 25,08
LKE_NTB_REFORM = ["3.50", "3.00", "4.50", "4.40", "6.86", "4.50"]      # ours; sums to 26,76
LKE_NTB_HASIL = {"ipak": "16.00", "kinerja": "5.00", "ipkp": "14.34"}  # ours; sums to 35,34


def split_by_weights(total, weights, unit=1):
    """Integer parts of total proportional to weights, in multiples of unit; the rest to the largest."""
    parts = [total * w // sum(weights) // unit * unit for w in weights]
    parts[weights.index(max(weights))] += total - sum(parts)
    return parts


def satker_program_split():
    """(satker, program) -> (pagu, realisasi): margins equal to the seed's two tables."""
    out = {}
    p4gn_rest, sisa_rest = SEED_PROGRAM_BUDGET["P4GN"][0], SEED_PROGRAM_BUDGET["P4GN"][0] - SEED_PROGRAM_BUDGET["P4GN"][1]
    for satker, pagu_p4gn in BNNK_P4GN_PAGU.items():
        pagu, real = SEED_SATKER_BUDGET[satker]
        sisa_p4gn = (pagu - real) // 2
        out[(satker, "P4GN")] = (pagu_p4gn, pagu_p4gn - sisa_p4gn)
        out[(satker, "DUKMAN")] = (pagu - pagu_p4gn, pagu - pagu_p4gn - (pagu - real - sisa_p4gn))
        p4gn_rest -= pagu_p4gn
        sisa_rest -= sisa_p4gn
    pagu, real = SEED_SATKER_BUDGET["BNNP_NTB"]
    out[("BNNP_NTB", "P4GN")] = (p4gn_rest, p4gn_rest - sisa_rest)
    out[("BNNP_NTB", "DUKMAN")] = (pagu - p4gn_rest, pagu - p4gn_rest - (pagu - real - sisa_rest))
    for program, (pagu, real) in SEED_PROGRAM_BUDGET.items():
        assert sum(v[0] for k, v in out.items() if k[1] == program) == pagu
        assert sum(v[1] for k, v in out.items() if k[1] == program) == real
    return out


def keuangan_bundle(bundle, rules):
    programs = {p["code"]: [k["code"] for k in p["kegiatan"]] for p in rules["instruments"]["budget"]["programs"]}
    # The PK's kegiatan budgets (its lampiran, in the bundle): weights for spreading a program's
    # pagu over its kegiatan. The DIPA lines are therefore synthetic, and say so.
    pk_kegiatan = {k["kegiatan_code"]: int(k["anggaran"]["amount"])
                   for k in bundle["perjanjian_kinerja"]["kegiatan"]}
    dipa, realisasi = [], []
    split = satker_program_split()
    for satker in SEED_SATKER_BUDGET:
        lines, monthly = [], [[] for _ in range(12)]
        for program, kegiatan in programs.items():
            pagu, real = split[(satker, program)]
            pagus = split_by_weights(pagu, [pk_kegiatan[k] for k in kegiatan], 1000)
            sisas = split_by_weights(pagu - real, pagus)
            for k, kp, ks in zip(kegiatan, pagus, sisas):
                assert 0 <= ks <= kp
                lines.append({"program_code": program, "kegiatan_code": k, "amount": {"amount": str(kp)}})
                for m, amount in enumerate(split_by_weights(kp - ks, MONTH_WEIGHTS)):
                    if amount:
                        monthly[m].append({"program_code": program, "kegiatan_code": k, "amount": {"amount": str(amount)}})
        dipa.append({"fiscal_year": YEAR, "satker_code": satker, "dipa_ref": f"DIPA {satker} {YEAR} (contoh sintetis)",
                     "date": api_date(f"{YEAR - 1}-12-12"), "lines": lines})
        for m, month_lines in enumerate(monthly):
            realisasi.append({"fiscal_year": YEAR, "satker_code": satker, "month": m + 1,
                              "source_document": f"Realisasi bulanan {satker} (contoh sintetis)", "lines": month_lines})
    nka = published(bundle, "nka")
    ikpa = published(bundle, "ikpa")
    nka_scores = []
    for satker, value in nka.items():
        score = {"satker_code": satker, "value": {"value": str(value)}}
        if satker == "BNNP_NTB":
            score["nka"] = {k: {"value": v} for k, v in NKA_COMPONENTS_BNNP.items()}
        nka_scores.append(score)
    scores = [
        {"fiscal_year": YEAR, "kind": "SCORE_KIND_NKA", "source": "SCORE_SOURCE_SMART",
         "source_document": "Nilai Kinerja Anggaran 2023, aplikasi SMART Kemenkeu", "scores": nka_scores},
        {"fiscal_year": YEAR, "kind": "SCORE_KIND_IKPA", "source": "SCORE_SOURCE_OM_SPAN",
         "source_document": "Nilai IKPA 2023, aplikasi OM-SPAN Kemenkeu",
         "scores": [{"satker_code": s, "value": {"value": str(v)}} for s, v in ikpa.items()]},
    ]
    return {"fiscal_year": YEAR, "province_code": bundle["province_code"], "source_document": SOURCE,
            "units": bundle["units"], "keuangan": {"dipa": dipa, "realisasi": realisasi, "scores": scores}}


def zonaintegritas_bundle(bundle, rules):
    zi = rules["instruments"]["zona_integritas"]
    areas = [a["id"] for a in zi["areas"]]
    assert sum(Decimal(v) for v in LKE_NTB_PEMENUHAN) == Decimal(TPI_NTB[0])
    assert sum(Decimal(v) for v in LKE_NTB_REFORM) == Decimal(TPI_NTB[1])
    assert sum(Decimal(v) for v in LKE_NTB_HASIL.values()) == Decimal(TPI_NTB[2])
    assert Decimal(published(bundle, "nilai_zi")["BNNP_NTB"]) == sum(Decimal(v) for v in TPI_NTB)
    lke = {"fiscal_year": YEAR, "satker_code": "BNNP_NTB", "assessor": "TPI Inspektorat Utama BNN",
           "date": api_date(f"{YEAR}-12-20"), "source_document": "LKE Zona Integritas BNNP NTB 2023 (rincian area sintetis)",
           "pemenuhan": [{"area_id": a, "score": {"value": v}} for a, v in zip(areas, LKE_NTB_PEMENUHAN)],
           "reform": [{"area_id": a, "score": {"value": v}} for a, v in zip(areas, LKE_NTB_REFORM)],
           "hasil": [{"id": k, "score": {"value": v}} for k, v in LKE_NTB_HASIL.items()]}
    tpi = {"fiscal_year": YEAR, "source_document": TPI_LETTER,
           "rows": [{"satker_code": "BNNP_NTB", "pemenuhan": {"value": TPI_NTB[0]}, "reform": {"value": TPI_NTB[1]},
                     "hasil": {"value": TPI_NTB[2]}}]}
    return {"fiscal_year": YEAR, "province_code": bundle["province_code"], "source_document": SOURCE,
            "units": bundle["units"], "zona_integritas": {"lke_assessments": [lke], "tpi_results": [tpi]}}


def write_json(path, data):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, indent=1, ensure_ascii=False)
        f.write("\n")


def write_csv(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def main():
    bundle_path, rules_path, out = sys.argv[1:4]
    bundle = json.load(open(bundle_path, encoding="utf-8"))
    # The seed's transcription beside the bundle, for the IKP of each lingkungan it prints.
    with open(os.path.join(os.path.dirname(bundle_path), "transcribed.json"), encoding="utf-8") as f:
        transcribed = json.load(f)
    rules = json.load(open(rules_path, encoding="utf-8"))
    rng = random.Random(2023)
    os.makedirs(os.path.join(out, "rules"), exist_ok=True)

    rows = respondent_rows(rng, "dektari", published(bundle, "dektari"), Decimal(0), Decimal(100), 40)
    rows += respondent_rows(rng, "dektara", published(bundle, "dektara"), Decimal(25), Decimal(100), 30)
    write_csv(os.path.join(out, "respondents.csv"), ["satker_code", "ukuran", "responden", "skor"], rows)
    write_csv(os.path.join(out, "ikp.csv"),
              ["satker_code", "lembaga", "lingkungan", "sdm", "metode", "anggaran", "material", "sistem", "aktivitas"],
              ikp_rows(rng, published(bundle, "ikp"), ikp_kinds(transcribed)))
    write_csv(os.path.join(out, "whoqol.csv"),
              ["satker_code", "client_ref", "jenis", "tanggal", "dibalik"] + [f"q{i}" for i in range(1, 27)],
              whoqol_rows(rng, published(bundle, "kualitas_hidup_membaik")))
    write_csv(os.path.join(out, "skm.csv"), ["satker_code"] + [f"u{i}" for i in range(1, 10)],
              skm_rows(rng, published(bundle, "ikm_layanan_rehab")))
    write_csv(os.path.join(out, "register.csv"),
              ["satker_code", "register", "kode", "tanggal", "atribut", "keterangan"], register_rows(rng, bundle))
    ikkr = published(bundle, "ikkr")["BNNP_NTB"]
    with open(os.path.join(out, "kawasan.json"), "w", encoding="utf-8") as f:
        json.dump(kawasan_bundle(rng, bundle, ikkr, kawasan_detail(transcribed)), f, indent=1, ensure_ascii=False)
        f.write("\n")

    with open(os.path.join(out, "pemberantasan.json"), "w", encoding="utf-8") as f:
        json.dump(pemberantasan_bundle(rng, bundle), f, indent=1, ensure_ascii=False)
        f.write("\n")

    imported = {rules["instruments"]["budget"]["nka"]["measure"], rules["instruments"]["budget"]["ikpa"]["measure"],
                rules["instruments"]["zona_integritas"]["measure"]}
    write_json(os.path.join(out, "published.json"),
               dict(bundle, satker_values=[v for v in bundle["satker_values"] if v["measure"] not in imported]))
    write_json(os.path.join(out, "keuangan.json"), keuangan_bundle(bundle, rules))
    write_json(os.path.join(out, "zonaintegritas.json"), zonaintegritas_bundle(bundle, rules))

    computed = [ind["code"] for ind in rules["indicators"] if ind["code"] in COMPUTED]
    with open(os.path.join(out, "rules", f"{YEAR}.json"), "w", encoding="utf-8") as f:
        f.write(f'{{\n  "version": "{rules["version"]}-mentah",\n  "extends": "{rules["version"]}",\n  "indicators": [\n')
        f.write(",\n".join(f'    {{"code": "{code}", "value_source": "VALUE_SOURCE_COMPUTED"}}' for code in computed))
        f.write("\n  ]\n}\n")


if __name__ == "__main__":
    main()
