#!/usr/bin/env python3
"""Who may call, and what, against the real binaries with mutual TLS and tokens (issue 14).

Starts the suite with scripts/suite.sh (its development PKI under VAR/pki), imports the NTB 2023
example as an admin, then calls it as a newcomer would with lkipctl: without a client certificate
of the suite's CA, with tokens signed by another key, expired, of another province, of an operator
of BNNK_BIMA, with a bundle that would move Bima to Bali, with an x-lkip-actor that lies, and
after the Kepala approved the year (locked; the documents signed).

    python3 tests/security_test.py BUILD_DIR
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build"))
LKIPCTL = os.path.join(BUILD, "tools", "lkipctl")
SUITE = os.path.join(ROOT, "scripts", "suite.sh")
BUNDLE = os.path.join(ROOT, "examples", "ntb-2023", "bundle.json")
KEUANGAN = os.path.join(ROOT, "examples", "ntb-2023", "raw", "keuangan.json")


def run(*args, env=None, check=True):
    p = subprocess.run(list(args), capture_output=True, text=True, timeout=120,
                       env=dict(os.environ, LKIP_BUILD_DIR=BUILD, **(env or {})))
    if check and p.returncode != 0:
        raise AssertionError(f"{args} exited {p.returncode}\nstdout:\n{p.stdout}\nstderr:\n{p.stderr}")
    return p


class Security(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="lkip-security-")
        cls.var = os.path.join(cls.tmp, "var")
        cls.pki = os.path.join(cls.var, "pki")
        cls.agg = run("bash", SUITE, "start", cls.var).stdout.strip()
        cls.ctl_as("admin-ntb", "admin", province="BNNP_NTB")("import", BUNDLE)
        # Its DIPA and realisasi: without a DIPA the report has no budget and is partial.
        cls.ctl_as("admin-ntb", "admin", province="BNNP_NTB")("import", KEUANGAN)

    @classmethod
    def tearDownClass(cls):
        run("bash", SUITE, "stop", cls.var, check=False)
        shutil.rmtree(cls.tmp, ignore_errors=True)

    @classmethod
    def token(cls, subject, role, province=None, satker=None, valid="1h", key=None):
        args = [LKIPCTL, "token", "issue", "--signing-key", key or os.path.join(cls.pki, "token.key"),
                "--subject", subject, "--role", role, "--valid", valid]
        if province:
            args += ["--province", province]
        if satker:
            args += ["--satker", satker]
        return run(*args).stdout.strip()

    @classmethod
    def ctl_as(cls, subject, role, province=None, satker=None, pki=None, token=None, *extra):
        env = {"LKIP_PKI_DIR": pki or cls.pki,
               "LKIP_TOKEN": token or cls.token(subject, role, province, satker)}

        def ctl(*args, check=True):
            return run(LKIPCTL, "--aggregator", cls.agg, *extra, *args, env=env, check=check)
        return ctl

    def bundle(self, name, content):
        path = os.path.join(self.tmp, name)
        with open(path, "w", encoding="utf-8") as f:
            json.dump(content, f)
        return path

    def values(self, name, satker, value):
        """A bundle of one dektari value, with NTB's units as they are stored (they place the satker
        in the province; an operator may send them unchanged, not change them)."""
        with open(BUNDLE, encoding="utf-8") as f:
            units = json.load(f)["units"]
        return self.bundle(name, {
            "fiscal_year": 2023, "province_code": "BNNP_NTB", "source_document": "security test", "units": units,
            "satker_values": [{"measure": "dektari", "satker_code": satker, "value": {"value": value},
                               "target": {"value": "51"}}]})

    def bima_values(self, satker):
        return self.values(f"values-{satker}.json", satker, "52.5")

    def assertRefused(self, p, *phrases):
        self.assertNotEqual(p.returncode, 0, p.stdout)
        for phrase in phrases:
            self.assertIn(phrase, p.stderr)

    def test_a_client_without_a_certificate_of_the_suite_is_refused(self):
        other = os.path.join(self.tmp, "other-pki")
        run("bash", os.path.join(ROOT, "scripts", "dev-pki.sh"), other)
        mixed = os.path.join(self.tmp, "mixed-pki")   # the suite's CA, a stranger's client certificate
        os.makedirs(mixed, exist_ok=True)
        shutil.copy(os.path.join(self.pki, "ca.crt"), mixed)
        for name in ("client.crt", "client.key"):
            shutil.copy(os.path.join(other, name), mixed)
        p = self.ctl_as("x", "hq", pki=mixed)("bundles", check=False)
        self.assertRefused(p, "UNAVAILABLE")
        p = run(LKIPCTL, "--aggregator", self.agg, "--insecure-dev", "bundles", check=False)
        self.assertRefused(p, "UNAVAILABLE")

    def test_tokens_of_another_key_expired_or_of_another_province_are_refused(self):
        other = os.path.join(self.tmp, "other-key")
        run("bash", os.path.join(ROOT, "scripts", "dev-pki.sh"), other)
        forged = self.token("mallory", "admin", "BNNP_NTB", key=os.path.join(other, "token.key"))
        p = self.ctl_as("mallory", "admin", token=forged)("bundles", check=False)
        self.assertRefused(p, "UNAUTHENTICATED", "does not verify")
        short = self.token("budi", "admin", "BNNP_NTB", valid="1s")
        time.sleep(2.1)
        p = self.ctl_as("budi", "admin", token=short)("bundles", check=False)
        self.assertRefused(p, "UNAUTHENTICATED", "expired")
        out = os.path.join(self.tmp, "bali-reads-ntb")
        p = self.ctl_as("made", "admin", "BNNP_BALI")("capaian", "--year", "2023", "--province", "BNNP_NTB",
                                                      "--out", out, check=False)
        self.assertRefused(p, "PERMISSION_DENIED", "of BNNP_BALI may not read BNNP_NTB")
        # hq reads every province and writes nothing.
        hq = self.ctl_as("pusdatin", "hq")
        hq("capaian", "--year", "2023", "--province", "BNNP_NTB", "--out", os.path.join(self.tmp, "hq"))
        p = hq("import", self.bima_values("BNNK_BIMA"), check=False)
        self.assertRefused(p, "role hq (pusdatin) may not call", "importing is for")

    def test_an_operator_of_bima_writes_bimas_records_and_not_sumbawas(self):
        wayan = self.ctl_as("wayan", "operator", "BNNP_NTB", "BNNK_BIMA")
        p = wayan("import", self.bima_values("BNNK_BIMA"), "--bundle-id", "wayan-bima")
        self.assertIn("complete", p.stdout + p.stderr)
        p = wayan("import", self.bima_values("BNNK_SUMBAWA"), check=False)
        self.assertRefused(p, "may write the records of BNNK_BIMA only, not BNNK_SUMBAWA")
        # The example bundle holds every satker's values; a bundle of Bima's that renames a unit
        # touches the unit tree, which is admin's.
        p = wayan("import", BUNDLE, check=False)
        self.assertRefused(p, "may write the records of BNNK_BIMA only")
        with open(self.bima_values("BNNK_BIMA"), encoding="utf-8") as f:
            renamed = json.load(f)
        renamed["units"][3]["name"] += " (baru)"
        p = wayan("import", self.bundle("renamed.json", renamed), check=False)
        self.assertRefused(p, "changes unit " + renamed["units"][3]["code"], "the unit tree is admin's")
        admin = self.ctl_as("admin-ntb", "admin", province="BNNP_NTB")
        shown = admin("bundles").stdout
        self.assertIn("wayan", shown)
        # A bundle is undone by who imported it, or an admin: not the admin's by the operator.
        theirs = next(line.split()[0] for line in shown.splitlines() if line.split()[-1] == "admin-ntb")
        p = wayan("bundle-rollback", theirs, check=False)
        self.assertRefused(p, f"may not roll back bundle {theirs}, which admin-ntb imported")
        p = wayan("bundle-rollback", "wayan-bima")
        self.assertIn("rolled back", (p.stdout + p.stderr).lower())

    def test_a_bundle_that_moves_a_unit_to_another_province_is_refused(self):
        bali = self.bundle("bali.json", {
            "fiscal_year": 2023, "province_code": "BNNP_BALI", "source_document": "security test",
            "units": [{"code": "BNN_RI", "name": "Badan Narkotika Nasional", "level": "UNIT_LEVEL_PUSAT"},
                      {"code": "BNNP_BALI", "name": "BNNP Bali", "level": "UNIT_LEVEL_PROVINSI",
                       "parent_code": "BNN_RI"},
                      {"code": "BNNK_BIMA", "name": "BNN Kabupaten Bima", "level": "UNIT_LEVEL_KABUPATEN_KOTA",
                       "parent_code": "BNNP_BALI"}]})
        p = self.ctl_as("made", "admin", "BNNP_BALI")("import", bali, check=False)
        self.assertRefused(p, "BNNK_BIMA belongs to BNNP_NTB", "nothing was written")
        # Bima still counts for NTB.
        out = os.path.join(self.tmp, "after-bali")
        self.ctl_as("admin-ntb", "admin", province="BNNP_NTB")("capaian", "--year", "2023", "--province",
                                                                 "BNNP_NTB", "--out", out)
        with open(os.path.join(out, "capaian.json"), encoding="utf-8") as f:
            self.assertIn("BNNK_BIMA", f.read())

    def test_the_audit_trail_names_the_token_not_the_actor_header(self):
        liar = self.ctl_as("wayan", "operator", "BNNP_NTB", "BNNK_BIMA", None, None,
                           "--actor", "Inspektorat Utama BNN")
        liar("import", self.values("liar.json", "BNNK_BIMA", "53"), "--bundle-id", "liar-1")
        shown = self.ctl_as("admin-ntb", "admin", province="BNNP_NTB")("bundle-show", "liar-1").stdout
        self.assertIn("wayan", shown)
        self.assertNotIn("Inspektorat", shown)

    def test_z_an_approved_year_refuses_every_write_and_its_documents_are_signed(self):
        # Named to run last: the year is locked for a while.
        year = ["--year", "2023", "--province", "BNNP_NTB"]
        perencana = self.ctl_as("sari", "perencana", "BNNP_NTB")
        kepala = self.ctl_as("kepala-ntb", "kepala", "BNNP_NTB")
        p = kepala("approval", "submit", *year, check=False)
        self.assertRefused(p, "PERMISSION_DENIED", "role kepala (kepala-ntb) may not call")
        perencana("approval", "submit", *year)
        self.ctl_as("irwil", "apip", "BNNP_NTB")("approval", "review", *year, "--note", "Reviu selesai")
        p = kepala("approval", "approve", *year)
        self.assertIn("BNNP_NTB 2023: ditetapkan", p.stdout)

        wayan = self.ctl_as("wayan", "operator", "BNNP_NTB", "BNNK_BIMA")
        p = wayan("import", self.bima_values("BNNK_BIMA"), check=False)
        self.assertRefused(p, "fiscal year 2023 of BNNP_NTB is locked", "approved (ditetapkan) by kepala-ntb")
        p = perencana("set-narratives", os.path.join(ROOT, "examples", "ntb-2023", "narratives.json"), check=False)
        self.assertRefused(p, "FAILED_PRECONDITION", "is locked")

        out = os.path.join(self.tmp, "signed")
        perencana("report", *year, "--formats", "html,json", "--out", out)
        self.assertTrue(os.path.exists(os.path.join(out, "manifest.sig")))
        with open(os.path.join(out, "lkip.html"), encoding="utf-8") as f:
            html = f.read()
        # Approved: the approval no longer remains; the example's unverified rules still do, so the
        # document is still a DRAF and a final one is refused, listing them.
        self.assertNotIn("Laporan belum ditetapkan oleh Kepala", html)
        self.assertIn("<li>Aturan belum terverifikasi: IKK-05", html)
        p = perencana("report", *year, "--formats", "html", "--out", os.path.join(self.tmp, "final"), "--final",
                      check=False)
        self.assertEqual(p.returncode, 5, p.stderr)
        self.assertIn("Aturan belum terverifikasi: IKK-05", p.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.tmp, "final", "lkip.html")))
        p = run(LKIPCTL, "--pki", self.pki, "verify-signature", out)
        self.assertIn("files match", p.stdout)
        with open(os.path.join(out, "lkip.html"), "r+b") as f:
            first = f.read(1)
            f.seek(0)
            f.write(b"<" if first != b"<" else b" ")
        p = run(LKIPCTL, "--pki", self.pki, "verify-signature", out, check=False)
        self.assertRefused(p, "lkip.html: changed since it was signed")

        p = perencana("approval", "reopen", *year, "--note", "koreksi", check=False)
        self.assertRefused(p, "PERMISSION_DENIED")
        self.ctl_as("admin-ntb", "admin", "BNNP_NTB")("approval", "reopen", *year, "--note", "koreksi data Bima")
        wayan("import", self.bima_values("BNNK_BIMA"))


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
