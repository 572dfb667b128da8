"""Every figure of the seed's transcription (examples/ntb-2023/transcribed.json), each
with the stated-figure ref (docs/bundle-format.md, "Stated figures") that names it in the data,
or the reason no ref does yet.

A figure is a number the transcription holds (an int or a float), or a `*_raw` text that starts
with a figure and has no number beside it (the PK lampiran's targets, Bab IV's band shares, the
national table's targets), and three figures the seed prints in a sentence only (Bab II's targets,
Bab III B's allocation, Bab IV's NKA). Row numbers, the year and the transcriber's own counts are
not figures of the data: KEYS_NOT_FIGURES.

Used by tools/examples/ntb_2023_stated.py (stated.json covers every figure that has a ref) and by
tests/e2e_test.py (agree / differ / missing, printed).
"""
import json
import os
import re
from decimal import Decimal

RULES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "deploy", "rules", "2023.json")

KEYS_NOT_FIGURES = {"no", "sasaran_no", "no_printed", "urutan", "n_rows", "tahun_anggaran"}

# Figures printed in one sentence, each read from its text: (path, the ref).
SENTENCE_FIGURES = {
    ("anggaran", "bab_iii_alokasi_text"): "anggaran.total.pagu",
    ("bab_iv", "pengukuran_kinerja_anggaran"): "ikk.IKK-15.realisasi",
}

# The TOTAL rows of per-satker tables of index values: the seed's TOTAL is a mean over the rows.
MEAN_TOTALS = {"IKK-11", "IKK-16", "IKK-18"}


def plain(printed):
    """The first figure of a printed text as a plain decimal, or None: "Rp. 16.468.319.000,-" ->
    "16468319000", "78,69" -> "78.69", "84%" -> "84", "70.60" (a decimal point misprinted) ->
    "70.60", "F2" -> None."""
    m = re.match(r"\s*(?:Rp\.?\s*)?(\d[\d.]*(?:,\d+)?)", printed)
    if not m:
        return None
    s = m.group(1).rstrip(".")
    if "," in s:
        return s.replace(".", "").replace(",", ".")
    if re.fullmatch(r"\d+\.\d{1,2}", s):
        return s
    return s.replace(".", "")


def same(printed, value):
    """The printed figure is the transcribed number (a "35.3 4" split by the scan is not)."""
    return printed is not None and Decimal(printed) == Decimal(str(value))


def number(x):
    return format(Decimal(str(x)).normalize(), "f")


def leaves(node, path=()):
    """(path, value) of every figure in the transcription, in document order."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in KEYS_NOT_FIGURES:
                continue
            here = path + (key,)
            if here in SENTENCE_FIGURES:
                yield here, plain(value)
            elif isinstance(value, str) and key.endswith("_raw") and key[:-4] not in node:
                figure = plain(value)
                if figure is not None:
                    yield here, figure
            elif key == "target_raw_pk_bab_ii":
                yield here, plain(value)
            elif isinstance(value, (int, float)) and not isinstance(value, bool) and \
                    same(plain(str(node.get(key + "_raw") or "")), value):
                yield here, plain(node[key + "_raw"])   # as printed: "53,50" keeps its two decimals
            else:
                yield from leaves(value, here)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from leaves(value, path + (i,))
    elif isinstance(node, (int, float)) and not isinstance(node, bool):
        yield path, number(node)


class Refs:
    """Maps a transcription path to its ref: (ref, None) or (None, why not)."""

    def __init__(self, src):
        self.src = src
        rules = json.load(open(RULES, encoding="utf-8"))
        programs = rules["instruments"]["budget"]["programs"]
        self.program_by_name = {p["name"].removeprefix("Program "): p["code"] for p in programs}
        self.kegiatan_by_name = {k["name"]: k["code"] for p in programs for k in p["kegiatan"]}
        self.ikk_by_name = {fold(i["nama_pk"]): i["id"] for i in src["indikator"]}

    def program(self, name):
        name = name.removeprefix("Program ")
        return self.program_by_name.get(name) or {"Dukungan Manajemen": "DUKMAN", "P4GN": "P4GN"}[name]

    def ref(self, path):
        head = path[0]
        if head == "indikator":
            return self.indicator(self.src["indikator"][path[1]], path[2:])
        if head == "perjanjian_kinerja":
            return self.pk(path[2:])
        if head == "report":
            if path[1] == "n_sasaran":
                return "jumlah.sasaran", None
            if path[1] == "n_indikator":
                return "jumlah.ikk", None
            if path[1] == "exec_summary_bidang":
                label = path[2] if path[2] == "Bagian Umum" else "Bidang " + path[2]
                return f"jumlah.ikk_bidang.{label}", None
        if head == "bab_iv":
            if path in SENTENCE_FIGURES:
                return SENTENCE_FIGURES[path], None
            return {"n_sasaran": "jumlah.sasaran", "n_ikk": "jumlah.ikk"}[path[1]], None
        if head == "capaian_distribution":
            return self.bands(path[1:])
        if head == "anggaran":
            return self.budget(path[1:])
        return None, "tidak dikenal"

    def indicator(self, ind, rest):
        code = ind["id"]
        key = rest[0]
        direct = {"target": "target", "realisasi": "realisasi", "capaian_pct": "capaian",
                  "target_raw_pk_bab_ii": "target"}
        if len(rest) == 1 and key in direct:
            return f"ikk.{code}.{direct[key]}", None
        if key == "bab_iii_table":
            return f"ikk.{code}." + {"target_raw": "target", "realisasi_raw": "realisasi", "pct": "capaian"}[rest[1]], None
        if key == "exec_summary":
            return f"ikk.{code}." + {"target": "target", "realisasi": "realisasi", "capaian_pct": "capaian"}[rest[1]], None
        if key == "comparison_2022":
            return (f"ikk.{code}.pembanding.sebelumnya" if rest[1] == "value_2022" else f"ikk.{code}.realisasi"), None
        if key == "per_satker":
            return self.satker_table(ind, rest[1:])
        if key == "kategori":
            if rest[1] == "detail":
                # The intervened kawasan's IKKR is the BNNP's value of IKK-05; its training's
                # participants and surveys are the parts of that value.
                if rest[2] == "nilai_ikkr_akhir":
                    return f"ikk.{code}.satker.BNNP_NTB.value", None
                part = {"jumlah_peserta": "jumlah_peserta", "peserta_L": "peserta_laki_laki",
                        "peserta_P": "peserta_perempuan", "nilai_skm": "nilai_skm",
                        "nilai_kewirausahaan": "nilai_kewirausahaan"}[rest[2]]
                return f"ikk.{code}.satker.BNNP_NTB.rincian.{part}", None
            interval = ind["kategori"]["intervals"][rest[2]]
            return f"ikk.{code}.kategori.{interval['kategori']}." + {"min": "bawah", "max": "atas"}[rest[3]], None
        if key == "perbandingan_nasional":
            row = rest[2]
            field = {("realisasi", 0): "nilai", ("realisasi", 1): "provinsi",
                     ("target_raw", 0): "target", ("target_raw", 1): "target_provinsi"}[(rest[3], row)]
            return f"ikk.{code}.nasional.{field}", None
        if key == "zona_integritas":
            row = ind["zona_integritas"]["rows"][rest[2]]
            if row["satker"] != "BNNP Nusa Tenggara Barat":
                return None, "nilai provinsi lain dalam lampiran surat Inspektur Utama"
            if rest[3] == "jumlah":
                return f"ikk.{code}.satker.BNNP_NTB.value", None
            return f"ikk.{code}.satker.BNNP_NTB.rincian.{rest[3]}", None
        return None, "tidak dikenal"

    def satker_table(self, ind, rest):
        code = ind["id"]
        if rest[0] == "total_row":
            mean = code in MEAN_TOTALS
            if rest[1] == "target":
                return (f"ikk.{code}.satker_target_mean" if mean else f"ikk.{code}.target"), None
            return (f"ikk.{code}.satker_mean" if mean else f"ikk.{code}.realisasi"), None
        row = ind["per_satker"]["rows"][rest[1]]
        # A row printed "BARAT" under "BNN KAB SUMBAWA" is Sumbawa Barat listed a second time.
        unit = row["unit"] or "BNNK_SUMBAWA_BARAT"
        field = rest[2]
        if field == "target":
            return f"ikk.{code}.satker.{unit}.target", None
        if field in ("realisasi", "hasil_ikp"):
            return f"ikk.{code}.satker.{unit}.value", None
        # IKK-03's table: the lembaga advocated per lingkungan, their number, and each one's IKP.
        part = {"advokasi": "lembaga_", "nilai_ikp": "ikp_"}.get(field)
        if part:
            return f"ikk.{code}.satker.{unit}.rincian.{part}{rest[3]}", None
        if field == "jumlah":
            return f"ikk.{code}.satker.{unit}.rincian.jumlah_lembaga", None
        return None, "tidak dikenal"

    def pk(self, rest):
        if rest[0] == "kegiatan_anggaran":
            line = self.src["perjanjian_kinerja"]["lampiran_i"]["kegiatan_anggaran"][rest[1]]
            return f"pk.kegiatan.{self.kegiatan_by_name[line['kegiatan'].removeprefix('Kegiatan ')]}.anggaran", None
        if rest[0] == "rows":
            row = self.src["perjanjian_kinerja"]["lampiran_i"]["rows"][rest[1]]
            return f"ikk.{self.ikk_by_name[fold(row['indikator'])]}.target", None
        return None, "tidak dikenal"

    def bands(self, rest):
        if rest[-1] == "total":
            return "jumlah.ikk", None
        if rest[0] == "exec_summary":
            return f"pita.S1.{rest[2] + 1}", None
        if rest[0] == "bab_iii_narrative":
            return "pita.S3." + {"melebihi_target": "1", "sesuai_target": "2", "tidak_tercapai": "3"}[rest[1]], None
        if rest[0] == "bab_iv":
            return f"pita.S2.{rest[2] + 1}" + (".persen" if rest[3] == "pct_raw" else ""), None
        return None, "tidak dikenal"

    def budget(self, rest):
        fields = {"pagu": "pagu", "realisasi": "realisasi", "pct": "persen", "sisa": "sisa",
                  "efisiensi_pct": "efisiensi", "sisa_pct": "efisiensi"}
        if rest[0] == "bab_iii_alokasi_text":
            return SENTENCE_FIGURES[("anggaran",) + tuple(rest)], None
        if rest[0] == "exec_summary" or rest[-2] == "total":
            return f"anggaran.total.{fields[rest[-1]]}", None
        if rest[0] in ("per_program", "per_program_narrative"):
            rows = self.src["anggaran"]["per_program"]["rows"] if rest[0] == "per_program" else \
                self.src["anggaran"]["per_program_narrative"]
            row = rows[rest[-2]]
            return f"anggaran.program.{self.program(row['program'])}.{fields[rest[-1]]}", None
        if rest[0] == "per_satker":
            row = self.src["anggaran"]["per_satker"]["rows"][rest[2]]
            return f"anggaran.satker.{row['unit']}.{fields[rest[3]]}", None
        return None, "tidak dikenal"


def fold(text):
    return re.sub(r"[^a-z0-9]", "", text.lower())


def where(path):
    """The figure's place, for a finding: "transkripsi indikator[IKK-02].per_satker.rows[3].target"."""
    return "transkripsi " + ".".join(f"[{p}]" if isinstance(p, int) else p for p in path).replace(".[", "[")


def figures(src):
    """[(path, value, ref or None, why not)] for every figure of the transcription."""
    refs = Refs(src)
    out = []
    for path, value in leaves(src):
        ref, why = refs.ref(path)
        out.append((path, value, ref, why))
    return out
