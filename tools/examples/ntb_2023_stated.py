#!/usr/bin/env python3
"""Writes examples/ntb-2023/stated.json: the figures the seed report states, each with what it
refers to in the data and where the seed states it, for `lkipctl verify --stated`.

Usage: ntb_2023_stated.py SEED_TXT TRANSCRIBED_JSON OUT_JSON

Run by hand when the seed or this list changes; the output is committed. Every figure is read
from the seed's own line (found by a phrase of that line), never typed here, so a transcription
slip cannot enter: the executive summary's 19 IKK lines, the Bab III capaian table, the three
band tables (S1 in the executive summary, S3 in Bab III, S2 in Bab IV), the budget tables with
their TOTAL rows, the budget sentences of the executive summary and Bab III B, and the per-satker
tables of Bab III: every satker row that states a figure, and each table's TOTAL row. The
passages of the executive summary and Bab III B that carry those figures are copied as they are
written (`texts`), for the verifier to read their typed figures.

Then every other figure of the seed's transcription (ntb_2023_transcribed_figures.py: satker
targets, the PK lampiran, category intervals, comparison values, counts, band shares, figures
repeated in other places) that names a figure of the data, each once per place it is printed:
a figure the lines above already give (same ref and value) is not repeated.
"""
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ntb_2023_transcribed_figures as transcribed  # noqa: E402

SOURCE = "LKIP BNNP Nusa Tenggara Barat 2023"


def plain(printed):
    """Indonesian figure as printed -> plain decimal: "16.468.319.000" -> "16468319000",
    "99,44" -> "99.44". A point followed by one or two digits is a decimal point the seed wrote
    by mistake ("97.26", "3.3"): read as a decimal."""
    s = printed.strip().rstrip("%").strip()
    if s == "-":
        return "0"
    if "," in s:
        return s.replace(".", "").replace(",", ".")
    if re.fullmatch(r"\d+\.\d{1,2}", s):
        return s
    return s.replace(".", "")


class Seed:
    def __init__(self, path):
        with open(path, encoding="utf-8") as f:
            self.lines = f.read().split("\n")

    def find(self, phrase, start=0, end=None):
        """(line number 1-based, text) of the first line from `start` containing `phrase`."""
        for i in range(start, end or len(self.lines)):
            if phrase in self.lines[i]:
                return i + 1, self.lines[i]
        raise SystemExit(f"seed: no line with {phrase!r} after line {start}")


def main():
    seed_path, transcribed_path, out_path = sys.argv[1:4]
    seed = Seed(seed_path)
    figures = []

    def add(ref, printed, line, where, name=None):
        entry = {"ref": ref, "value": plain(printed), "where": f"{where} (baris {line})"}
        if name:
            entry["name"] = name
        figures.append(entry)

    # Executive summary: "<name> target X ... tercapai sebesar Y ... (Z%)", IKK-01..19 in order.
    start, _ = seed.find("Gambaran capaian strategis")
    end, _ = seed.find("Upaya pencapaian target kinerja")
    bullets = [(i + 1, l) for i, l in enumerate(seed.lines[start:end - 1], start) if "tercapai sebesar" in l]
    assert len(bullets) == 19, len(bullets)
    for n, (line, text) in enumerate(bullets, 1):
        m = re.search(r"^\s*-\s*(?:[a-z]\.\s*)?(.*?) target ([\d.,]+).*?tercapai sebesar ([\d.,]+?)\.?(?: |%).*\((\d+)%\)", text)
        assert m, text
        code = f"IKK-{n:02d}"
        name = m.group(1)
        if name.endswith(" mencapai"):   # "... mencapai target 4 ...": the one "target" ends the name too
            name += " target"
        add(f"ikk.{code}.target", m.group(2), line, "Ringkasan eksekutif", name)
        add(f"ikk.{code}.realisasi", m.group(3), line, "Ringkasan eksekutif")
        add(f"ikk.{code}.capaian", m.group(4), line, "Ringkasan eksekutif")

    # S1 in the executive summary: "- a. Capaian ... sebanyak = N Indikator".
    line, _ = seed.find("Capaian di atas 100% sebanyak")
    for k in range(7):
        m = re.search(r"sebanyak = (\d+) Indikator", seed.lines[line - 1 + k])
        add(f"pita.S1.{k + 1}", m.group(1), line + k, "Ringkasan eksekutif, kriteria capaian")

    line, text = seed.find("Pagu anggaran BNNP Nusa Tenggara Barat beserta BNNK jajarannya tahun 2023 sebesar")
    m = re.search(r"sebesar Rp\. \**([\d.]+),-\**.*?sebesar \**Rp\. ([\d.]+),-\**.*?sebesar \**([\d,]+)%", text)
    add("anggaran.total.pagu", m.group(1), line, "Ringkasan eksekutif, anggaran")
    add("anggaran.total.realisasi", m.group(2), line, "Ringkasan eksekutif, anggaran")
    add("anggaran.total.persen", m.group(3), line, "Ringkasan eksekutif, anggaran")

    # S3 in Bab III: "10 (sepuluh) ... melebihi target, 6 (enam) ... sesuai target, dan 3 (tiga)".
    line, text = seed.find("dapat disimpulkan")
    m = re.search(r"(\d+) \(\w+\) indikator kinerja kegiatan melebihi target, (\d+) \(\w+\) indikator kinerja kegiatan "
                  r"sesuai target, dan (\d+)", text)
    for k in range(3):
        add(f"pita.S3.{k + 1}", m.group(k + 1), line, "Bab III A, kesimpulan capaian")

    # The Bab III capaian table: "...<name>\t<target> <unit>\t<realisasi> <unit>\t<%>".
    table_start, _ = seed.find("Berikut ini dijelaskan realisasi pencapaian")
    table_end, _ = seed.find("Guna mengetahui lebih jauh", table_start)
    rows = {  # IKK: a phrase of its row (IKK-02's row is split across a page break and left out)
        "IKK-01": "Indeks Ketahanan Diri Remaja", "IKK-03": "Indeks Kemandirian Partisipasi",
        "IKK-04": "menjadi \"Waspada\"", "IKK-05": "Nilai Keterpulihan Kawasan", "IKK-06": "peningkatan kualitas hidup",
        "IKK-07": "layanan IBM yang terlatih", "IKK-08": "tersertifikasi kompetensi teknis",
        "IKK-09": "memenuhi Standar", "IKK-10": "layanan IBM yang operasional", "IKK-11": "Indeks kepuasan penerima",
        "IKK-12": "yang P-21", "IKK-13": "kesehatan tahanan", "IKK-14": "barang bukti narkotika dan non",
        "IKK-15": "Nilai Kinerja Anggaran BNN\t", "IKK-16": "dengan NKA mencapai target", "IKK-17": "(IKPA)\t",
        "IKK-18": "Nilai IKPA mencapai target", "IKK-19": "Nilai zona integritas BNN",
    }
    for code, phrase in rows.items():
        line, text = seed.find(phrase, table_start, table_end)
        m = re.search(r"\t([\d.,]+)[^\t]*\t([\d.,]+)[^\t]*\t(\d+)\s*$", text)
        assert m, (code, text)
        add(f"ikk.{code}.realisasi", m.group(2), line, "Bab III A, tabel capaian")
        add(f"ikk.{code}.capaian", m.group(3), line, "Bab III A, tabel capaian")

    # Per-satker tables whose rows the text keeps whole: "<no>\t<SATKER>...\t<target>\t<realisasi>",
    # and a TOTAL row. The n-th "NO\tUNIT KERJA" table of Bab III belongs to the IKK named; a
    # phrase of its rows confirms it. A TOTAL under index values (IKK-18) is read as their mean,
    # the only total index values have; the verifier then shows what it is.
    satker = {"BNNP NTB": "BNNP_NTB", "BNNK MATARAM": "BNNK_MATARAM", "BNN KAB SUMBAWA BARAT": "BNNK_SUMBAWA_BARAT",
              "BNN KAB SUMBAWA\t": "BNNK_SUMBAWA", "BNN KAB BIMA": "BNNK_BIMA"}
    headers = [i + 1 for i, l in enumerate(seed.lines) if l.startswith("NO\tUNIT KERJA")]
    for index, code, phrase, skip_bnnp, total_ref in ((0, "IKK-01", "Ketahanan Diri", True, None),
                                                      (9, "IKK-11", "layanan rehabil", False, None),
                                                      (13, "IKK-16", "Nilai Kinerja Angg", False, None),
                                                      (14, "IKK-18", "(IKPA)", False, "satker_mean")):
        first = headers[index]
        seed.find(phrase, first, first + 8)
        where = f"Bab III, tabel per satker {code}"
        for name, unit in satker.items():
            if skip_bnnp and unit == "BNNP_NTB":   # IKK-01's BNNP row is the province's own index, counted apart
                continue
            line, text = seed.find(name, first, first + 8)
            add(f"ikk.{code}.satker.{unit}.value", text.rstrip().split("\t")[-1], line, where)
        if total_ref:
            line, text = first + 6, seed.lines[first + 5]
            assert text.split("\t")[-2].strip() and re.fullmatch(r"[\d.,]+", text.split("\t")[-1].strip()), text
            add(f"ikk.{code}.{total_ref}", text.split("\t")[-1], line, f"{where}, baris TOTAL")

    # Per-satker tables whose rows the text breaks: the cells of the second and third columns wrap
    # onto the next rows, and "BNN KAB SUMBAWA BARAT" is split as "BNN KAB SUMBAWA" then a row
    # "BARAT". A numbered row whose last cell is a figure states that satker's realisasi: the row
    # "BNN KAB SUMBAWA" directly followed by a row "BARAT" is Sumbawa Barat's; a "BARAT" row with
    # figures of its own states Sumbawa Barat a second time (the seed lists it twice in the IKK-02
    # and IKK-06 tables, with other values). Rows whose last cell is empty state nothing.
    def split_rows(index, code, phrase):
        first = headers[index]
        seed.find(phrase, first, first + 10)
        where = f"Bab III, tabel per satker {code}"
        rows = []
        for line in range(first + 1, first + 12):
            if not seed.lines[line - 1].strip():
                break   # the blank line after the table
            cells = seed.lines[line - 1].split("\t")
            if not re.fullmatch(r"[\d_]+", cells[0].strip()):
                continue   # a wrapped cell's continuation, or the TOTAL row
            rows.append((line, cells))
        for k, (line, cells) in enumerate(rows):
            name = cells[1].strip()
            following = rows[k + 1][1][1].strip() if k + 1 < len(rows) else ""
            if name == "BNN KAB SUMBAWA":
                unit = "BNNK_SUMBAWA_BARAT" if following == "BARAT" else "BNNK_SUMBAWA"
            else:
                unit = {"BNNP NTB": "BNNP_NTB", "BNNK MATARAM": "BNNK_MATARAM", "BNN KAB SUMBAWA BARAT": "BNNK_SUMBAWA_BARAT",
                        "BARAT": "BNNK_SUMBAWA_BARAT", "BNN KAB BIMA": "BNNK_BIMA"}.get(name)
            if unit is None:
                raise SystemExit(f"seed: unknown satker {name!r} in the {code} table at line {line}")
            m = re.fullmatch(r"\s*(\d+(?:[.,]\d+)?)\s*(?:%|[A-Za-z ]+)?\s*", cells[-1])
            if m:
                add(f"ikk.{code}.satker.{unit}.value", m.group(1), line, where)

    for index, code, phrase in ((1, "IKK-02", "Ketahanan Keluarga"), (2, "IKK-04", "kawasan rawan"),
                                (3, "IKK-05", "Keterpulihan"), (4, "IKK-06", "kualitas hidup"),
                                (5, "IKK-07", "layanan IBM"), (6, "IKK-08", "tersert"),
                                (7, "IKK-09", "Standar"), (8, "IKK-10", "Jumlah unit"), (10, "IKK-12", "P21")):
        split_rows(index, code, phrase)

    # The TOTAL rows of per-satker tables whose rows the text breaks: the row without a number
    # in front, its last figure (a standalone number: "P21" is not one) is the table's realisasi.
    for index, code, phrase in ((0, "IKK-01", "Ketahanan Diri"), (4, "IKK-06", "kualitas hidup"),
                                (5, "IKK-07", "layanan IBM"), (6, "IKK-08", "tersert"),
                                (8, "IKK-10", "Jumlah unit"), (10, "IKK-12", "P21")):
        first = headers[index]
        seed.find(phrase, first, first + 10)
        for line in range(first + 1, first + 11):
            text = seed.lines[line - 1]
            numbers = re.findall(r"(?<![\w,.-])(\d+(?:[.,]\d+)?)(?=\s|%|$)", text)
            if text.startswith(("\t", " \t")) and numbers:
                add(f"ikk.{code}.realisasi", numbers[-1], line, f"Bab III, tabel per satker {code}, baris TOTAL")
                break
        else:
            raise SystemExit(f"seed: no TOTAL row in the {code} table at line {first}")

    # Bab III B: the program and satker tables (TOTAL rows included) and the program sentences.
    fields = ("pagu", "realisasi", "persen", "sisa", "efisiensi")
    line, _ = seed.find("NO\tPROGRAM\tPAGU")
    for k, code in enumerate(("DUKMAN", "P4GN", None)):
        cells = seed.lines[line + k].split("\t")[-5:]
        for field, cell in zip(fields, cells):
            ref = f"anggaran.program.{code}.{field}" if code else f"anggaran.total.{field}"
            add(ref, cell, line + 1 + k, "Bab III B, tabel per program")
    line, _ = seed.find("NO\tSATKER\tPAGU DANA")
    for k, code in enumerate(("BNNP_NTB", "BNNK_MATARAM", "BNNK_SUMBAWA_BARAT", "BNNK_SUMBAWA", "BNNK_BIMA", None)):
        cells = seed.lines[line + k].split("\t")[-5:]
        for field, cell in zip(fields, cells):
            ref = f"anggaran.satker.{code}.{field}" if code else f"anggaran.total.{field}"
            add(ref, cell, line + 1 + k, "Bab III B, tabel per satker")
    for code, phrase in (("DUKMAN", "Rp. 10.885.113.000,- telah terealisasi"), ("P4GN", "Rp. 5.583.206.000,- telah terealisasi")):
        line, text = seed.find(phrase)
        m = re.search(r"sebesar Rp\. ([\d.]+),- telah terealisasi sebesar Rp\. ([\d.]+),- \(([\d,]+)%\), sisa anggaran "
                      r"sebesar Rp\. ([\d.]+),- \(([\d,.]+)%\)", text)
        for field, group in zip(fields, (1, 2, 3, 4, 5)):
            add(f"anggaran.program.{code}.{field}", m.group(group), line, "Bab III B, uraian program")

    # S2 in Bab IV: "I.\t16\tCapaian ≥100%\t84%".
    line, _ = seed.find("Urutan\tJumlah IKK\tRentang Capaian")
    for k in range(5):
        add(f"pita.S2.{k + 1}", seed.lines[line + k].split("\t")[1], line + 1 + k, "Bab IV, pengukuran kinerja outcome")

    # The passages whose figures the verifier reads as it reads a stored text (StatedText): the
    # executive summary's count of sasaran and IKK, its 19 IKK lines (each read as its IKK's), its
    # budget sentence, and Bab III B's two program paragraphs (the program's heading line, then the
    # sentence that refers back to it). Bold markers of the transcription ("**") are left out.
    texts = []

    def add_text(line, where, text, ikk=None):
        entry = {"where": f"{where} (baris {line})", "text": text.replace("**", "").strip()}
        if ikk:
            entry["ikk"] = ikk
        texts.append(entry)

    line, text = seed.find("Sasaran Strategis dengan")
    add_text(line, "Ringkasan eksekutif", text)
    for n, (line, text) in enumerate(bullets, 1):
        add_text(line, "Ringkasan eksekutif", text, f"IKK-{n:02d}")
    line, text = seed.find("Pagu anggaran BNNP Nusa Tenggara Barat beserta BNNK jajarannya tahun 2023 sebesar")
    add_text(line, "Ringkasan eksekutif, anggaran", text)
    for heading in ("Program Dukungan Manajemen dan Pelaksanaan Tugas Teknis lainnya BNN, dengan pagu",
                    "Program Pencegahan dan Pemberantasan Penyalahgunaan dan Peredaran Gelap Narkoba, dengan pagu"):
        line, text = seed.find(heading)
        sentence_line, sentence = seed.find("Dari pagu alokasi anggaran", line)
        add_text(line, "Bab III B, uraian program", f"{text}\n\n{sentence}")

    from_lines = len(figures)
    have = {(f["ref"], f["value"]) for f in figures}
    with open(transcribed_path, encoding="utf-8") as f:
        src = json.load(f)
    for path, value, ref, _ in transcribed.figures(src):
        if ref is None or (ref, value) in have:
            continue
        have.add((ref, value))
        figures.append({"ref": ref, "value": value, "where": transcribed.where(path)})

    doc = {"fiscal_year": 2023, "province_code": "BNNP_NTB", "source_document": SOURCE, "figures": figures,
           "texts": texts}
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=2)
        f.write("\n")
    print(f"{out_path}: {len(figures)} figures ({from_lines} read from the seed's lines), {len(texts)} passages")


if __name__ == "__main__":
    main()
