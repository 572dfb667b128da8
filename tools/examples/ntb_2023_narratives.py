#!/usr/bin/env python3
"""Extracts the written texts of the seed (the BNNP NTB 2023 LKIP, as plain text) into
examples/ntb-2023/narratives.json, the file `lkipctl set-narratives` stores in the aggregator.

The texts people write: the kata pengantar and its signature, Bab I's sections, Bab IV's
kesimpulan and next steps, and per IKK its definisi operasional, metode pengukuran, faktor
(keberhasilan or kegagalan), hambatan and rekomendasi. Everything the report computes (the
capaian sentence "Dari target ...", the formula with its worked figures, the comparison with the
previous year, tables) is left out: the report writes those from the data. Tables inside a text
(tab-separated rows) are left out too. Texts keep the seed's wording; two kinds of change are made
and each is listed in examples/ntb-2023/corrections.md, which this script writes beside the output:

- The seed's plain-text transcription as CommonMark (the texts' format, docs/bundle-format.md):
  "- 1." bullets become numbered lists, numbers the transcription lost are restored from their
  neighbours, stray markers (">>>", a point that lost its "- ") are repaired.
- Misspellings (TYPOS), word by word, and a preposition written onto its noun ("dimana",
  "dijajarannya"). Non-standard but common usage (kerjasama, survey, personil, kost) is the
  writer's wording and stays.

Run once by hand; the output is committed (the seed is outside the repository):

  tools/examples/ntb_2023_narratives.py ../shared/reference/lkip-bnnp-ntb-2023.txt examples/ntb-2023/narratives.json
"""
import json
import os
import re
import sys

FIELDS = [("Definisi operasional", "definisi_operasional"), ("Metode pengukuran", "metode_pengukuran"),
          ("Faktor", "faktor"), ("Hambatan", "hambatan"), ("Rekomendasi", "rekomendasi")]
ENDS = ("Dari target", "Formula", "Jika dibandingkan", "Realisasi kinerja", "Dari data", "Sasaran strategis",
        "Grafik", "Tabel", "B. Realisasi Anggaran", "BAB IV")
SASARAN = re.compile(r"^(- )?(\d+\.\s*)?Sasaran\s*:")   # the next sasaran's heading, in any of its forms

# Misspelled words of the seed and their spelling (KBBI), found with hunspell-id.
TYPOS = {"pengangggaran": "penganggaran", "Angggaran": "Anggaran", "rehabiitasi": "rehabilitasi",
         "progam": "program", "pelu": "perlu", "orietasi": "orientasi", "kulitas": "kualitas",
         "kemanan": "keamanan", "berasusmsi": "berasumsi", "antusiame": "antusiasme",
         "Pelaksanan": "Pelaksanaan", "keterlampilan": "keterampilan", "ketrampilan": "keterampilan",
         "sistimatika": "sistematika", "masingmasing": "masing-masing", "duniausaha": "dunia usaha",
         "yangs": "yang", "cidera": "cedera", "kuisioner": "kuesioner", "Kuisioner": "Kuesioner",
         "efektifitas": "efektivitas", "diwilayahnya": "di wilayahnya", "kedepannya": "ke depannya",
         "Familiy": "Family", "Adjusment": "Adjustment", "Quessionares": "Questionnaires",
         # The preposition written onto its noun (PUEBI: "di" and "ke" before a place stand apart).
         "dijajarannya": "di jajarannya", "dilingkungannya": "di lingkungannya", "diluar": "di luar",
         "didalamnya": "di dalamnya", "dibidang": "di bidang", "dimana": "di mana", "kearah": "ke arah", "seringkali": "sering kali",
         "sejauhmana": "sejauh mana", "masing masing": "masing-masing",
         # Words the transcription split or the writer mistyped.
         "standard an": "standar dan", "Breef": "BREF", "instrument": "instrumen", "prakteknya": "praktiknya"}

# Points whose marker the transcription lost or mangled: (key, as transcribed, as printed).
REPAIRS = [
    ("IKK-12.rekomendasi", "\n\n meningkatkan koordinasi", "\n\n- 1. meningkatkan koordinasi"),
    ("IKK-12.rekomendasi", "lainnya;\n\n- 2.", "lainnya;\n- 2."),
    ("bab1.kedudukan_tugas_fungsi", "\n- Mencegah dan", "\n- a. Mencegah dan"),
    ("bab4.langkah_ke_depan", "operasional.\n\ne. Optimalisasi", "operasional.\n- e. Optimalisasi"),
    ("IKK-05.metode_pengukuran", "\n\n>>> Pengukuran", "\n\nPengukuran"),
    ("IKK-02.metode_pengukuran", "\n\n- menghitung jumlah", "\n\n- a. menghitung jumlah"),
    ("IKK-01.metode_pengukuran", "\n- kriteria indeks ketahanan diri remaja", "\n- b. kriteria indeks ketahanan diri remaja"),
    ("IKK-03.metode_pengukuran", "sebagai\n - figur yang biasa", "sebagai figur yang biasa"),
    ("IKK-14.metode_pengukuran", "\n\n a_2 = untuk", "\n\na₂ = untuk"),
]

# Figures the seed typed that the data holds, bound to it ({{ref}}, docs/bundle-format.md, "Bound
# figures"): the report prints the same figures, now from the data. The verifier proposes these
# (ANGKA_TEKS_SESUAI); the category intervals it also matches stay typed, as the rule set's text.
BINDINGS = [
    ("bab4.kesimpulan", "ada 13 sasaran dan 19 Indikator", "ada {{jumlah.sasaran}} sasaran dan {{jumlah.ikk}} Indikator"),
]

ITEM = re.compile(r"^(?:- (?:(\d+)\. )?|(\d+)\. )(.*)$")


def numbered_lists(text):
    """Each run of points of which one at least is a "- N." bullet, as a numbered list: "N. ...",
    the numbers counted from the first one given (a point whose number was lost gets its place)."""
    lines, out, i = text.split("\n"), [], 0
    while i < len(lines):
        if not ITEM.match(lines[i]):
            out.append(lines[i])
            i += 1
            continue
        run, j = [], i
        while j < len(lines):
            m = ITEM.match(lines[j])
            if m:
                run.append(m)
                j += 1
            elif (lines[j] == "" and j + 1 < len(lines) and re.match(r"^(- )?\d+\. ", lines[j + 1])
                  and any(r.group(1) or r.group(2) for r in run)):
                j += 1   # "\n\n3. ..." after "- 2. ...": the same list
            else:
                break
        if any(r.group(1) for r in run):
            first = next(n for n, r in enumerate(run) if r.group(1) or r.group(2))
            start = int(run[first].group(1) or run[first].group(2)) - first
            out.extend(f"{n}. {r.group(3)}" for n, r in enumerate(run, start))
        else:
            out.extend(lines[i:j])
        i = j
    return "\n".join(out)


def corrected(texts):
    """The texts as CommonMark with their misspellings fixed, and the list of what changed."""
    changes = []
    for key, before, after in REPAIRS:
        assert before in texts[key], (key, before)
        texts[key] = texts[key].replace(before, after)
        changes.append((key, "penanda butir", before.strip(), after.strip()))
    for key, text in texts.items():
        listed = numbered_lists(text)
        if listed != text:
            changes.append((key, "daftar bernomor", "- 1. ...", "1. ..."))
        for wrong, right in TYPOS.items():
            fixed = re.sub(rf"\b{re.escape(wrong)}\b", right, listed)
            if fixed != listed:
                changes.append((key, "ejaan", wrong, right))
            listed = fixed
        texts[key] = listed
    for key, typed, bound in BINDINGS:
        assert typed in texts[key], (key, typed)
        texts[key] = texts[key].replace(typed, bound)
        changes.append((key, "angka terikat", typed, bound))
    return changes


def write_corrections(path, changes):
    with open(path, "w", encoding="utf-8") as f:
        f.write("# Corrections to the seed's texts in narratives.json\n\n"
                "Written by `tools/examples/ntb_2023_narratives.py`, which makes them: the seed's wording is kept; "
                "its plain-text transcription is made CommonMark (numbered lists, lost point markers) and its "
                "misspellings are corrected; figures it typed that the data holds are bound to the data "
                "(\"angka terikat\": the report prints them from the data).\n\n| Teks | Jenis | Semula | Menjadi |\n|---|---|---|---|\n")
        for key, kind, before, after in changes:
            cell = lambda t: "`" + t.replace("\n", "⏎").replace("|", "\\|") + "`"
            f.write(f"| {key} | {kind} | {cell(before)} | {cell(after)} |\n")


def paragraphs(lines):
    out, cur = [], []
    for line in lines:
        if line.strip():
            cur.append(line.rstrip())
        elif cur:
            out.append("\n".join(cur))
            cur = []
    if cur:
        out.append("\n".join(cur))
    return out


def section(lines, start, end):
    """The paragraphs between the line equal to `start` and the line starting with `end`."""
    i = next(n for n, l in enumerate(lines) if l.strip() == start)
    j = next(n for n, l in enumerate(lines) if n > i and l.strip().startswith(end))
    return [p for p in paragraphs(lines[i + 1:j]) if "\t" not in p]


def indicator_texts(lines):
    start = next(n for n, l in enumerate(lines) if l.startswith("BAB III AKUNTABILITAS"))
    end = next(n for n, l in enumerate(lines) if l.startswith("B. Realisasi Anggaran"))
    texts, ikk, field = {}, 0, None
    for p in paragraphs(lines[start:end]):
        cut = next((n for n, l in enumerate(p.split("\n")) if SASARAN.match(l)), None)
        if cut is not None:   # a heading inside a paragraph: keep what precedes it, then stop
            if cut > 0 and field is not None:
                key = f"IKK-{ikk:02d}.{field}"
                texts[key] += "\n\n" + "\n".join(p.split("\n")[:cut])
            field = None
            continue
        marker = next((key for prefix, key in FIELDS if p.startswith(prefix)), None)
        if marker:
            if marker == "definisi_operasional":
                ikk += 1
            field = marker
        elif p.startswith(ENDS):
            field = None
            continue
        if field is None or "\t" in p:
            continue
        key = f"IKK-{ikk:02d}.{field}"
        texts[key] = texts[key] + "\n\n" + p if key in texts else p
    assert ikk == 19, ikk
    return texts


def main():
    seed, out = sys.argv[1:3]
    lines = open(seed, encoding="utf-8").read().split("\n")
    kp = section(lines, "KATA PENGANTAR", "RINGKASAN EKSEKUTIF")
    place = next(n for n, p in enumerate(kp) if re.match(r"^[A-Z][a-z]+, \d+ \w+ \d{4}$", p))
    texts = {
        "kata_pengantar": "\n\n".join(kp[:place]),
        "penandatangan.tempat_tanggal": kp[place],
        "penandatangan.jabatan": "Kepala Badan Narkotika Nasional Provinsi Nusa Tenggara Barat",
        "penandatangan.nama": kp[-1],
        "bab1.latar_belakang": "\n\n".join(section(lines, "A. Latar Belakang", "B. Dasar Hukum")),
        "bab1.dasar_hukum": "\n\n".join(section(lines, "B. Dasar Hukum", "C. Kedudukan")),
        "bab1.kedudukan_tugas_fungsi": "\n\n".join(section(lines, "C. Kedudukan, Tugas, Fungsi, dan Kewenangan",
                                                             "D. Struktur Organisasi")),
        "bab1.struktur_organisasi": "\n\n".join(section(lines, "D. Struktur Organisasi", "E. Sistematika")),
        "bab1.sistematika": "\n\n".join(section(lines, "E. Sistematika Penyajian", "BAB II")),
        "bab4.kesimpulan": "\n\n".join(section(lines, "1. Kesimpulan", "2. Pengukuran Kinerja Outcome")),
        "bab4.langkah_ke_depan": "\n\n".join(section(lines, "4. Langkah yang akan dilakukan untuk meningkatkan kinerja",
                                                     "LAMPIRAN I")),
    }
    texts.update(indicator_texts(lines))
    texts = {k: v for k, v in texts.items() if v}
    write_corrections(os.path.join(os.path.dirname(out), "corrections.md"), corrected(texts))
    doc = {"fiscal_year": 2023, "province_code": "BNNP_NTB",
           "source_document": "LKIP BNNP Nusa Tenggara Barat 2023 (teks asli laporan)",
           "narratives": texts}
    with open(out, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=1, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
