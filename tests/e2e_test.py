#!/usr/bin/env python3
"""End-to-end test: the real binaries as processes on free loopback ports.

Starts the suite with scripts/suite.sh in a temporary directory, imports the NTB 2023 example
with lkipctl, and checks the capaian table lkipctl writes against the figures the seed
publishes (domain-rules §4). Then stops one bidang service and checks that lkipctl reports a
partial result: exit code 3 without --allow-partial and the last complete files left as they
were, with it that service's IKK marked unavailable with
the reason. Also checks that a bad bundle is refused with nothing imported.

RawRecords does the same from raw records (examples/ntb-2023/raw, the shipped rules with the overlay raw/rules that
compute IKK-01..14 from them) and checks that the same IKK-01..14 come out, each satker's
computed value beside its published one, and the seed's kawasan transition as a finding.

Usage: e2e_test.py BUILD_DIR
"""
import csv
import hashlib
import io
import json
import os
import re
import zipfile
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
import shutil
import signal
import subprocess
import ssl
import sys
import tempfile
import time
import unittest
import urllib.error
import urllib.request

import jsonschema
from prometheus_client.parser import text_string_to_metric_families

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build"))
LKIPCTL = os.path.join(BUILD, "tools", "lkipctl")
BUNDLE = os.path.join(ROOT, "examples", "ntb-2023", "bundle.json")
RAW = os.path.join(ROOT, "examples", "ntb-2023", "raw")
# What the example's raw rows are, as their imports say (scripts/demo.sh does the same).
SYNTHETIC = "Data mentah sintetis untuk contoh BNNP NTB 2023 (tools/examples/ntb_2023_raw.py)"
TRANSCRIBED = os.path.join(ROOT, "examples", "ntb-2023", "transcribed.json")   # the seed's, copied
with open(os.path.join(ROOT, "examples", "ntb-2023", "expected.json"), encoding="utf-8") as _f:
    _EXPECTED = json.load(_f)   # the figures the example must reproduce, shared with the C++ tests
EXPECTED = {i["code"]: (i["realisasi"], i["capaian"]) for i in _EXPECTED["indicators"]}
BANDS = _EXPECTED["bands"]


def run(*args, check=True, env_extra=None):
    env = dict(os.environ, LKIP_BUILD_DIR=BUILD, **(env_extra or {}))
    p = subprocess.run(list(args), capture_output=True, text=True, env=env, timeout=120)
    if check and p.returncode != 0:
        raise AssertionError(f"{args} exited {p.returncode}\nstdout:\n{p.stdout}\nstderr:\n{p.stderr}")
    return p


def credentials(var, subject="e2e"):
    """lkipctl's --pki and --token for the suite started in `var` (its development PKI): an admin
    of BNNP_NTB named `subject`, recorded as who wrote."""
    pki = os.path.join(var, "pki")
    token = run(LKIPCTL, "token", "issue", "--signing-key", os.path.join(pki, "token.key"), "--subject", subject,
                "--role", "admin", "--province", "BNNP_NTB", "--valid", "2h").stdout.strip()
    return {"LKIP_PKI_DIR": pki, "LKIP_TOKEN": token}


class EndToEnd(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="lkip-e2e-")
        cls.var = os.path.join(cls.tmp, "var")
        cls.agg = run("bash", os.path.join(ROOT, "scripts", "suite.sh"), "start", cls.var).stdout.strip()
        cls.credentials = credentials(cls.var)

    @classmethod
    def tearDownClass(cls):
        run("bash", os.path.join(ROOT, "scripts", "suite.sh"), "stop", cls.var, check=False)
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def ctl(self, *args, check=True):
        return run(LKIPCTL, "--aggregator", self.agg, *args, check=check, env_extra=self.credentials)

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
        self.assertEqual(table["province_code"], "BNNP_NTB")
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
        # The import is an object: listed and shown through the aggregator; the refused one is not.
        p = self.ctl("imports", "--year", "2023", "--kind", "skm")
        self.assertIn("rehabilitasi  skm  skm-klinik-2023.csv  2023  2500 rows", p.stdout)
        self.assertNotIn("skm-2", p.stdout)
        p = self.ctl("import-show", "skm", "skm-klinik-2023.csv")
        self.assertIn("rows:            2500", p.stdout)
        self.assertIn("satker changed:  BNNP_NTB", p.stdout)
        p = self.ctl("import-show", "skm", "skm-2", check=False)
        self.assertEqual(p.returncode, 1)
        self.assertIn("was not committed by any service", p.stderr)
        # The shipped rules report the recorded IKK-11 (3,81); the computed index sits beside it.
        _, table = self.capaian(os.path.join(self.tmp, "skm"))
        ikk11 = next(i for i in table["indicators"] if i["code"] == "IKK-11")
        self.assertEqual(ikk11["realisasi"], "3.81")
        bnnp = next(r for r in ikk11["satker_rows"] if r["satker_code"] == "BNNP_NTB")
        self.assertEqual(bnnp["alternative"]["kind"], "PROVENANCE_KIND_COMPUTED")
        self.assertEqual(bnnp["alternative"]["value"], "3.5")   # answers alternate 3 and 4
        # Withdrawn through the aggregator: the computed index is gone with its only import, the
        # import stays listed as withdrawn, and a second withdrawal is refused.
        p = self.ctl("import-withdraw", "skm", "skm-klinik-2023.csv",
                     "--reason", "kuesioner klinik dihitung dua kali")
        self.assertIn("withdrew skm/skm-klinik-2023.csv at rehabilitasi: 2500 rows reversed", p.stdout)
        p = self.ctl("import-show", "skm", "skm-klinik-2023.csv")
        self.assertIn("state:           withdrawn", p.stdout)
        self.assertIn("by e2e", p.stdout)
        self.assertIn("reason:          kuesioner klinik dihitung dua kali", p.stdout)
        p = self.ctl("imports", "--kind", "skm")
        self.assertIn("WITHDRAWN", p.stdout)
        p = self.ctl("import-withdraw", "skm", "skm-klinik-2023.csv", "--reason", "lagi", check=False)
        self.assertEqual(p.returncode, 1)
        self.assertIn("withdrawn before", p.stderr)
        _, table = self.capaian(os.path.join(self.tmp, "skm-withdrawn"))
        ikk11 = next(i for i in table["indicators"] if i["code"] == "IKK-11")
        bnnp = next(r for r in ikk11["satker_rows"] if r["satker_code"] == "BNNP_NTB")
        self.assertNotIn("alternative", bnnp)

    def rest(self, method, path, body=None):
        """A call to the suite's REST gateway over HTTPS, with the suite's CA and this test's token:
        (status, headers, body bytes)."""
        with open(os.path.join(self.var, "run", "gateway.address"), encoding="utf-8") as f:
            base = f.read().strip()
        context = ssl.create_default_context(cafile=os.path.join(self.var, "pki", "ca.crt"))
        data = None if body is None else json.dumps(body).encode("utf-8")
        request = urllib.request.Request(base + path, data=data, method=method,
                                         headers={"Authorization": "Bearer " + self.credentials["LKIP_TOKEN"],
                                                  "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, context=context, timeout=120) as r:
                return r.status, r.headers, r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.headers, e.read()

    def test_3b_rest_round_trip(self):
        """Another system's view: the bundle imported over REST, the capaian read back as JSON and as CSV
        in both dialects, the same figures as lkipctl's; a refusal as a JSON error naming the field."""
        with open(BUNDLE, encoding="utf-8") as f:
            bundle = json.load(f)
        status, _, body = self.rest("POST", "/v1/bundles:import", {"source_name": "bundle.json", "bundle": bundle})
        self.assertEqual(status, 200, body)
        status, headers, body = self.rest("GET", "/v1/provinces/BNNP_NTB/years/2023/capaian")
        self.assertEqual(status, 200, body)
        self.assertEqual(headers["Content-Type"], "application/json; charset=utf-8")
        table = json.loads(body)
        got = {}
        for ind in table["indicators"]:
            capaian = ind["capaian"]["value"]
            self.assertNotIn("/", capaian + ind["realisasi"]["value"], ind["code"])   # decimals, never fractions
            got[ind["code"]] = (rounded(ind["realisasi"]["value"], EXPECTED[ind["code"]][0]),
                                rounded(capaian, "0.00"))
        self.assertEqual(got, EXPECTED)
        for dialect, sep in (("id", ";"), ("iso", ",")):
            status, headers, body = self.rest("GET", "/v1/provinces/BNNP_NTB/years/2023/tables/capaian?dialect=" + dialect)
            self.assertEqual(status, 200, body)
            self.assertEqual(headers["Content-Type"], "text/csv; charset=utf-8")
            rows = list(csv.DictReader(io.StringIO(body.decode("utf-8"), newline=""), delimiter=sep))
            self.assertEqual(len(rows), len(EXPECTED))
            for row in rows:
                shown = row["capaian_persen"]
                plain = shown.replace(".", "").replace(",", ".") if dialect == "id" else shown
                self.assertEqual(rounded(plain, "0.00"), EXPECTED[row["kode_ikk"]][1], (dialect, row))
        status, _, body = self.rest("GET", "/v1/provinces/BNNP_NTB/years/dua-ribu/capaian")
        self.assertEqual(status, 400)
        error = json.loads(body)["error"]
        self.assertEqual((error["status"], error["field"]), ("INVALID_ARGUMENT", "fiscal_year"))

    def test_4_service_down_gives_a_partial_result(self):
        # A complete run first: a partial one without --allow-partial must leave its files. The
        # published bundle has no DIPA (the seed prints only the budget's totals): without one the
        # report has no budget and is partial; its DIPA and realisasi first.
        self.ctl("import", os.path.join(RAW, "keuangan.json"))
        out = os.path.join(self.tmp, "partial")
        doc = os.path.join(self.tmp, "partial-doc")
        self.capaian(out)
        self.ctl("report", "--year", "2023", "--province", "BNNP_NTB", "--out", doc, "--formats", "html,json")
        complete = {}
        for path in (os.path.join(out, "capaian.json"), os.path.join(out, "capaian.html"),
                     os.path.join(doc, "lkip.html"), os.path.join(doc, "lkip.json"), os.path.join(doc, "manifest.json")):
            with open(path, "rb") as f:
                complete[path] = f.read()
        with open(os.path.join(self.var, "run", "pemberantasan.pid")) as f:
            pid = int(f.read())
        os.kill(pid, signal.SIGTERM)
        for _ in range(100):
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            subprocess.run(["sleep", "0.1"])
        p = self.ctl("capaian", "--year", "2023", "--province", "BNNP_NTB", "--out", out, check=False)
        self.assertEqual(p.returncode, 3, p.stderr)
        self.assertIn("--allow-partial", p.stderr)
        self.assertIn("nothing written", p.stderr)
        p = self.ctl("report", "--year", "2023", "--province", "BNNP_NTB", "--out", doc, "--formats", "html,json",
                     check=False)
        self.assertEqual(p.returncode, 3, p.stderr)
        for path, content in complete.items():
            with open(path, "rb") as f:
                self.assertEqual(f.read(), content, f"{path} was overwritten by a partial run")
        self.assertEqual(sorted(n for n in os.listdir(doc) if n.startswith(".")), [], "temporary files left")
        p, table = self.capaian(out, "--allow-partial")
        self.assertEqual(p.returncode, 0)
        self.assertFalse(table["complete"])
        for ind in table["indicators"]:
            if ind["service"] == "pemberantasan":
                self.assertFalse(ind["available"])
                self.assertIn("pemberantasan", ind["unavailable_reason"])
                self.assertIsNone(ind["capaian"])
            else:
                self.assertTrue(ind["available"], ind["code"])
        # The document still builds: pemberantasan's IKK say why they have no figures.
        p = self.ctl("report", "--year", "2023", "--province", "BNNP_NTB", "--out", doc, "--formats", "html,json",
                     "--allow-partial")
        self.assertEqual(p.returncode, 0)
        with open(os.path.join(doc, "lkip.html"), encoding="utf-8") as f:
            html = f.read()
        self.assertRegex(html, r"<tr><td>IKK-12</td><td>[^<]*</td><td class=\"num\">12</td><td colspan=\"2\" "
                               r"class=\"na\">data tidak tersedia: layanan pemberantasan tidak dapat dihubungi")
        self.assertIn("<p class=\"placeholder\">[Belum diisi: kata pengantar]</p>", html)   # no texts stored here
        # Restarted on its fixed port (VAR/suite.conf), it is found again: the table is complete.
        run("bash", os.path.join(ROOT, "scripts", "suite.sh"), "restart", self.var, "pemberantasan")
        p, table = self.capaian(out, check=False)
        for _ in range(20):   # the aggregator reconnects within a second (bidang_clients.cc)
            if p.returncode == 0:
                break
            time.sleep(0.25)
            p, table = self.capaian(out, check=False)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertTrue(table["complete"])
        # Each service's operations port: /healthz, and /metrics in Prometheus' format (read with
        # its own parser) counting the calls just made and the store's size.
        conf = dict(line.split("=", 1) for line in open(os.path.join(self.var, "suite.conf")).read().splitlines()
                    if line and not line.startswith("#"))
        for name in ("aggregator", "pemberantasan"):
            base = "http://" + conf[f"METRICS_{name}"]
            with urllib.request.urlopen(base + "/healthz", timeout=10) as r:
                self.assertEqual(r.read(), b"SERVING\n")
            with urllib.request.urlopen(base + "/metrics", timeout=10) as r:
                families = {f.name: f for f in text_string_to_metric_families(r.read().decode())}
            calls = {(s.labels["method"], s.labels["code"]): s.value
                     for s in families["lkip_grpc_requests"].samples if s.name == "lkip_grpc_requests_total"}
            self.assertTrue(all(s.labels["service"] == name for f in families.values() for s in f.samples))
            self.assertIn("lkip_store_size_bytes", families)
            if name == "aggregator":
                self.assertGreaterEqual(calls[("/lkip.aggregator.v1.Aggregator/GetCapaian", "OK")], 1, calls)


def indonesian(plain):
    """A plain decimal ("76.39", "2.88", "20") as the report prints it ("76,39", "20")."""
    r = Decimal(plain)
    shown = f"{r:,.2f}" if r != r.to_integral() else f"{r:,.0f}"
    return shown.replace(",", "X").replace(".", ",").replace("X", ".")


def pdf_pages(path):
    """The PDF's text page by page (pdftotext -layout, from Debian's poppler-utils)."""
    text = run("pdftotext", "-layout", path, "-").stdout
    return text.split("\f")


def page_labels(pages):
    """The number printed at the foot of each page ("" for none): the last line of its text."""
    return [(p.strip().splitlines() or [""])[-1].strip() for p in pages]


def page_fill(pdf, tmp):
    """How far down each page's text area its content reaches (0..1), and whether its running header
    has ink: the PDF rendered to grey PNG-like bitmaps (pdftoppm -gray, PGM) at 30 dpi. The draft
    mark is light grey and does not count as ink."""
    prefix = os.path.join(tmp, "halaman")
    run("pdftoppm", "-r", "30", "-gray", pdf, prefix)
    out = []
    for name in sorted(n for n in os.listdir(tmp) if n.startswith("halaman") and n.endswith(".pgm")):
        with open(os.path.join(tmp, name), "rb") as f:
            data = f.read()
        magic, width, height, maxval, pixels = data.split(maxsplit=4)
        assert magic == b"P5" and maxval == b"255"
        width, height = int(width), int(height)
        def inked(y):
            return min(pixels[y * width:(y + 1) * width]) < 128
        cm = height / 29.7
        top, bottom = int(2.4 * cm), height - int(2.2 * cm)   # lkip.css's @page margins
        rows = [y for y in range(top, bottom) if inked(y)]
        fill = (rows[-1] - top) / (bottom - top) if rows else 0.0
        header = any(inked(y) for y in range(int(1.0 * cm), top))
        out.append((fill, header))
    return out


def rounded(exact, like):
    """An exact value ("1375/18", "2.88") rounded to as many decimals as `like` has."""
    q = Decimal(1).scaleb(Decimal(like).as_tuple().exponent)
    f = Fraction(exact)
    return str((Decimal(f.numerator) / Decimal(f.denominator)).quantize(q, rounding=ROUND_HALF_UP))


def strings(node, path=""):
    """Every string of a JSON value with its path ("a.b.0.c")."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield from strings(v, f"{path}.{k}" if path else k)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from strings(v, f"{path}.{i}")
    elif isinstance(node, str):
        yield path, node


class RawRecords(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="lkip-e2e-raw-")
        cls.var = os.path.join(cls.tmp, "var")
        cls.env = {"LKIP_RULES_DIR": os.path.join(ROOT, "deploy", "rules") + ":" + os.path.join(RAW, "rules")}
        cls.agg = run("bash", os.path.join(ROOT, "scripts", "suite.sh"), "start", cls.var,
                      env_extra=cls.env).stdout.strip()
        cls.credentials = credentials(cls.var)

    @classmethod
    def tearDownClass(cls):
        run("bash", os.path.join(ROOT, "scripts", "suite.sh"), "stop", cls.var, check=False, env_extra=cls.env)
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def ctl(self, *args, check=True):
        return run(LKIPCTL, "--aggregator", self.agg, *args, check=check, env_extra=self.credentials)

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
            p = self.ctl("import-" + kind, os.path.join(RAW, name), "--year", "2023", "--source-document",
                         f"{SYNTHETIC}: {name}")
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
                                 (ind["code"], row["satker_code"]))
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
            shown = indonesian(realisasi)
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


    def test_3_the_documents_carry_the_seeds_figures(self):
        """Reads what test_2's `lkipctl report` wrote: the PDF's text, the XLSX, the DOCX, the manifest."""
        out = os.path.join(self.tmp, "out")
        pages = pdf_pages(os.path.join(out, "lkip.pdf"))
        text = "\n".join(pages)
        for code, (realisasi, capaian) in EXPECTED.items():   # the capaian table, each IKK on its line
            self.assertRegex(text, rf"{code} [^\n]*\s{re.escape(indonesian(realisasi))}\s+{capaian.replace('.', ',')}\n")
        total = r"TOTAL\s+16\.468\.319\.000\s+16\.375\.654\.700\s+99,44\s+92\.664\.300\s+0,56"
        self.assertEqual(len(re.findall(total, text)), 2, "the TOTAL rows of the program and satker tables")
        self.assertRegex(text, r"10\.885\.113\.000\s+10\.833\.864\.605\s+99,53\s+51\.248\.395\s+0,47")
        self.assertRegex(text, r"5\.583\.206\.000\s+5\.541\.790\.095\s+99,26\s+41\.415\.905\s+0,74")
        self.assertRegex(text, r"BNNP Nusa[^\n]*\s+8\.896\.725\.000\s+8\.818\.579\.585\s+99,12\s+78\.145\.415\s+0,88")
        # The parts of the satker values: the TPI letter's components of the BNNP's zona
        # integritas, and the lembaga of each IKP by lingkungan.
        with open(os.path.join(out, "lkip.md"), encoding="utf-8") as f:
            md = f.read()
        self.assertIn("| Satker | Pemenuhan | Reform | Hasil |\n|---|---:|---:|---:|\n"
                      "| BNNP Nusa Tenggara Barat | 25,08 | 26,76 | 35,34 |\n\nSumber: TPI: Surat Inspektur", md)
        self.assertIn("| Satker | Lembaga pemerintah | Lembaga swasta | Lembaga masyarakat | Lembaga pendidikan | "
                      "Jumlah lembaga | IKP pemerintah | IKP pendidikan | IKP masyarakat |\n", md)
        self.assertIn("| BNNP Nusa Tenggara Barat | 50 | 0 | 50 | 0 | 100 | 3,36 | - | 3,25 |", md)
        # The IKP rows are synthetic, and their Sumber line says so (import-ikp --source-document).
        after = md[md.index("| Satker | Lembaga pemerintah |"):]
        sumber = after[after.index("\nSumber: "):].split("\n")[1]
        self.assertIn(SYNTHETIC + ": ikp.csv", sumber)
        with open(os.path.join(out, "lkip.json"), encoding="utf-8") as f:
            view = json.load(f)
        # The satker in the seed's order (Unit.report_order), not by code.
        self.assertEqual([r["code"] for r in view["anggaran"]["per_satker"]["rows"]],
                         ["BNNP_NTB", "BNNK_MATARAM", "BNNK_SUMBAWA_BARAT", "BNNK_SUMBAWA", "BNNK_BIMA"])
        satker_table = text[text.index("Pagu Dana"):]
        positions = [satker_table.index(n) for n in ("8.896.725.000", "1.710.402.000", "1.808.466.000", "2.082.663.000",
                                                     "1.970.063.000")]
        self.assertEqual(positions, sorted(positions))
        for band_set in view["band_sets"]:   # the band tables S1, S2, S3: each row's count
            self.assertEqual([r["count"] for r in band_set["rows"]], BANDS[band_set["band_set"]])
            section = text[text.index(band_set["title"]):]
            for row in band_set["rows"]:   # a long label wraps in its cell: the count follows its first words
                first_words = row["label"].split()[0]
                self.assertRegex(section, re.escape(first_words) + r"[^\n]*?\s" + str(row["count"]) + r"\b",
                                 band_set["band_set"])
        # The daftar isi (the headings of the HTML itself) and its page numbers lead to them.
        for label, heading in (("BAB IV PENUTUP", "BAB IV PENUTUP"), ("LAMPIRAN", "LAMPIRAN"),
                               ("B. Realisasi Anggaran", "B. Realisasi Anggaran")):
            m = re.search(re.escape(label) + r"\s*\.{3,}\s*(\d+)\n", text)
            self.assertIsNotNone(m, label)
            self.assertIn(heading, pages[page_labels(pages).index(m.group(1))], label)
        with open(os.path.join(out, "lkip.html"), encoding="utf-8") as f:
            html = f.read()
        self.assertEqual(html.count("<svg"), 21, "19 IKK charts and 2 budget charts")
        for band_set in view["band_sets"]:   # the band tables in the HTML: label, count, the IKK
            section = html[html.index(f"<h3>{band_set['title']}</h3>"):]
            for row in band_set["rows"]:
                label = row["label"].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                codes = "".join(c + " " for c in row["codes"])
                self.assertIn(f'<tr><td>{label}</td><td class="num">{row["count"]}</td><td>{codes}</td></tr>', section,
                              band_set["band_set"])

        import openpyxl   # Debian's python3-openpyxl
        # Values as the workbook caches them (a formula's cached result), and the formulas themselves.
        wb = openpyxl.load_workbook(os.path.join(out, "lkip.xlsx"), read_only=True, data_only=True)
        formulas = openpyxl.load_workbook(os.path.join(out, "lkip.xlsx"), read_only=True)
        self.assertEqual(wb.sheetnames[:4], ["DRAF", "Capaian", "Target", "Per Satker"])
        self.assertIn("hal masih harus diselesaikan", list(wb["DRAF"].iter_rows(values_only=True))[0][1])
        program_formulas = list(formulas["Anggaran Program"].iter_rows(min_row=2, values_only=True))
        n = len(program_formulas)   # the TOTAL row sums the rows above it; % and sisa come from its cells
        self.assertEqual(program_formulas[-1][2:6], (f"=SUM(C2:C{n})", f"=SUM(D2:D{n})", f"=D{n + 1}/C{n + 1}*100",
                                                     f"=C{n + 1}-D{n + 1}"))
        targets = {(r[0], r[3]): r[4] for r in wb["Target"].iter_rows(min_row=2, values_only=True)}
        self.assertEqual(targets[("IKK-07", "BNN Kota Mataram")], 5)   # the PK's own per-satker target
        per_satker = {(r[0], r[1]): r for r in wb["Per Satker"].iter_rows(min_row=2, values_only=True)}
        self.assertEqual(per_satker[("IKK-07", "BNN Kota Mataram")][2:5], (5, 10, 200))
        rows = {r[0]: r for r in wb["Capaian"].iter_rows(min_row=2, values_only=True)}
        for code, (realisasi, capaian) in EXPECTED.items():
            places = -Decimal(realisasi).as_tuple().exponent
            self.assertEqual(round(Decimal(rows[code][5]), places), Decimal(realisasi), code)
            self.assertEqual(round(Decimal(rows[code][6]), 2), Decimal(capaian), code)
        program = list(wb["Anggaran Program"].iter_rows(min_row=2, values_only=True))
        self.assertEqual(program[-1][1:4], ("TOTAL", 16468319000, 16375654700))
        self.assertEqual(program[-1][5], 92664300)
        satker = list(wb["Anggaran Satker"].iter_rows(min_row=2, values_only=True))
        self.assertEqual([r[1] for r in satker[:2]], ["BNNP Nusa Tenggara Barat", "BNN Kota Mataram"])
        self.assertEqual(satker[-1][2:4], (16468319000, 16375654700))
        for band_set, counts in BANDS.items():
            self.assertEqual([r[1] for r in wb[band_set].iter_rows(min_row=3, values_only=True)], counts, band_set)

        with zipfile.ZipFile(os.path.join(out, "lkip.docx")) as z:
            document = z.read("word/document.xml").decode("utf-8")
            names = z.namelist()
            core = z.read("docProps/core.xml").decode("utf-8")
            styles = z.read("word/styles.xml").decode("utf-8")
            footers = [z.read(n).decode("utf-8") for n in names if re.fullmatch(r"word/footer\d*\.xml", n)]
        # From the reference document (aggregator --docx_reference): an A4 page, the page number in
        # the footer, each chapter (Heading 1) on a new page, the title and author properties.
        section = re.findall(r"<w:sectPr>.*?</w:sectPr>", document)[-1]
        self.assertRegex(section, r'<w:pgSz w:h="16838" w:w="11906" />')
        self.assertIn("<w:footerReference", section)
        self.assertTrue(any("PAGE" in f for f in footers), footers)
        heading1 = re.search(r'<w:style [^>]*w:styleId="Heading1".*?</w:style>', styles, re.S).group(0)
        self.assertIn("<w:pageBreakBefore", heading1)
        self.assertIn("<dc:title>Laporan Kinerja Instansi Pemerintah BNNP Nusa Tenggara Barat Tahun 2023</dc:title>", core)
        self.assertIn("<dc:creator>BNNP Nusa Tenggara Barat</dc:creator>", core)
        self.assertRegex(document, r'<w:pStyle w:val="Heading1" /></w:pPr>(<w:bookmarkStart [^>]*/>)?'
                                   r'<w:r><w:t xml:space="preserve">KATA PENGANTAR</w:t>')
        self.assertIn("KATA PENGANTAR", document)
        # pandoc's table of contents, titled in Indonesian ("Table of Contents" stays only as OOXML's
        # internal gallery name, never shown).
        self.assertIn('<w:pStyle w:val="TOCHeading" /></w:pPr><w:r><w:t xml:space="preserve">Daftar Isi</w:t>', document)
        self.assertNotIn(">Table of Contents<", document)
        self.assertIn("16.468.319.000", document)
        media = [n for n in names if n.startswith("word/media/")]
        self.assertEqual(len([n for n in media if n.endswith(".svg")]), 21, "19 IKK charts and 2 budget charts")
        self.assertEqual(len([n for n in media if n.endswith(".png")]), 21, "each with its PNG for older word processors")

        with open(os.path.join(out, "manifest.json"), encoding="utf-8") as f:
            manifest = json.load(f)
        self.assertEqual([o["file"] for o in manifest["outputs"] if "/" not in o["file"]],
                         ["lkip.json", "lkip.html", "lkip.md", "lkip.pdf", "lkip.docx", "lkip.xlsx"])
        self.assertEqual(len([o for o in manifest["outputs"] if o["file"].startswith("grafik/")]), 21)
        for o in manifest["outputs"]:
            with open(os.path.join(out, o["file"]), "rb") as f:
                self.assertEqual(hashlib.sha256(f.read()).hexdigest(), o["sha256"], o["file"])
        self.assertEqual(manifest["rule_set_version"], view["rule_set_version"])
        self.assertIn("WeasyPrint", manifest["tools"]["weasyprint"])
        self.assertIn("pandoc", manifest["tools"]["pandoc"])
        self.assertEqual(len(manifest["inputs"]), 5)

        # A rebuild from the same data and templates is byte-identical.
        again = os.path.join(self.tmp, "again")
        self.ctl("report", "--year", "2023", "--province", "BNNP_NTB", "--out", again, "--formats", "html,md,json")
        for name in ("lkip.html", "lkip.md", "lkip.json"):
            with open(os.path.join(out, name), "rb") as a, open(os.path.join(again, name), "rb") as b:
                self.assertEqual(a.read(), b.read(), name)
        # lkip.report.v1 from a client with one channel, to the aggregator: the same figures and bytes.
        run(os.path.join(BUILD, "tests", "report_api_test"), self.agg, out, env_extra=self.credentials)


    def test_3c_the_pdf_pages_are_laid_out(self):
        """The PDF rendered to bitmaps (pdftoppm) and its text: the cover unnumbered and without header; the front
        matter numbered i, ii, ...; Bab I on page 1; a running header on every other page; no page filled less
        than a quarter except a chapter's last."""
        out = os.path.join(self.tmp, "out")
        pdf = os.path.join(out, "lkip.pdf")
        pages = pdf_pages(pdf)
        if pages and not pages[-1].strip():
            pages.pop()   # pdftotext ends with a form feed
        labels = page_labels(pages)
        fills = page_fill(pdf, tempfile.mkdtemp(dir=self.tmp))
        self.assertEqual(len(fills), len(pages))
        bab1 = next(i for i, p in enumerate(pages) if re.search(r"^\s*BAB I PENDAHULUAN\s*$", p, re.M))
        roman = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv"]
        self.assertNotIn(labels[0], roman + ["1"], "the cover carries no number")
        self.assertEqual(labels[1:bab1], roman[:bab1 - 1], "the front matter is numbered i, ii, ...")
        self.assertEqual(labels[bab1:], [str(n) for n in range(1, len(pages) - bab1 + 1)])
        title = "LKIP BNNP Nusa Tenggara Barat Tahun 2023"
        self.assertFalse(fills[0][1] or title in pages[0], "no running header on the cover")
        for i, page in enumerate(pages[1:], start=1):
            self.assertTrue(fills[i][1], f"page {labels[i]}: no running header")
            self.assertIn(title, page.strip().splitlines()[0], f"page {labels[i]}: the running header's title")
        # A chapter starts on a new page with its heading; the page before it may end short.
        chapter = re.compile(r"^\s*(YANG MASIH HARUS DISELESAIKAN|KATA PENGANTAR|RINGKASAN EKSEKUTIF|DAFTAR ISI|"
                             r"BAB [IV]+ [A-Z ]+|LAMPIRAN)\s*$")
        def starts_chapter(page):
            lines = [l for l in page.splitlines() if l.strip()]
            return len(lines) > 1 and chapter.match(lines[1]) is not None
        short = [(labels[i], round(fill, 2)) for i, (fill, _) in enumerate(fills)
                 if i > 0 and fill < 0.25 and i + 1 < len(pages) and not starts_chapter(pages[i + 1])]
        print(f"\nPDF: {len(pages)} pages, {bab1 - 1} front matter; fill: min "
              f"{min(f for f, _ in fills[1:]):.2f}, pages under a quarter outside chapter ends: {short}",
              file=sys.stderr)
        self.assertEqual(short, [])

    def test_4_the_verifier_reports_the_seeds_own_inconsistencies(self):
        out = os.path.join(self.tmp, "out")
        stated = os.path.join(ROOT, "examples", "ntb-2023", "stated.json")
        p = self.ctl("verify", "--year", "2023", "--province", "BNNP_NTB", "--stated", stated, "--out", out)
        with open(os.path.join(out, "verify.json"), encoding="utf-8") as f:
            report = json.load(f)
        found = {}
        for f in report["findings"]:
            found.setdefault(f["code"], []).append(f)
        # The Bab III B sentence says Dukungan Manajemen realised 10.883.864.605; its own table and
        # the data say 10.833.864.605.
        dukman = [f for f in found["ANGKA_DINYATAKAN_BERBEDA"] if f["subject"] == "anggaran.program.DUKMAN.realisasi"]
        self.assertEqual(len(dukman), 1, found["ANGKA_DINYATAKAN_BERBEDA"])
        self.assertEqual(dukman[0]["severity"], "SEVERITY_ERROR")
        self.assertEqual([v["value"] for v in dukman[0]["values"]],
                         ["10883864605", "10833864605", "anggaran.program.DUKMAN.realisasi"])
        self.assertIn("baris 1195", dukman[0]["values"][0]["source"])
        # The executive summary says 4 BNNK reached the NKA target (100%); the body and the data say 0.
        ikk16 = [f for f in found["ANGKA_DINYATAKAN_BERBEDA"]
                 if f["subject"] == "IKK-16" and "Ringkasan eksekutif" in f["values"][0]["source"]]
        self.assertEqual(sorted(f["values"][0]["value"] for f in ikk16), ["100", "4"])
        # Its per-satker table's TOTAL (86,85) is not the mean of its NKA rows (86,59) either.
        ikk16_total = [f for f in found["ANGKA_DINYATAKAN_BERBEDA"]
                       if f["subject"] == "IKK-16" and "total_row" in f["values"][0]["source"]]
        self.assertEqual([(f["values"][0]["value"], rounded(f["values"][1]["value"], "86.59")) for f in ikk16_total],
                         [("86.85", "86.59")])
        # The TOTAL row of IKK-18's per-satker IKPA table (98,50) is not what its rows make.
        ikk18 = [f for f in found["ANGKA_DINYATAKAN_BERBEDA"] if f["subject"] == "IKK-18"]
        self.assertEqual([f["values"][0]["value"] for f in ikk18], ["98.50"])
        self.assertIn("baris TOTAL", ikk18[0]["values"][0]["source"])
        # IKK-06's per-satker table totals 76,68 %; the IKK is 76,39 % everywhere else and in the data.
        ikk06 = [f for f in found["ANGKA_DINYATAKAN_BERBEDA"]
                 if f["subject"] == "IKK-06" and "baris TOTAL" in f["values"][0]["source"]]
        self.assertEqual([(f["values"][0]["value"], rounded(f["values"][1]["value"], "76.39")) for f in ikk06],
                         [("76.68", "76.39")])
        # The IKK-02 and IKK-06 tables list Sumbawa Barat twice; the second row's figure is not the
        # data's (the first row's is).
        twice = [(f["subject"], f["values"][0]["value"], rounded(f["values"][1]["value"], f["values"][0]["value"]))
                 for f in found["ANGKA_DINYATAKAN_BERBEDA"]
                 if "Sumbawa Barat" in f["message"] and f["subject"] in ("IKK-02", "IKK-06")]
        # (and IKK-02's second row prints a target, 76,60, that is not its PK's 78,80)
        self.assertEqual(twice, [("IKK-02", "65.571", "83.571"), ("IKK-06", "70.28", "76.28"),
                                 ("IKK-02", "76.60", "78.80")])
        # The kata pengantar is dated before the fiscal year ended.
        self.assertEqual(found["TANGGAL_LAPORAN_SEBELUM_TAHUN_ANGGARAN_BERAKHIR"][0]["values"][0]["value"], "2023-01-12")
        # IKK-15's text cites PMK 214/PMK.02/2017, which the rule set marks superseded.
        self.assertEqual([f["subject"] for f in found["REGULASI_SUDAH_DIGANTI"]], ["IKK-15.metode_pengukuran"])
        # IKK-01 counts BNNK exactly "Tinggi": Mataram, "Sangat Tinggi", is not counted.
        self.assertIn("BNN Kota Mataram (Sangat Tinggi", found["KATEGORI_LEBIH_TINGGI_TIDAK_DIHITUNG"][0]["message"])
        # The kawasan transition the indicator does not count, from pencegahan.
        self.assertIn("KAWASAN_TRANSISI_TIDAK_DIHITUNG", found)
        # Names in the executive summary that are not the PK's (IKK-11's "klinik rehabilitasi").
        self.assertIn("IKK-11", [f["subject"] for f in found["NAMA_IKK_BERBEDA_DENGAN_PK"]])
        summary = report["summary"]
        self.assertGreater(summary["stated_checked"], 150)
        self.assertEqual(summary["stated_checked"] - summary["stated_agreeing"], len(found["ANGKA_DINYATAKAN_BERBEDA"]))
        self.assertIn("ANGKA_DINYATAKAN_BERBEDA", p.stdout)
        # The figures typed in the example's stored texts: none contradicts the data; those that agree
        # carry the reference that would bind them, the one it cannot tie (another year's) its sentence.
        with open(os.path.join(ROOT, "examples", "ntb-2023", "narratives.json"), encoding="utf-8") as f:
            stored_keys = set(json.load(f)["narratives"])
        in_stored = {code: [f for f in found.get(code, []) if f["subject"] in stored_keys]
                     for code in ("ANGKA_TEKS_SESUAI", "ANGKA_TEKS_TIDAK_TERIKAT", "ANGKA_TEKS_BERTENTANGAN")}
        self.assertEqual(in_stored["ANGKA_TEKS_BERTENTANGAN"], [])
        agreeing = in_stored["ANGKA_TEKS_SESUAI"]
        self.assertIn("{{IKK-02.kategori.Tinggi.bawah}}", " ".join(f["message"] for f in agreeing))
        untied = in_stored["ANGKA_TEKS_TIDAK_TERIKAT"]
        self.assertEqual([f["subject"] for f in untied], ["IKK-12.faktor"])
        self.assertIn("di tahun 2022", untied[0]["message"])
        print(f"typed figures of the example's texts: {len(agreeing)} agree, {len(untied)} untied, 0 contradict")
        # The seed's own passages (stated.json's `texts`: the executive summary's IKK lines and budget
        # sentence, Bab III B's program paragraphs), read as stored texts are: its sentences that the data
        # contradicts are ERRORs, each with its sentence, and the figures it cannot tie are listed as INFO.
        passages = [c for c in report["typed_figures"] if c.get("stated")]
        contradicting = [f for f in found["ANGKA_TEKS_BERTENTANGAN"] if f["subject"] not in stored_keys]
        self.assertEqual(len(contradicting), sum(c["outcome"] == "TYPED_FIGURE_OUTCOME_CONTRADICTS" for c in passages))
        seen = {(f["subject"], f["values"][0]["value"], f["values"][2]["value"]): f for f in contradicting}
        # IKK-16: 4 BNNK reached the NKA target (100%), where the data says 0.
        ikk16 = "Ringkasan eksekutif (baris 67)"
        for value, ref in (("4", "ikk.IKK-16.realisasi"), ("100", "ikk.IKK-16.capaian")):
            self.assertIn((ikk16, value, ref), seen, sorted(seen))
            self.assertEqual(seen[(ikk16, value, ref)]["severity"], "SEVERITY_ERROR")
            self.assertIn("tercapai sebesar 4 BNN kabupaten/kota (100%)", seen[(ikk16, value, ref)]["message"])
        # Dukungan Manajemen realised 10.883.864.605 (two digits swapped; the data says 10.833.864.605).
        dukman = seen[("Bab III B, uraian program (baris 1193)", "10883864605", "anggaran.program.DUKMAN.realisasi")]
        self.assertIn("telah terealisasi sebesar Rp. 10.883.864.605", dukman["message"])
        self.assertEqual(dukman["values"][1]["value"], "10833864605")
        untied_passages = [f for f in found["ANGKA_TEKS_TIDAK_TERIKAT"] if f["subject"] not in stored_keys]
        self.assertEqual(len(untied_passages), sum(c["outcome"] == "TYPED_FIGURE_OUTCOME_UNTIED" for c in passages))
        print(f"typed figures of the seed's {len(report['typed_figures']) and len({c['text_key'] for c in passages})} "
              f"passages: {len(passages)} figures, "
              f"{sum(c['outcome'] == 'TYPED_FIGURE_OUTCOME_AGREES' for c in passages)} agree, {len(untied_passages)} untied, "
              f"{len(contradicting)} contradict: "
              + "; ".join(f"{s} {v} ({r})" for s, v, r in sorted(seen)))
        p = self.ctl("verify", "--year", "2023", "--province", "BNNP_NTB", "--stated", stated, "--strict", check=False)
        self.assertEqual(p.returncode, 4)

    def test_4b_every_figure_of_the_seeds_transcription_is_checked(self):
        """Every figure of the seed's transcription (examples/ntb-2023/transcribed.json), each against the data through
        the verifier: agree, differ (each with its ANGKA_DINYATAKAN_BERBEDA finding), or missing
        (no ref names it, or the data has no such figure), printed; missing must be 0."""
        sys.path.insert(0, os.path.join(ROOT, "tools", "examples"))
        import ntb_2023_transcribed_figures as transcribed
        with open(TRANSCRIBED, encoding="utf-8") as f:
            figures = transcribed.figures(json.load(f))
        stated_path = os.path.join(ROOT, "examples", "ntb-2023", "stated.json")
        with open(stated_path, encoding="utf-8") as f:
            stated = {(s["ref"], s["value"]) for s in json.load(f)["figures"]}
        out = os.path.join(self.tmp, "out-transcribed")
        self.ctl("verify", "--year", "2023", "--province", "BNNP_NTB", "--stated", stated_path, "--out", out)
        with open(os.path.join(out, "verify.json"), encoding="utf-8") as f:
            findings = json.load(f)["findings"]
        outcome = {}   # (ref, value) -> finding code, for the stated figures with a finding
        for finding in findings:
            refs = [v["value"] for v in finding["values"] if v["label"] == "rujukan"]
            if refs:
                outcome[(refs[0], finding["values"][0]["value"])] = finding["code"], finding["message"]
        counts = {"agree": 0, "differ": 0, "missing": 0, "other province": 0}
        missing, differ = [], []
        for path, value, ref, why in figures:
            if ref is None and why.startswith("nilai provinsi lain"):
                counts["other province"] += 1   # BNNP DIY's row of the Inspektur's letter
                continue
            code, message = outcome.get((ref, value), (None, None))
            if ref is None or (ref, value) not in stated or code == "ANGKA_DINYATAKAN_TIDAK_DAPAT_DIPERIKSA":
                counts["missing"] += 1
                missing.append(f"{transcribed.where(path)} = {value}: {why or ref}")
            elif code == "ANGKA_DINYATAKAN_BERBEDA":
                counts["differ"] += 1
                differ.append(f"{transcribed.where(path)} = {value}: {message}")
            else:
                counts["agree"] += 1
        print(f"\nseed transcription: {len(figures)} figures: " + ", ".join(f"{k} {v}" for k, v in counts.items()),
              file=sys.stderr)
        for line in differ:
            print("  differ: " + line, file=sys.stderr)
        for line in missing:
            print("  missing: " + line, file=sys.stderr)
        self.assertGreater(len(figures), 500)
        self.assertEqual(counts["other province"], 4)
        self.assertGreater(counts["differ"], 5)   # the seed's own contradictions, each with a finding
        self.assertEqual(counts["missing"], 0, missing)

    def test_4c_typed_figures_injected_into_the_examples_texts_are_caught(self):
        """Copies of the example's texts with a sentence added to each of several texts: a figure of every kind,
        once as the data has it and once contradicting it. Each contradiction is an ERROR naming its text, its
        sentence and the data figure; each right figure agrees. Then the stored texts are restored."""
        narratives_path = os.path.join(ROOT, "examples", "ntb-2023", "narratives.json")
        with open(narratives_path, encoding="utf-8") as f:
            example = json.load(f)
        out = os.path.join(self.tmp, "out-injected")
        for command in ("capaian", "anggaran"):
            self.ctl(command, "--year", "2023", "--province", "BNNP_NTB", "--out", out)
        with open(os.path.join(out, "capaian.json"), encoding="utf-8") as f:
            ikk = {i["code"]: i for i in json.load(f)["indicators"]}
        with open(os.path.join(out, "anggaran.json"), encoding="utf-8") as f:
            total = json.load(f)["per_satker"]["total"]

        def id_number(plain):   # "16375654700" -> "16.375.654.700", "87.93" -> "87,93"
            whole, _, frac = plain.partition(".")
            grouped = f"{int(whole):,}".replace(",", ".")
            return grouped + ("," + frac if frac else "")

        realisasi = total["realisasi"]["amount"]
        swapped = realisasi[:-4] + realisasi[-3] + realisasi[-4] + realisasi[-2:]   # two digits swapped
        assert swapped != realisasi
        capaian12 = f"{float(ikk['IKK-12']['capaian']):.2f}"
        # (text key, sentence with {} for the figure, right value, wrong value, the ref the tie names)
        kinds = [
            ("IKK-12.faktor", "Pada tahun 2023 terealisasi {} berkas perkara.", ikk["IKK-12"]["realisasi"],
             str(int(ikk["IKK-12"]["realisasi"]) + 5), "ikk.IKK-12.realisasi"),
            ("bab4.kesimpulan", "Realisasi anggaran tahun 2023 sebesar Rp{}.", id_number(realisasi), id_number(swapped),
             "anggaran.total.realisasi"),
            ("IKK-05.faktor", "Indeks tahun 2023 sebesar {}.", id_number(ikk["IKK-05"]["realisasi"]), "2,28",
             "ikk.IKK-05.realisasi"),
            ("IKK-07.faktor", "Petugas yang dilatih sebanyak {} orang.", ikk["IKK-07"]["realisasi"],
             str(int(ikk["IKK-07"]["realisasi"]) - 18), "ikk.IKK-07.realisasi"),
            ("kata_pengantar", "Perjanjian Kinerja memuat {} indikator kinerja.", str(len(ikk)), str(len(ikk) - 2),
             "jumlah.ikk"),
            ("IKK-15.faktor", "Nilai Kinerja Anggaran tahun 2023 sebesar {}.", id_number(ikk["IKK-15"]["realisasi"]),
             "78,93", "ikk.IKK-15.realisasi"),
            ("IKK-12.hambatan", "Dengan capaian {}% target terlampaui.", id_number(capaian12), "160,00",
             "ikk.IKK-12.capaian"),
        ]
        injected = os.path.join(self.tmp, "narratives-injected.json")
        try:
            for right_or_wrong in (2, 3):
                texts = dict(example["narratives"])
                for kind in kinds:
                    texts[kind[0]] = texts[kind[0]] + "\n\n" + kind[1].format(kind[right_or_wrong])
                with open(injected, "w", encoding="utf-8") as f:
                    json.dump(dict(example, narratives=texts), f, ensure_ascii=False)
                self.ctl("set-narratives", injected)
                self.ctl("verify", "--year", "2023", "--province", "BNNP_NTB", "--out", out)
                with open(os.path.join(out, "verify.json"), encoding="utf-8") as f:
                    report = json.load(f)
                checks = {(c["text_key"], c["written"].split(" ")[0].rstrip("%").replace("Rp", "")): c
                          for c in report["typed_figures"]}
                caught = 0
                for key, sentence, *values, ref in kinds:
                    check = checks.get((key, values[right_or_wrong - 2]))
                    self.assertIsNotNone(check, (key, values[right_or_wrong - 2], sorted(checks)))
                    self.assertEqual(check["ref"], ref, check)
                    if right_or_wrong == 2:
                        self.assertEqual(check["outcome"], "TYPED_FIGURE_OUTCOME_AGREES", check)
                        continue
                    self.assertEqual(check["outcome"], "TYPED_FIGURE_OUTCOME_CONTRADICTS", check)
                    found = [f for f in report["findings"]
                             if f["code"] == "ANGKA_TEKS_BERTENTANGAN" and f["subject"] == key
                             and sentence.format(values[1]) in f["message"]]
                    self.assertEqual(len(found), 1, (key, [f["message"] for f in report["findings"]
                                                           if f["code"] == "ANGKA_TEKS_BERTENTANGAN"]))
                    self.assertEqual(found[0]["severity"], "SEVERITY_ERROR")
                    self.assertEqual(found[0]["values"][2]["value"], ref)
                    caught += 1
                summary = report["summary"]
                if right_or_wrong == 2:
                    self.assertNotIn("ANGKA_TEKS_BERTENTANGAN", {f["code"] for f in report["findings"]})
                    print(f"typed figures injected into the example's texts: right figures passed "
                          f"{len(kinds)}/{len(kinds)}, {summary.get('typed_agreeing', 0)} of "
                          f"{summary['typed_figures']} figures agree")
                else:
                    self.assertEqual(summary["typed_contradicting"], len(kinds))
                    # The final document is refused while a contradiction remains, each one listed.
                    p = self.ctl("report", "--year", "2023", "--province", "BNNP_NTB", "--out",
                                 os.path.join(self.tmp, "doc-final"), "--formats", "html", "--final", check=False)
                    self.assertEqual(p.returncode, 5, p.stderr)
                    self.assertEqual(p.stderr.count("Temuan kesalahan data: Teks "), len(kinds), p.stderr)
                    self.assertIn("Temuan kesalahan data: Teks IKK-12.faktor menulis", p.stderr)
                    print(f"typed figures injected into the example's texts: contradictions caught "
                          f"{caught}/{len(kinds)}")
        finally:
            self.ctl("set-narratives", narratives_path)

    def test_4d_suggested_bindings_print_the_same_document(self):
        """lkipctl verify --suggest-bindings writes the stored texts with each figure that agrees replaced by its
        {{ref}}; stored, the document prints the same words, and those figures now follow the data."""
        narratives_path = os.path.join(ROOT, "examples", "ntb-2023", "narratives.json")
        before, after = os.path.join(self.tmp, "doc-typed"), os.path.join(self.tmp, "doc-bound")
        suggested = os.path.join(self.tmp, "narratives-bound.json")
        self.ctl("report", "--year", "2023", "--province", "BNNP_NTB", "--out", before, "--formats", "html,md")
        p = self.ctl("verify", "--year", "2023", "--province", "BNNP_NTB", "--suggest-bindings", suggested)
        bound = int(re.search(r"suggested bindings: (\d+) of (\d+) figures", p.stdout).group(1))
        self.assertGreater(bound, 0, p.stdout)
        self.assertIn("IKK-02.metode_pengukuran: 76,61 -> {{IKK-02.kategori.Tinggi.bawah}}", p.stdout)
        with open(suggested, encoding="utf-8") as f:
            texts = json.load(f)["narratives"]
        with open(narratives_path, encoding="utf-8") as f:
            example = json.load(f)["narratives"]
        self.assertEqual(sorted(texts), sorted(example))
        self.assertEqual(sum(t.count("{{") for t in texts.values()) - sum(t.count("{{") for t in example.values()),
                         bound)
        try:
            changed = sum(texts[k] != example[k] for k in texts)
            self.assertIn(f"{changed} written", self.ctl("set-narratives", suggested).stdout)
            self.ctl("report", "--year", "2023", "--province", "BNNP_NTB", "--out", after, "--formats", "html,md")
            for name in ("lkip.html", "lkip.md"):
                with open(os.path.join(before, name), encoding="utf-8") as a, \
                        open(os.path.join(after, name), encoding="utf-8") as b:
                    self.assertEqual(a.read(), b.read(), f"{name} prints differently once the figures are bound")
            p = self.ctl("verify", "--year", "2023", "--province", "BNNP_NTB", "--suggest-bindings", suggested)
            self.assertIn("suggested bindings: 0 of", p.stdout)
            print(f"suggested bindings: {bound} typed figures bound; lkip.html and lkip.md unchanged")
        finally:
            self.ctl("set-narratives", narratives_path)

    def test_5_every_json_file_matches_its_published_schema(self):
        """Every JSON file the commands above wrote (lkip.json, capaian.json, manifest.json, anggaran.json,
        verify.json) against its JSON Schema in build/contracts/schemas, and the CSV tables beside them."""
        out = os.path.join(self.tmp, "out")
        schemas = os.path.join(BUILD, "contracts", "schemas")
        names = sorted(n for n in os.listdir(out) if n.endswith(".json"))
        self.assertEqual(names, ["anggaran.json", "capaian.json", "lkip.json", "manifest.json", "verify.json"])
        for name in names:
            schema_path = os.path.join(schemas, name[:-len(".json")] + ".schema.json")
            self.assertTrue(os.path.exists(schema_path), f"{name} has no published schema")
            with open(schema_path, encoding="utf-8") as f, open(os.path.join(out, name), encoding="utf-8") as g:
                errors = sorted(jsonschema.Draft202012Validator(json.load(f)).iter_errors(json.load(g)),
                                key=lambda e: str(list(e.absolute_path)))
            self.assertEqual([f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]], [], name)
            with open(os.path.join(out, name), encoding="utf-8") as g:
                fractions = [(path, v) for path, v in strings(json.load(g))
                             if re.fullmatch(r"-?[0-9]+/[0-9]+", v) and not path.endswith("fraction")]
            self.assertEqual(fractions[:5], [], f"{name}: a figure as a fraction, outside a `fraction` field")
        tables = sorted(os.listdir(os.path.join(out, "tabel")))
        self.assertEqual(tables, ["anggaran-iso.csv", "anggaran.csv", "capaian-iso.csv", "capaian.csv",
                                  "satker-iso.csv", "satker.csv"])
        with open(os.path.join(out, "manifest.json"), encoding="utf-8") as f:
            listed = {o["file"] for o in json.load(f)["outputs"]}
        self.assertTrue({"tabel/" + t for t in tables} <= listed)
if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"])
