#!/usr/bin/env python3
"""The web dashboard in a real browser: Debian's Chromium, headless, driven by Selenium
(python3-selenium, chromium-driver), against the real suite scripts/suite.sh starts (every service
and the REST gateway over HTTPS), with the NTB 2023 example imported.

As a perencana of NTB: sign in, open NTB 2023, see the 19 IKK with the seed's realisasi and capaian
and the S1 band table with its counts, drill into IKK-06's satker rows and where each value comes
from, see a verifier finding, submit the year for approval. As an operator of BNNK Bima: the approval
buttons are disabled, and the service refuses the step the button would take. Screenshots of each
step are written to BUILD_DIR/test-output/dashboard/.

Usage: dashboard_test.py BUILD_DIR
"""
import base64
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unittest
from decimal import ROUND_HALF_UP, Decimal

from selenium import webdriver
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build"))
LKIPCTL = os.path.join(BUILD, "tools", "lkipctl")
EXAMPLE = os.path.join(ROOT, "examples", "ntb-2023")
SHOTS = os.path.join(BUILD, "test-output", "dashboard")
with open(os.path.join(EXAMPLE, "expected.json"), encoding="utf-8") as _f:
    EXPECTED = json.load(_f)


def run(*args, env_extra=None):
    env = dict(os.environ, LKIP_BUILD_DIR=BUILD, **(env_extra or {}))
    p = subprocess.run(list(args), capture_output=True, text=True, env=env, timeout=180)
    if p.returncode != 0:
        raise AssertionError(f"{args} exited {p.returncode}\n{p.stdout}\n{p.stderr}")
    return p.stdout


def indonesian(plain, places=None):
    """"1234.5" -> "1.234,5"; with places, rounded to them ("150" -> "150,00")."""
    d = Decimal(plain)
    text = f"{d:,.{places}f}" if places is not None else f"{d:,}"
    return text.replace(",", "X").replace(".", ",").replace("X", ".")


class Dashboard(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        for program in ("/usr/bin/chromium", "/usr/bin/chromedriver"):
            if not os.path.exists(program):
                raise unittest.SkipTest(f"{program} is missing: scripts/install-deps.sh installs chromium and "
                                        "chromium-driver")
        cls.tmp = tempfile.mkdtemp(prefix="lkip-dashboard-")
        cls.var = os.path.join(cls.tmp, "var")
        cls.agg = run("bash", os.path.join(ROOT, "scripts", "suite.sh"), "start", cls.var).strip()
        with open(os.path.join(cls.var, "run", "gateway.address"), encoding="utf-8") as f:
            cls.gateway = f.read().strip()
        pki = os.path.join(cls.var, "pki")
        admin = {"LKIP_PKI_DIR": pki, "LKIP_TOKEN": cls.token("admin-ntb", "admin")}
        run(LKIPCTL, "--aggregator", cls.agg, "import", os.path.join(EXAMPLE, "bundle.json"), env_extra=admin)
        run(LKIPCTL, "--aggregator", cls.agg, "set-narratives", os.path.join(EXAMPLE, "narratives.json"),
            env_extra=admin)
        cls._headquarters(pki)
        os.makedirs(SHOTS, exist_ok=True)
        options = webdriver.ChromeOptions()
        options.binary_location = "/usr/bin/chromium"
        for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--window-size=1366,768", "--lang=id-ID", f"--user-data-dir={os.path.join(cls.tmp, 'chromium')}"):
            options.add_argument(flag)
        # The suite's development CA is not in the browser's store; the certificate itself is
        # checked by the REST tests (services/gateway, tests/e2e_test.py).
        options.accept_insecure_certs = True
        cls.browser = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        cls.browser.set_page_load_timeout(60)

    @classmethod
    def _start(cls, name, args):
        """A binary of the build on a free loopback port; its address once it serves."""
        port_file = os.path.join(cls.tmp, f"{name}.port")
        log = open(os.path.join(cls.tmp, f"{name}.log"), "w")
        process = subprocess.Popen(args + ["--listen=127.0.0.1:0", f"--port_file={port_file}"], stdout=log,
                                   stderr=subprocess.STDOUT)
        cls.processes.append(process)
        for _ in range(300):
            if os.path.exists(port_file) and os.path.getsize(port_file) > 0:
                with open(port_file) as f:
                    return f"127.0.0.1:{f.read().strip()}"
            if process.poll() is not None:
                break
            time.sleep(0.1)
        with open(os.path.join(cls.tmp, f"{name}.log")) as f:
            raise AssertionError(f"{name} did not start: {f.read()}")

    @classmethod
    def _headquarters(cls, pki):
        """BNN headquarters beside the province: the national service pulling NTB's aggregator, and a
        gateway in front of both, as headquarters runs them."""
        cls.processes = []
        hq_token = os.path.join(cls.tmp, "hq.token")
        with open(hq_token, "w") as f:
            f.write(cls.token("hq-pusat", "hq", province=None) + "\n")
        directory = os.path.join(cls.tmp, "provinces.json")
        with open(directory, "w", encoding="utf-8") as f:
            json.dump({"provinces": [{"province_code": "BNNP_NTB", "name": "BNNP Nusa Tenggara Barat",
                                      "address": cls.agg, "server_name": "aggregator"}]}, f)
        nasional = cls._start("nasional", [
            os.path.join(BUILD, "services", "nasional", "nasional"), f"--db_path={os.path.join(cls.tmp, 'nasional-db')}",
            f"--rules_dir={os.path.join(ROOT, 'deploy', 'rules')}", f"--tls_ca={pki}/ca.crt",
            f"--tls_cert={pki}/nasional.crt", f"--tls_key={pki}/nasional.key", f"--token_public_key={pki}/token.pub",
            f"--provinces={directory}", f"--hq_token_file={hq_token}"])
        cls.hq_gateway = "https://" + cls._start("gateway-hq", [
            os.path.join(BUILD, "services", "gateway", "gateway"), f"--aggregator_addr={cls.agg}",
            f"--nasional_addr={nasional}", f"--tls_ca={pki}/ca.crt", f"--tls_cert={pki}/gateway.crt",
            f"--tls_key={pki}/gateway.key"])
        run(LKIPCTL, "nasional", "tarik", "--year", "2023",
            env_extra={"LKIP_PKI_DIR": pki, "LKIP_TOKEN": cls.token("hq-pusat", "hq", province=None),
                       "LKIP_NASIONAL": nasional})

    @classmethod
    def tearDownClass(cls):
        if hasattr(cls, "browser"):
            cls.browser.quit()
        for process in getattr(cls, "processes", []):
            process.terminate()
            process.wait(timeout=30)
        subprocess.run(["bash", os.path.join(ROOT, "scripts", "suite.sh"), "stop", cls.var],
                       env=dict(os.environ, LKIP_BUILD_DIR=BUILD), capture_output=True)
        shutil.rmtree(cls.tmp, ignore_errors=True)

    @classmethod
    def token(cls, subject, role, satker=None, province="BNNP_NTB"):
        args = [LKIPCTL, "token", "issue", "--signing-key", os.path.join(cls.var, "pki", "token.key"),
                "--subject", subject, "--role", role, "--valid", "1h"]
        if province:
            args += ["--province", province]
        if satker:
            args += ["--satker", satker]
        return run(*args).strip()

    # --- helpers ---------------------------------------------------------------------------

    def wait(self, condition, timeout=60):
        # The page re-renders a panel when an answer arrives: an element found a moment before may
        # be gone when it is read, so the condition is tried again.
        return WebDriverWait(self.browser, timeout,
                             ignored_exceptions=(NoSuchElementException, StaleElementReferenceException)).until(condition)

    def shot(self, name):
        path = os.path.join(SHOTS, name + ".png")
        self.browser.save_screenshot(path)
        print(f"screenshot: {path}", file=sys.stderr)

    def sign_in(self, token, gateway=None):
        b = self.browser
        gateway = gateway or self.gateway
        b.get(gateway + "/healthz")   # another page of the origin: whoever was signed in is forgotten
        b.execute_script("sessionStorage.clear()")
        b.get(gateway + "/#BNNP_NTB/2023")
        self.wait(ec.visibility_of_element_located((By.ID, "token"))).send_keys(token)
        b.find_element(By.ID, "sign-in-button").click()
        # Signing in opens the year of the address: the capaian table arrives.
        self.wait(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#capaian-table tbody tr")) == 19)

    def tab(self, name):
        self.browser.find_element(By.CSS_SELECTOR, f"[role=tab][data-tab={name}]").click()

    def approval_buttons(self):
        return {b.get_attribute("data-verb"): b for b in self.browser.find_elements(By.CSS_SELECTOR, "button.action")}

    # --- the steps, in order ---------------------------------------------------------------

    def test_1_perencana_reads_the_year_drills_down_and_submits(self):
        b = self.browser
        self.sign_in(self.token("perencana-ntb", "perencana"))
        self.assertIn("perencana-ntb", b.find_element(By.ID, "who-text").text)
        self.assertEqual(b.find_element(By.ID, "province").get_attribute("value"), "BNNP_NTB")

        # The 19 IKK with the seed's figures, as the report prints them.
        rows = b.find_elements(By.CSS_SELECTOR, "#capaian-table tbody tr")
        shown = {r.get_attribute("data-ikk"): [td.text for td in r.find_elements(By.TAG_NAME, "td")] for r in rows}
        for ind in EXPECTED["indicators"]:
            cells = shown[ind["code"]]
            self.assertEqual(cells[5], indonesian(ind["realisasi"]), ind["code"])
            self.assertEqual(cells[6], indonesian(ind["capaian"], 2) + "%", ind["code"])
        # The S1 band table: the counts the seed publishes.
        s1 = b.find_element(By.CSS_SELECTOR, "details[data-band-set=S1] table")
        counts = [int(tr.find_elements(By.TAG_NAME, "td")[1].text) for tr in s1.find_elements(By.CSS_SELECTOR, "tbody tr")]
        self.assertEqual(counts, EXPECTED["bands"]["S1"])
        self.assertEqual(len(b.find_elements(By.CSS_SELECTOR, "svg.chart rect.bar")), 19 - sum(
            1 for i in EXPECTED["indicators"] if i["capaian"] in ("", None)))
        self.shot("1-capaian")

        # Printed (Chromium's own PDF of the page, A4): every panel, none of the controls.
        pdf = os.path.join(SHOTS, "cetak.pdf")
        with open(pdf, "wb") as f:
            f.write(base64.b64decode(b.print_page()))
        printed = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True, check=True).stdout
        for heading in ("Capaian Indikator Kinerja BNNP Nusa Tenggara Barat Tahun 2023", "Temuan Verifikator",
                        "Impor Data Tahun 2023", "Persetujuan Laporan BNNP_NTB 2023"):
            self.assertIn(heading, printed)
        for control in ("Tampilkan", "Keluar", "Cetak", "Ajukan untuk direviu"):
            self.assertIsNone(re.search(rf"\b{control}\b", printed), control)
        # Every finding's values fit the page: the last column is not cut at the paper's edge.
        # The last value of the first finding ("akhir tahun anggaran: 2023-12-31 (tahun anggaran)"), cut
        # before; the column may wrap it at the date's hyphen.
        self.assertRegex(printed, r"2023-12-(\s*\n\s*)?31 \(tahun(\s*\n\s*| )anggaran\)")

        # IKK-06: its satker rows and where each value comes from.
        b.find_element(By.CSS_SELECTOR, "tr[data-ikk='IKK-06']").click()
        satker = self.wait(ec.visibility_of_element_located((By.ID, "satker-table")))
        lines = satker.find_elements(By.CSS_SELECTOR, "tbody tr")
        self.assertGreaterEqual(len(lines), 4)
        codes = [tr.get_attribute("data-satker") for tr in lines]
        self.assertIn("BNNK_BIMA", codes)
        for tr in lines:
            self.assertIn("diimpor", tr.find_elements(By.TAG_NAME, "td")[6].text)   # the published value
        self.assertIn("Rincian IKK-06", b.find_element(By.ID, "drill").text)
        self.shot("2-rincian-ikk-06")

        # A finding of the verifier.
        self.tab("temuan")
        findings = self.wait(ec.visibility_of_element_located((By.ID, "findings-table")))
        self.assertIn("TANGGAL_LAPORAN_SEBELUM_TAHUN_ANGGARAN_BERAKHIR", findings.text)
        self.assertIn("Kesalahan", findings.text)
        # The notes are folded below: the figures typed in the texts that agree with the data.
        self.assertNotIn("ANGKA_TEKS_SESUAI", findings.text)
        notes = b.find_element(By.ID, "findings-info")
        self.assertFalse(notes.find_element(By.ID, "findings-info-table").is_displayed())
        notes.find_element(By.TAG_NAME, "summary").click()
        self.wait(ec.visibility_of_element_located((By.ID, "findings-info-table")))
        self.assertIn("ANGKA_TEKS_SESUAI", notes.text)
        self.shot("3-temuan")

        # The approval: draft, the perencana may submit and nothing else.
        self.tab("persetujuan")
        self.wait(lambda d: d.find_element(By.ID, "approval-state").text == "Draf")
        buttons = self.approval_buttons()
        self.assertTrue(buttons["submit"].is_enabled())
        self.assertFalse(buttons["approve"].is_enabled())
        b.find_element(By.ID, "approval-note").send_keys("LKIP 2023 siap direviu")
        buttons["submit"].click()
        self.wait(lambda d: d.find_element(By.ID, "approval-state").text == "Diajukan")
        self.assertIn("perencana-ntb", b.find_element(By.ID, "persetujuan").text)
        self.assertFalse(self.approval_buttons()["submit"].is_enabled())
        self.shot("4-diajukan")

    def test_2_the_operator_sees_the_step_refused(self):
        b = self.browser
        self.sign_in(self.token("operator-bima", "operator", satker="BNNK_BIMA"))
        self.tab("persetujuan")
        self.wait(lambda d: d.find_element(By.ID, "approval-state").text == "Diajukan")
        buttons = self.approval_buttons()
        self.assertEqual(set(buttons), {"submit", "review", "approve", "reopen"})
        for verb, button in buttons.items():
            self.assertFalse(button.is_enabled(), verb)
        self.assertIn("Peran operator tidak dapat", buttons["review"].get_attribute("title"))
        # What the disabled button would send: the service refuses it for this token.
        status = b.execute_async_script("""
            const done = arguments[arguments.length - 1];
            fetch('/v1/provinces/BNNP_NTB/years/2023/approval:reopen', {method: 'POST',
                headers: {Authorization: 'Bearer ' + sessionStorage.getItem('lkip.token')},
                body: JSON.stringify({note: 'dicoba operator'})})
              .then(async (r) => done([r.status, (await r.json()).error.status]));""")
        self.assertEqual(status, [403, "PERMISSION_DENIED"])
        self.assertEqual(b.find_element(By.ID, "approval-state").text, "Diajukan")
        self.shot("5-operator-ditolak")

    def test_4_headquarters_reads_the_national_table(self):
        b = self.browser
        self.sign_in(self.token("hq-pusat", "hq", province=None), gateway=self.hq_gateway)
        self.assertFalse(b.find_element(By.ID, "province").get_attribute("readOnly"))   # hq reads any province
        tab = b.find_element(By.ID, "tab-nasional")
        self.assertTrue(tab.is_displayed())
        self.tab("nasional")
        panel = self.wait(ec.visibility_of_element_located((By.CSS_SELECTOR, "#nasional h2")))
        self.assertEqual(panel.text, "Tabel Nasional 2023")
        text = b.find_element(By.ID, "nasional").text
        self.assertIn("BNNP Nusa Tenggara Barat", text)
        details = b.find_elements(By.CSS_SELECTOR, "#nasional details")
        self.assertEqual(len(details), 19)
        details[0].click()
        ikk01 = details[0].find_element(By.CSS_SELECTOR, "tbody tr").find_elements(By.TAG_NAME, "td")
        self.assertEqual(ikk01[4].text, indonesian(EXPECTED["indicators"][0]["capaian"], 2) + "%")
        self.shot("6-nasional")

    def test_3_the_dashboards_number_format_is_the_reports(self):
        """format.js rounds exact decimal strings as the server does (half away from zero, Indonesian
        grouping), checked against Python's Decimal over values that end in 5 at the cut."""
        b = self.browser
        b.get(self.gateway + "/healthz")
        cases = [("133.33333333333333333333", 2), ("0.005", 2), ("-0.005", 2), ("16468319000", 0), ("99.445", 2),
                 ("2.875", 2), ("1234567.5", 0), ("-1234567.5", 0), ("0.0049999", 2), ("76.39", 2), ("5", 2)]
        got = b.execute_async_script("""
            const [cases, done] = [arguments[0], arguments[arguments.length - 1]];
            import('/format.js').then((f) => done(cases.map(([t, p]) => f.decimalId(t, p))));""", cases)
        want = []
        for text, places in cases:
            q = Decimal(text).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
            want.append(indonesian(q, places))
        self.assertEqual(got, want)


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
