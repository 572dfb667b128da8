#!/usr/bin/env python3
"""End-to-end test: the real binaries as processes on free loopback ports.

Starts the suite with scripts/suite.sh in a temporary directory, imports the NTB 2023 example
with lkipctl, and checks the capaian table lkipctl writes against the figures the seed
publishes (domain-rules §4). Then stops one bidang service and checks that lkipctl reports a
partial result: exit code 3 without --allow-partial, that service's IKK marked unavailable with
the reason. Also checks that a bad bundle is refused with nothing imported.

RawRecords does the same from raw records (examples/ntb-2023/raw, the rules of raw/rules that
compute IKK-01..14 from them) and checks that the same IKK-01..14 come out, each satker's
computed value beside its published one, and the seed's kawasan transition as a finding.

Usage: e2e_test.py BUILD_DIR
"""
import json
import os
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
import shutil
import signal
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build"))
LKIPCTL = os.path.join(BUILD, "tools", "lkipctl")
BUNDLE = os.path.join(ROOT, "examples", "ntb-2023", "bundle.json")
RAW = os.path.join(ROOT, "examples", "ntb-2023", "raw")

EXPECTED = {  # IKK: (realisasi, capaian to 2 decimals), domain-rules §4
    "IKK-01": ("3", "150.00"), "IKK-02": ("4", "133.33"), "IKK-03": ("4", "100.00"),
    "IKK-04": ("1", "100.00"), "IKK-05": ("2.88", "104.35"), "IKK-06": ("76.39", "101.85"),
    "IKK-07": ("64", "128.00"), "IKK-08": ("3", "60.00"), "IKK-09": ("2", "100.00"),
    "IKK-10": ("12", "120.00"), "IKK-11": ("3.81", "115.45"), "IKK-12": ("20", "166.67"),
    "IKK-13": ("100", "100.00"), "IKK-14": ("100", "100.00"), "IKK-15": ("87.93", "95.58"),
    "IKK-16": ("0", "0.00"), "IKK-17": ("97.26", "105.72"), "IKK-18": ("4", "100.00"),
    "IKK-19": ("87.18", "116.24"),
}
BANDS = {"S1": [10, 7, 0, 0, 1, 0, 1], "S2": [16, 1, 0, 2, 0], "S3": [10, 6, 3]}


def run(*args, check=True, env_extra=None):
    env = dict(os.environ, LKIP_BUILD_DIR=BUILD, **(env_extra or {}))
    p = subprocess.run(list(args), capture_output=True, text=True, env=env, timeout=120)
    if check and p.returncode != 0:
        raise AssertionError(f"{args} exited {p.returncode}\nstdout:\n{p.stdout}\nstderr:\n{p.stderr}")
    return p


class EndToEnd(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="lkip-e2e-")
        cls.var = os.path.join(cls.tmp, "var")
        cls.agg = run("bash", os.path.join(ROOT, "scripts", "suite.sh"), "start", cls.var).stdout.strip()

    @classmethod
    def tearDownClass(cls):
        run("bash", os.path.join(ROOT, "scripts", "suite.sh"), "stop", cls.var, check=False)
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def ctl(self, *args, check=True):
        return run(LKIPCTL, "--aggregator", self.agg, "--actor", "e2e", *args, check=check)

    def capaian(self, out, *extra, check=True):
        p = self.ctl("capaian", "--year", "2023", "--province", "BNNP_NTB", "--out", out, *extra, check=check)
        with open(os.path.join(out, "capaian.json"), encoding="utf-8") as f:
            return p, json.load(f)

    def test_1_bad_bundle_imports_nothing(self):
        with open(BUNDLE, encoding="utf-8") as f:
            bundle = json.load(f)
        bundle["satker_values"][0]["satker_code"] = "BNNK_LOMBOK_TIMUR"
        bad = os.path.join(self.tmp, "bad.json")
        with open(bad, "w", encoding="utf-8") as f:
            json.dump(bundle, f)
        p = self.ctl("import", bad, check=False)
        self.assertEqual(p.returncode, 1, p.stdout + p.stderr)
        self.assertIn("bad.json", p.stderr)
        self.assertIn("$.satker_values[0].satker_code", p.stderr)
        self.assertIn("BNNK_LOMBOK_TIMUR", p.stderr)
        # Nothing was imported: there is no Perjanjian Kinerja yet.
        p = self.ctl("indicators", "--year", "2023", "--province", "BNNP_NTB", check=False)
        self.assertNotEqual(p.returncode, 0)
        self.assertIn("NOT_FOUND", p.stderr)

    def test_2_capaian_reproduces_the_seed(self):
        p = self.ctl("import", BUNDLE)
        self.assertIn("import complete", p.stdout)
        out = os.path.join(self.tmp, "out")
        _, table = self.capaian(out)
        self.assertEqual(table["fiscal_year"], 2023)
        self.assertEqual(table["satker"], "BNNP_NTB")
        self.assertTrue(table["complete"])
        got = {i["code"]: (i["realisasi"], i["capaian"]) for i in table["indicators"]}
        self.assertEqual(got, EXPECTED)
        for band_set, counts in BANDS.items():
            self.assertEqual([r["count"] for r in table["bands"][band_set]], counts, band_set)
        # The counted IKK come from the BNNK rows, not from a stored count.
        ikk01 = next(i for i in table["indicators"] if i["code"] == "IKK-01")
        self.assertEqual(sum(r["counted"] for r in ikk01["satker_rows"]), 3)
        with open(os.path.join(out, "capaian.html"), encoding="utf-8") as f:
            html = f.read()
        self.assertIn("87,93", html)
        self.assertIn("166,67", html)
        # A second import changes nothing; the files come out the same.
        p = self.ctl("import", BUNDLE)
        self.assertNotIn(" 1 written", p.stdout)
        out2 = os.path.join(self.tmp, "out2")
        self.capaian(out2)
        for name in ("capaian.json", "capaian.html"):
            with open(os.path.join(out, name), "rb") as a, open(os.path.join(out2, name), "rb") as b:
                self.assertEqual(a.read(), b.read(), name)

    def test_3_skm_csv_streams_into_rehabilitasi(self):
        csv = os.path.join(self.tmp, "skm-klinik-2023.csv")
        with open(csv, "w", encoding="utf-8") as f:
            f.write("satker_code,u1,u2,u3,u4,u5,u6,u7,u8,u9\n")
            for i in range(2500):
                f.write("BNNP_NTB," + ",".join(str(3 + (i + j) % 2) for j in range(9)) + "\n")
        p = self.ctl("import-skm", csv, "--year", "2023")
        self.assertIn("imported 2500 skm rows as skm-klinik-2023.csv", p.stdout)
        p = self.ctl("import-skm", csv, "--year", "2023")
        self.assertIn("nothing changed", p.stdout)
        with open(csv, "a", encoding="utf-8") as f:
            f.write("BNNP_NTB,4,4,4,4,5,4,4,4,4\n")
        p = self.ctl("import-skm", csv, "--year", "2023", "--import-id", "skm-2", check=False)
        self.assertEqual(p.returncode, 1)
        self.assertIn("line 2502", p.stderr)
        # The shipped rules report the recorded IKK-11 (3,81); the computed index sits beside it.
        _, table = self.capaian(os.path.join(self.tmp, "skm"))
        ikk11 = next(i for i in table["indicators"] if i["code"] == "IKK-11")
        self.assertEqual(ikk11["realisasi"], "3.81")
        bnnp = next(r for r in ikk11["satker_rows"] if r["satker"] == "BNNP_NTB")
        self.assertEqual(bnnp["alternative"]["kind"], "PROVENANCE_KIND_COMPUTED")
        self.assertEqual(bnnp["alternative"]["value"], "3.5")   # answers alternate 3 and 4

    def test_4_service_down_gives_a_partial_result(self):
        with open(os.path.join(self.var, "run", "pemberantasan.pid")) as f:
            pid = int(f.read())
        os.kill(pid, signal.SIGTERM)
        for _ in range(100):
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            subprocess.run(["sleep", "0.1"])
        out = os.path.join(self.tmp, "partial")
        p, table = self.capaian(out, check=False)
        self.assertEqual(p.returncode, 3, p.stderr)
        self.assertIn("--allow-partial", p.stderr)
        self.assertFalse(table["complete"])
        for ind in table["indicators"]:
            if ind["service"] == "pemberantasan":
                self.assertFalse(ind["available"])
                self.assertIn("pemberantasan", ind["unavailable_reason"])
                self.assertIsNone(ind["capaian"])
            else:
                self.assertTrue(ind["available"], ind["code"])
        p, _ = self.capaian(out, "--allow-partial")
        self.assertEqual(p.returncode, 0)


def rounded(exact, like):
    """An exact value ("1375/18", "2.88") rounded to as many decimals as `like` has."""
    q = Decimal(1).scaleb(Decimal(like).as_tuple().exponent)
    f = Fraction(exact)
    return str((Decimal(f.numerator) / Decimal(f.denominator)).quantize(q, rounding=ROUND_HALF_UP))


class RawRecords(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="lkip-e2e-raw-")
        cls.var = os.path.join(cls.tmp, "var")
        cls.env = {"LKIP_RULES_DIR": os.path.join(RAW, "rules")}
        cls.agg = run("bash", os.path.join(ROOT, "scripts", "suite.sh"), "start", cls.var,
                      env_extra=cls.env).stdout.strip()

    @classmethod
    def tearDownClass(cls):
        run("bash", os.path.join(ROOT, "scripts", "suite.sh"), "stop", cls.var, check=False, env_extra=cls.env)
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def ctl(self, *args, check=True):
        return run(LKIPCTL, "--aggregator", self.agg, "--actor", "e2e", *args, check=check)

    def test_1_generator_output_is_what_is_committed(self):
        out = os.path.join(self.tmp, "generated")
        run(sys.executable, os.path.join(ROOT, "tools", "examples", "ntb_2023_raw.py"), BUNDLE,
            os.path.join(ROOT, "deploy", "rules", "2023.json"), out)
        for name in ("respondents.csv", "ikp.csv", "whoqol.csv", "skm.csv", "register.csv", "kawasan.json",
                     "pemberantasan.json", "keuangan.json", "zonaintegritas.json", "published.json",
                     os.path.join("rules", "2023.json")):
            with open(os.path.join(out, name), "rb") as a, open(os.path.join(RAW, name), "rb") as b:
                self.assertEqual(a.read(), b.read(), name + " differs from tools/examples/ntb_2023_raw.py's output")

    def test_2_records_give_the_same_19_ikk_and_the_seeds_budget_tables(self):
        self.ctl("import", os.path.join(RAW, "published.json"))
        for kind, name in (("respondents", "respondents.csv"), ("ikp", "ikp.csv"), ("whoqol", "whoqol.csv"),
                           ("register", "register.csv"), ("skm", "skm.csv")):
            p = self.ctl("import-" + kind, os.path.join(RAW, name), "--year", "2023")
            self.assertIn("imported", p.stdout)
        self.ctl("import", os.path.join(RAW, "kawasan.json"))
        p = self.ctl("import", os.path.join(RAW, "pemberantasan.json"))
        self.assertIn("case-file stages -> pemberantasan: 81 written", p.stdout)
        p = self.ctl("import", os.path.join(RAW, "pemberantasan.json"))   # a replay changes nothing
        self.assertIn("case-file stages -> pemberantasan: 0 written, 81 unchanged", p.stdout)
        self.assertIn("berita acara -> pemberantasan: 0 written, 60 unchanged", p.stdout)
        p = self.ctl("import", os.path.join(RAW, "keuangan.json"))
        self.assertIn("DIPA -> keuangan: 5 written", p.stdout)
        self.assertIn("NKA -> keuangan: 5 written, 0 unchanged\n", p.stdout)   # the BNNP's components agree
        narratives = os.path.join(ROOT, "examples", "ntb-2023", "narratives.json")
        self.assertIn("narratives -> aggregator: 101 written", self.ctl("set-narratives", narratives).stdout)
        self.assertIn("0 written, 101 unchanged", self.ctl("set-narratives", narratives).stdout)
        comparisons = os.path.join(ROOT, "examples", "ntb-2023", "comparisons.json")
        self.assertIn("comparisons -> aggregator: 14 written", self.ctl("set-comparisons", comparisons).stdout)
        p = self.ctl("import", os.path.join(RAW, "zonaintegritas.json"))
        self.assertIn("LKE BNNP_NTB -> zonaintegritas: total 87,18; Memenuhi syarat WBK.; Memenuhi syarat WBBM.", p.stdout)
        self.assertIn("TPI results -> zonaintegritas: 1 written", p.stdout)
        out = os.path.join(self.tmp, "out")
        self.ctl("capaian", "--year", "2023", "--province", "BNNP_NTB", "--out", out)
        with open(os.path.join(out, "capaian.json"), encoding="utf-8") as f:
            table = json.load(f)
        for ind in table["indicators"]:
            realisasi, capaian = EXPECTED[ind["code"]]
            self.assertEqual((rounded(ind["realisasi"], realisasi), ind["capaian"]), (realisasi, capaian), ind["code"])
            if ind["code"] > "IKK-14" or ind["code"] == "IKK-04":
                continue
            for row in ind["satker_rows"]:
                # Computed from raw records, with the published value beside it: equal as published.
                self.assertEqual(row["alternative"]["kind"], "PROVENANCE_KIND_IMPORTED", ind["code"])
                self.assertEqual(rounded(row["value"], row["alternative"]["value"]), row["alternative"]["value"],
                                 (ind["code"], row["satker"]))
        for band_set, counts in BANDS.items():
            self.assertEqual([r["count"] for r in table["bands"][band_set]], counts, band_set)
        # IKK-15 and IKK-19 take SMART's NKA and the TPI's total; our recomputations sit beside them.
        ikk15 = next(i for i in table["indicators"] if i["code"] == "IKK-15")
        self.assertIn("SMART", ikk15["satker_rows"][0]["source"])
        self.assertEqual(ikk15["satker_rows"][0]["alternative"]["value"], "87.92791")
        ikk19 = next(i for i in table["indicators"] if i["code"] == "IKK-19")
        self.assertIn("B/770/XII", ikk19["satker_rows"][0]["source"])
        self.assertEqual(ikk19["satker_rows"][0]["alternative"]["value"], "87.18")
        # The budget tables from DIPA and realisasi records: the seed's, to the rupiah.
        p = self.ctl("anggaran", "--year", "2023", "--province", "BNNP_NTB", "--out", out)
        self.assertIn("\tTOTAL\t16.468.319.000\t16.375.654.700\t99,44\t92.664.300\t0,56\n", p.stdout)
        self.assertIn("1\tDukungan Manajemen dan Pelaksanaan Tugas Teknis Lainnya\t10.885.113.000\t10.833.864.605\t99,53"
                      "\t51.248.395\t0,47\n", p.stdout)
        with open(os.path.join(out, "anggaran.json"), encoding="utf-8") as f:
            budget = json.load(f)
        satker = {r["code"]: r for r in budget["per_satker"]["rows"]}
        self.assertEqual(satker["BNNK_MATARAM"]["sisa"]["amount"], "0")
        self.assertEqual(satker["BNNK_BIMA"]["realisasi"]["amount"], "1969843497")
        self.assertEqual(budget["per_program"]["total"]["pagu"]["amount"], "16468319000")
        self.assertEqual(budget["findings"], [])
        # The document: every IKK row, both budget tables and the S2 table, from the same data.
        self.ctl("report", "--year", "2023", "--province", "BNNP_NTB", "--out", out)
        with open(os.path.join(out, "lkip.html"), encoding="utf-8") as f:
            html = f.read()
        for code, (realisasi, capaian) in EXPECTED.items():
            r = Decimal(realisasi)
            shown = f"{r:,.2f}" if r != r.to_integral() else f"{r:,.0f}"
            shown = shown.replace(",", "X").replace(".", ",").replace("X", ".")
            if code in ("IKK-05",):
                shown = "2,88"
            self.assertRegex(html, f"<tr><td>{code}</td><td>[^<]*</td><td class=\"num\">[^<]*</td><td class=\"num\">"
                                   f"{shown}</td><td class=\"num\">{capaian.replace('.', ',')}</td></tr>")
        self.assertIn('<th class="num">16.468.319.000</th><th class="num">16.375.654.700</th><th class="num">99,44</th>'
                      '<th class="num">92.664.300</th><th class="num">0,56</th>', html)
        self.assertIn('<td>BNNP Nusa Tenggara Barat</td><td class="num">8.896.725.000</td>', html)
        self.assertIn("Puji syukur kita panjatkan", html)
        self.assertNotIn("[Belum diisi: definisi operasional", html)
        # The direction word comes from the figures: IKK-08 went from 7 to 3.
        self.assertIn("Dibandingkan tahun 2022 sebesar 7 Orang, realisasi tahun 2023 sebesar 3 Orang menurun", html)
        # IKK-04 keeps the published 1: the seed's own kawasan data show Waspada -> Siaga, which
        # the indicator does not count; the computed 0 and the finding sit beside it.
        ikk04 = next(i for i in table["indicators"] if i["code"] == "IKK-04")
        row = ikk04["satker_rows"][0]
        self.assertEqual(row["alternative"]["value"], "0")
        self.assertEqual([f["code"] for f in row["findings"]], ["KAWASAN_TRANSISI_TIDAK_DIHITUNG"])
        self.assertIn("Waspada menjadi Siaga", row["findings"][0]["message"])


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"])
