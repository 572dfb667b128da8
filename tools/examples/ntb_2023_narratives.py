#!/usr/bin/env python3
"""Extracts the written texts of the seed (the BNNP NTB 2023 LKIP, as plain text) into
examples/ntb-2023/narratives.json, the file `lkipctl set-narratives` stores in the aggregator.

The texts people write: the kata pengantar and its signature, Bab I's sections, Bab IV's
kesimpulan and next steps, and per IKK its definisi operasional, metode pengukuran, faktor
(keberhasilan or kegagalan), hambatan and rekomendasi. Everything the report computes (the
capaian sentence "Dari target ...", the formula with its worked figures, the comparison with the
previous year, tables) is left out: the report writes those from the data. Tables inside a text
(tab-separated rows) are left out too. Texts are kept as printed, typos included.

Run once by hand; the output is committed (the seed is outside the repository):

  tools/examples/ntb_2023_narratives.py ../shared/reference/lkip-bnnp-ntb-2023.txt examples/ntb-2023/narratives.json
"""
import json
import re
import sys

FIELDS = [("Definisi operasional", "definisi_operasional"), ("Metode pengukuran", "metode_pengukuran"),
          ("Faktor", "faktor"), ("Hambatan", "hambatan"), ("Rekomendasi", "rekomendasi")]
ENDS = ("Dari target", "Formula", "Jika dibandingkan", "Realisasi kinerja", "Dari data", "Sasaran strategis",
        "Grafik", "Tabel", "B. Realisasi Anggaran", "BAB IV")
SASARAN = re.compile(r"^(- )?(\d+\.\s*)?Sasaran\s*:")   # the next sasaran's heading, in any of its forms


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
    doc = {"fiscal_year": 2023, "province_code": "BNNP_NTB",
           "source_document": "LKIP BNNP Nusa Tenggara Barat 2023 (teks asli laporan)",
           "narratives": {k: v for k, v in texts.items() if v}}
    with open(out, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=1, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
