#!/usr/bin/env python3
"""Backup and restore with the real binaries: the suite started with scripts/suite.sh, the NTB
2023 example imported and its report written; `lkipctl backup` copies every store; a restore
into the running suite is refused and changes nothing; the suite is stopped, its stores deleted,
the backup restored with `lkipctl restore`, and the restarted suite writes the same report byte
for byte. A backup with a file changed since is refused before anything is touched.

Usage: backup_test.py BUILD_DIR
"""
import filecmp
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build"))
LKIPCTL = os.path.join(BUILD, "tools", "lkipctl")
SUITE = os.path.join(ROOT, "scripts", "suite.sh")
EXAMPLE = os.path.join(ROOT, "examples", "ntb-2023")
FORMATS = "html,md,json,csv,xlsx"
# The time an XLSX workbook says it was made: fixed, as for a reproducible build, so that two
# renders of the same data are the same bytes (report_render/report_xlsx.cc).
SUITE_ENV = {"SOURCE_DATE_EPOCH": "1704067200"}


def run(*args, check=True, env_extra=None):
    env = dict(os.environ, LKIP_BUILD_DIR=BUILD, **(env_extra or {}))
    p = subprocess.run(list(args), capture_output=True, text=True, env=env, timeout=300)
    if check and p.returncode != 0:
        raise AssertionError(f"{args} exited {p.returncode}\nstdout:\n{p.stdout}\nstderr:\n{p.stderr}")
    return p


def tree(folder):
    """Every file under `folder`, relative, with its bytes."""
    out = {}
    for base, _, files in os.walk(folder):
        for name in files:
            path = os.path.join(base, name)
            with open(path, "rb") as f:
                out[os.path.relpath(path, folder)] = f.read()
    return out


class BackupRestore(unittest.TestCase):
    maxDiff = None

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="lkip-backup-")
        cls.var = os.path.join(cls.tmp, "var")
        cls.data = os.path.join(cls.var, "data")
        cls.agg = run("bash", SUITE, "start", cls.var, env_extra=SUITE_ENV).stdout.strip()
        pki = os.path.join(cls.var, "pki")
        token = run(LKIPCTL, "token", "issue", "--signing-key", os.path.join(pki, "token.key"), "--subject",
                    "admin.ntb", "--role", "admin", "--province", "BNNP_NTB", "--valid", "2h").stdout.strip()
        cls.env = {"LKIP_PKI_DIR": pki, "LKIP_TOKEN": token}

    @classmethod
    def tearDownClass(cls):
        run("bash", SUITE, "stop", cls.var, check=False)
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def ctl(self, *args, check=True):
        return run(LKIPCTL, "--aggregator", self.agg, *args, check=check, env_extra=self.env)

    def report(self, out):
        self.ctl("report", "--year", "2023", "--province", "BNNP_NTB", "--formats", FORMATS, "--out", out)
        return tree(out)

    def test_backup_restore_gives_the_same_report(self):
        self.ctl("import", os.path.join(EXAMPLE, "bundle.json"))
        self.ctl("import", os.path.join(EXAMPLE, "raw", "keuangan.json"))  # its DIPA and realisasi
        self.ctl("set-narratives", os.path.join(EXAMPLE, "narratives.json"))
        before = self.report(os.path.join(self.tmp, "before"))
        self.assertIn("lkip.html", before)

        backup = os.path.join(self.tmp, "backup")
        p = self.ctl("backup", backup)
        print(p.stderr + p.stdout, file=sys.stderr)
        with open(os.path.join(backup, "manifest.json"), encoding="utf-8") as f:
            manifest = json.load(f)
        services = [c["service"] for c in manifest["checkpoints"]]
        self.assertEqual(services[-1], "aggregator")
        self.assertEqual(len(services), 6)
        for c in manifest["checkpoints"]:
            self.assertTrue(all(len(f["sha256"]) == 64 for f in c["files"]), c["service"])
            # Released at the service once copied.
            self.assertEqual(os.listdir(os.path.join(self.data, c["service"] + ".checkpoints")), [],
                             c["service"])
        # A second backup into the same folder is refused.
        p = self.ctl("backup", backup, check=False)
        self.assertEqual(p.returncode, 2, p.stderr)

        # Into the running suite: refused, nothing changed.
        listing = {s: sorted(os.listdir(os.path.join(self.data, s))) for s in services}
        p = run(LKIPCTL, "restore", backup, "--data-dir", self.data, check=False)
        self.assertEqual(p.returncode, 1, p.stdout + p.stderr)
        self.assertIn("is in use", p.stderr)
        self.assertEqual({s: sorted(os.listdir(os.path.join(self.data, s))) for s in services}, listing)

        # A write after the backup, which the restore must undo.
        narratives = os.path.join(self.tmp, "changed-narratives.json")
        with open(os.path.join(EXAMPLE, "narratives.json"), encoding="utf-8") as f:
            texts = json.load(f)
        texts["narratives"]["bab4.kesimpulan"] = "Teks yang diubah setelah cadangan dibuat."
        with open(narratives, "w", encoding="utf-8") as f:
            json.dump(texts, f)
        self.ctl("set-narratives", narratives)
        changed = self.report(os.path.join(self.tmp, "changed"))
        self.assertNotEqual(changed["lkip.html"], before["lkip.html"])

        run("bash", SUITE, "stop", self.var)
        # A backup whose file changed since: refused before anything is touched.
        damaged = os.path.join(self.tmp, "damaged")
        shutil.copytree(backup, damaged)
        victim = os.path.join(damaged, "pencegahan", "CURRENT")
        with open(victim, "ab") as f:
            f.write(b"x")
        p = run(LKIPCTL, "restore", damaged, "--data-dir", self.data, check=False)
        self.assertEqual(p.returncode, 1, p.stdout + p.stderr)
        self.assertIn("CURRENT", p.stderr)
        self.assertEqual({s: sorted(os.listdir(os.path.join(self.data, s))) for s in services}, listing)

        # Lost stores: deleted, then restored from the backup.
        for s in services:
            shutil.rmtree(os.path.join(self.data, s))
        p = run(LKIPCTL, "restore", backup, "--data-dir", self.data)
        print(p.stderr + p.stdout, file=sys.stderr)
        self.assertEqual(run("bash", SUITE, "start", self.var, env_extra=SUITE_ENV).stdout.strip(), self.agg)
        after = self.report(os.path.join(self.tmp, "after"))
        self.assertEqual(sorted(after), sorted(before))
        for name in before:
            if name == "manifest.json":
                continue
            self.assertTrue(after[name] == before[name], f"{name} differs after the restore")
        # The manifest: the same inputs (their SHA-256: the data the report was made of) and the
        # same outputs; only the time it was rendered differs.
        manifest_before, manifest_after = (json.loads(t["manifest.json"]) for t in (before, after))
        self.assertNotEqual(manifest_before.pop("generated_at"), None)
        manifest_after.pop("generated_at")
        self.assertEqual(manifest_after, manifest_before)
        self.assertTrue(manifest_before["inputs"])

        # Over the existing stores (changed again): each kept aside, the backup's data back.
        self.ctl("set-narratives", narratives)
        run("bash", SUITE, "stop", self.var)
        p = run(LKIPCTL, "restore", backup, "--data-dir", self.data, "--service", "aggregator")
        self.assertIn("the store it replaced is in", p.stdout)
        run("bash", SUITE, "start", self.var, env_extra=SUITE_ENV)
        again = self.report(os.path.join(self.tmp, "again"))
        self.assertEqual(again["lkip.html"], before["lkip.html"])


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
