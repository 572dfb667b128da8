#!/usr/bin/env python3
"""An import that ends abnormally commits nothing: the triggers of issue 13's table, each against
the real binaries (scripts/suite.sh, lkipctl) on loopback.

Each trigger ends an SKM import abnormally under an import id of its own:
  - a letter in a number column at line 30.002 of 40.000 (lkipctl refuses it and cancels);
  - a byte that is not UTF-8 in row 5.002 of 10.001 (a CSV saved as Windows-1252);
  - Ctrl-C (SIGINT) on lkipctl during a 500.000-row import;
  - SIGTERM to the rehabilitasi service during the import (the suite is then started again on
    the same data folder): the service drains its streams before it stops, so here an import
    may also end acknowledged, and must then be there in full;
  - the service stalled (SIGSTOP) until lkipctl's deadline passes, then resumed (SIGCONT);
  - a service started on a full disk (a 2 MiB tmpfs, filled; needs root): one start_failed line;
  - kill -9 of the service at random moments during withdrawals of an import (5 trials): the
    import is then withdrawn whole or not at all, and the computed SKM values, once it is
    withdrawn, are those from before it;
  - kill -9 of pemberantasan at a random moment of a bundle of 6.000 case-file stages: the
    aggregator journals the bundle as incomplete (or never started it), and the same bundle sent
    again after the restart completes it, every stage written once;
  - kill -9 of the service at random moments during imports (20 trials, the seed printed;
    LKIP_FAULT_SEED repeats a run): afterwards every import lkipctl acknowledged is present
    and every other one is absent (or, when the kill came after the commit but before the
    answer reached lkipctl, present whole: sent again it is "imported before").
  - kill -9 of pemberantasan during unary writes (tests/fault_writer.cc): every acknowledged
    case-file stage is stored, only the one in flight may be stored unacknowledged, and the
    P-21 counter equals the files.
lkipctl must not report success (but see SIGTERM). Then the complete, correct rows are imported under the same id:
the service must take them as a new import of every row ("imported N skm rows"). Had any part
of the faulted import been committed, it would refuse them (ALREADY_EXISTS: the id names other
rows) or skip them ("imported before"), which is how the half-committed imports showed.

Usage: import_faults_test.py BUILD_DIR
"""
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build"))
LKIPCTL = os.path.join(BUILD, "tools", "lkipctl")
FAULT_WRITER = os.path.join(BUILD, "tests", "fault_writer")
SUITE = os.path.join(ROOT, "scripts", "suite.sh")
BUNDLE = os.path.join(ROOT, "examples", "ntb-2023", "bundle.json")
SATKER = ["BNNP_NTB", "BNNK_BIMA", "BNNK_MATARAM", "BNNK_SUMBAWA", "BNNK_SUMBAWA_BARAT"]
HEADER = "satker_code,u1,u2,u3,u4,u5,u6,u7,u8,u9\n"
ENV = dict(os.environ, LKIP_BUILD_DIR=BUILD)


def run(*args, check=True, timeout=300):
    p = subprocess.run(list(args), capture_output=True, text=True, env=ENV, timeout=timeout)
    if check and p.returncode != 0:
        raise AssertionError(f"{args} exited {p.returncode}\nstdout:\n{p.stdout}\nstderr:\n{p.stderr}")
    return p


def skm_rows(n, seed):
    r = random.Random(seed)
    return [f"{r.choice(SATKER)}," + ",".join(str(r.randint(1, 4)) for _ in range(9)) + "\n" for _ in range(n)]


def write(path, rows, raw=None):
    with open(path, "wb") as f:
        f.write(HEADER.encode())
        f.write("".join(rows).encode())
        if raw is not None:
            f.write(raw)
    return path


class ImportFaults(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="lkip-faults-")
        cls.var = os.path.join(cls.tmp, "var")
        cls.start_suite()
        run(LKIPCTL, "--aggregator", cls.agg, "import", BUNDLE)
        cls.big_rows = skm_rows(500_000, 7)

    @classmethod
    def tearDownClass(cls):
        run("bash", SUITE, "stop", cls.var, check=False)
        shutil.rmtree(cls.tmp, ignore_errors=True)

    @classmethod
    def start_suite(cls):
        # One development PKI and token for every suite this class starts (also the one on tmpfs).
        ENV.setdefault("LKIP_PKI_DIR", os.path.join(cls.tmp, "pki"))
        cls.agg = run("bash", SUITE, "start", cls.var).stdout.strip()
        if "LKIP_TOKEN" not in ENV:
            ENV["LKIP_TOKEN"] = run(LKIPCTL, "token", "issue", "--signing-key",
                                    os.path.join(ENV["LKIP_PKI_DIR"], "token.key"), "--subject", "faults",
                                    "--role", "admin", "--province", "BNNP_NTB", "--valid", "6h").stdout.strip()

    def big(self, n):
        """500.000 rows, a rotation of their own for each test: the service refuses the same rows
        under a second import id."""
        return write(os.path.join(self.tmp, f"big-{n}.csv"), self.big_rows[n:] + self.big_rows[:n])

    def service_pid(self, name="rehabilitasi"):
        with open(os.path.join(self.var, "run", f"{name}.pid"), encoding="ascii") as f:
            return int(f.read().strip())

    def import_skm(self, path, import_id, *flags):
        return run(LKIPCTL, "--aggregator", self.agg, "import-skm", "--year",
                   "2023", "--import-id", import_id, *flags, path, check=False)

    def start_import(self, path, import_id, *extra):
        """lkipctl in the background, once it has shown its first progress (10.000 rows sent)."""
        p = subprocess.Popen([LKIPCTL, "--aggregator", self.agg, *extra, "import-skm", "--year",
                              "2023", "--import-id", import_id, path],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV)
        seen = b""
        while b"baris" not in seen:
            c = p.stderr.read(1)
            if not c:
                break
            seen += c
        self.assertIn(b"baris", seen, "lkipctl showed no progress")
        return p

    def assert_not_acknowledged(self, p, out, err):
        self.assertNotEqual(p.returncode, 0, f"lkipctl reported success; the fault came too late\n{out}{err}")
        self.assertNotIn("imported", out)

    def assert_nothing_committed(self, import_id, rows):
        """The complete rows under the same id are a new import of every row."""
        # A service that was stalled still reads the abandoned stream for a moment after it
        # resumes, and holds its id until it sees the cancellation.
        for _ in range(50):
            p = self.import_skm(rows, import_id)
            if "already streaming" not in p.stderr:
                break
            time.sleep(0.2)
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        n = sum(1 for _ in open(rows, encoding="utf-8")) - 1
        self.assertIn(f"imported {n} skm rows as {import_id}", p.stdout, p.stdout + p.stderr)

    def test_letter_in_a_number_column(self):
        rows = skm_rows(40000, 1)
        good = write(os.path.join(self.tmp, "letter-good.csv"), rows)
        bad_rows = list(rows)
        bad_rows[30000] = "BNNP_NTB,x,4,4,4,4,4,4,4,4\n"  # line 30.002 of the file
        bad = write(os.path.join(self.tmp, "letter.csv"), bad_rows)
        p = self.import_skm(bad, "fault-letter")
        self.assertEqual(p.returncode, 1, p.stdout + p.stderr)
        self.assertIn("line 30002, column u1", p.stderr)
        self.assertNotIn("imported", p.stdout)
        self.assert_nothing_committed("fault-letter", good)

    def test_a_byte_that_is_not_utf8(self):
        rows = skm_rows(10001, 2)
        good = write(os.path.join(self.tmp, "cp1252-good.csv"), rows)
        # Row 5.002 (line 5.003) names its satker with a Windows-1252 byte.
        bad = write(os.path.join(self.tmp, "cp1252.csv"), rows[:5001],
                    b"BNNP_NT\xc9,4,4,4,4,4,4,4,4,4\n" + "".join(rows[5002:]).encode())
        p = self.import_skm(bad, "fault-cp1252")
        self.assertEqual(p.returncode, 1, p.stdout + p.stderr)
        self.assertIn("line 5003", p.stderr)
        self.assertIn("UTF-8", p.stderr)
        self.assertNotIn("imported", p.stdout)
        self.assert_nothing_committed("fault-cp1252", good)

    def test_ctrl_c_on_lkipctl(self):
        big = self.big(1)
        p = self.start_import(big, "fault-sigint")
        p.send_signal(signal.SIGINT)
        out, err = p.communicate(timeout=60)
        self.assert_not_acknowledged(p, out.decode(), err.decode())
        self.assertEqual(p.returncode, -signal.SIGINT)
        self.assert_nothing_committed("fault-sigint", big)

    def test_sigterm_to_the_service(self):
        big = self.big(2)
        p = self.start_import(big, "fault-sigterm")
        os.kill(self.service_pid(), signal.SIGTERM)
        try:
            out, err = p.communicate(timeout=60)
        finally:
            run("bash", SUITE, "stop", self.var, check=False)
            self.start_suite()
        out, err = out.decode(), err.decode()
        print(f"\n  SIGTERM: lkipctl exited {p.returncode} ({'drained and acknowledged' if p.returncode == 0 else 'cut off'})",
              file=sys.stderr)
        if p.returncode == 0:
            # The service drains the streams it has before it stops: an import it acknowledged is
            # there in full.
            self.assertIn("imported 500000 skm rows as fault-sigterm", out, out + err)
            again = self.import_skm(big, "fault-sigterm")
            self.assertEqual(again.returncode, 0, again.stdout + again.stderr)
            self.assertIn("imported before with the same rows", again.stdout)
        else:
            self.assert_nothing_committed("fault-sigterm", big)

    def test_stalled_service(self):
        big = self.big(3)
        p = self.start_import(big, "fault-stall", "--long-timeout", "3")
        pid = self.service_pid()
        os.kill(pid, signal.SIGSTOP)
        try:
            out, err = p.communicate(timeout=60)
        finally:
            time.sleep(0.5)
            os.kill(pid, signal.SIGCONT)
        self.assert_not_acknowledged(p, out.decode(), err.decode())
        self.assertIn("did not finish within 3 s (--long-timeout) and was cancelled", err.decode())
        self.assert_nothing_committed("fault-stall", big)

    def test_the_same_rows_under_another_id(self):
        rows = skm_rows(1000, 4)
        first = write(os.path.join(self.tmp, "same.csv"), rows)
        copy = write(os.path.join(self.tmp, "same (salinan).csv"), rows)
        self.assertEqual(self.import_skm(first, "same-1").returncode, 0)
        p = self.import_skm(copy, "same-2")
        self.assertEqual(p.returncode, 1, p.stdout + p.stderr)
        self.assertIn("the same 1000 rows were imported before as same-1", p.stderr)
        p = self.import_skm(copy, "same-2", "--same-rows-again")
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        self.assertIn("imported 1000 skm rows as same-2", p.stdout)

    def tmpfs(self, name, size):
        """A tmpfs of `size` under the test's folder, unmounted after the test; the test is
        skipped where it cannot be mounted (not root, or no mount in a container)."""
        if os.geteuid() != 0:
            self.skipTest("mounting a tmpfs needs root (CI runs as root)")
        mnt = os.path.join(self.tmp, name)
        os.makedirs(mnt)
        if subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", mnt]).returncode != 0:
            self.skipTest("cannot mount a tmpfs here")
        self.addCleanup(subprocess.run, ["umount", mnt])
        return mnt

    @staticmethod
    def tls(service):
        """The TLS flags of `service` with the class's development PKI (as scripts/suite.sh gives them)."""
        pki = ENV["LKIP_PKI_DIR"]
        return [f"--tls_ca={pki}/ca.crt", f"--tls_cert={pki}/{service}.crt", f"--tls_key={pki}/{service}.key",
                f"--token_public_key={pki}/token.pub"]

    def test_a_service_started_on_a_full_disk(self):
        """One start_failed line and exit 1, not RocksDB's assertion (exit 134)."""
        mnt = self.tmpfs("full", "2m")
        fd = os.open(os.path.join(mnt, "fill"), os.O_WRONLY | os.O_CREAT)
        try:
            while os.write(fd, b"\0" * 65536) > 0:
                pass
        except OSError:
            pass   # the disk is full
        finally:
            os.close(fd)
        p = run(os.path.join(BUILD, "services", "rehabilitasi"), "--listen=127.0.0.1:0",
                f"--db_path={mnt}/db", f"--rules_dir={ROOT}/deploy/rules", *self.tls("rehabilitasi"),
                check=False, timeout=60)
        self.assertEqual(p.returncode, 1, p.stdout + p.stderr)
        log = p.stdout + p.stderr
        self.assertEqual(log.count("event=start_failed"), 1, log)
        self.assertIn("MiB free; the store needs at least 64 MiB", log)

    def test_a_retention_outside_its_range_is_refused_at_start(self):
        p = run(os.path.join(BUILD, "services", "rehabilitasi"), "--listen=127.0.0.1:0",
                f"--db_path={self.tmp}/keep-db", f"--rules_dir={ROOT}/deploy/rules", "--import_rows_keep_days=-1",
                *self.tls("rehabilitasi"),
                check=False, timeout=60)
        self.assertEqual(p.returncode, 2, p.stdout + p.stderr)
        self.assertIn("--import_rows_keep_days: -1 is outside 0..36500", p.stdout + p.stderr)

    def test_a_disk_that_fills_during_an_import(self):
        """The import fails whole with RESOURCE_EXHAUSTED; once space is back the same service,
        not restarted, takes the same import."""
        mnt = self.tmpfs("filling", "640m")
        var = os.path.join(mnt, "var")
        self.addCleanup(run, "bash", SUITE, "stop", var, check=False)   # runs before the umount
        agg = run("bash", SUITE, "start", var).stdout.strip()
        run(LKIPCTL, "--aggregator", agg, "import", BUNDLE)
        filler = os.path.join(mnt, "filler")
        st = os.statvfs(mnt)
        # All but 6 MiB. The import stages about 30 MB: more than the WAL file RocksDB has already
        # reserved (1,1 memtables), so the memtable is flushed and a new WAL taken, which fail.
        with open(filler, "wb") as f:
            f.write(b"\0" * max(0, st.f_bavail * st.f_frsize - (6 << 20)))
        path = write(os.path.join(self.tmp, "filling.csv"), skm_rows(1_000_000, 13))
        ctl = [LKIPCTL, "--aggregator", agg, "import-skm", "--year", "2023",
               "--import-id", "filling", path]
        p = run(*ctl, check=False)
        self.assertEqual(p.returncode, 1, p.stdout + p.stderr)
        self.assertIn("the disk is full", p.stderr)
        os.remove(filler)
        p = run(*ctl, check=False)
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        self.assertIn("imported 1000000 skm rows as filling", p.stdout)
        p = run(*ctl, check=False)
        self.assertIn("imported before", p.stdout + p.stderr, "present once, whole")

    def computed_skm(self):
        """The computed SKM index of every satker, as the report reads it (IKK-11's alternatives)."""
        out = tempfile.mkdtemp(prefix="capaian-", dir=self.tmp)
        run(LKIPCTL, "--aggregator", self.agg, "capaian", "--year", "2023", "--province",
            "BNNP_NTB", "--out", out)
        with open(os.path.join(out, "capaian.json"), encoding="utf-8") as f:
            table = json.load(f)
        ikk11 = next(i for i in table["indicators"] if i["code"] == "IKK-11")
        return {r["satker_code"]: r.get("alternative", {}).get("value") for r in ikk11["satker_rows"]}

    def withdraw(self, import_id):
        return run(LKIPCTL, "--aggregator", self.agg, "import-withdraw", "skm", import_id,
                   "--reason", "uji kill -9", check=False)

    def test_kill_9_during_a_withdrawal(self):
        seed = int(os.environ.get("LKIP_FAULT_SEED", random.SystemRandom().randrange(1 << 30)))
        rng = random.Random(seed)
        rows = skm_rows(200_000, 21)
        before = self.computed_skm()
        ref = write(os.path.join(self.tmp, "withdraw-ref.csv"), rows)
        self.assertEqual(self.import_skm(ref, "withdraw-ref").returncode, 0)
        self.assertNotEqual(self.computed_skm(), before)
        t0 = time.monotonic()
        p = self.withdraw("withdraw-ref")
        took = time.monotonic() - t0
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        self.assertEqual(self.computed_skm(), before)
        trials, whole = 5, 0
        for t in range(trials):
            path = write(os.path.join(self.tmp, f"withdraw-{t}.csv"), rows[t + 1:] + rows[:t + 1])
            import_id = f"withdraw-{seed}-{t}"
            self.assertEqual(self.import_skm(path, import_id).returncode, 0)
            p = subprocess.Popen([LKIPCTL, "--aggregator", self.agg, "import-withdraw", "skm",
                                  import_id, "--reason", "uji kill -9"],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV)
            time.sleep(rng.uniform(0, 1.5 * took))
            os.kill(self.service_pid(), signal.SIGKILL)
            out, err = p.communicate(timeout=120)
            run("bash", SUITE, "stop", self.var, check=False)
            self.start_suite()
            shown = run(LKIPCTL, "--aggregator", self.agg, "import-show", "skm", import_id).stdout
            withdrawn = "state:           withdrawn" in shown
            if p.returncode == 0:
                self.assertTrue(withdrawn, f"an acknowledged withdrawal was lost (LKIP_FAULT_SEED={seed})\n{out}")
            if withdrawn:
                whole += 1
            else:   # not withdrawn at all: it must still be whole, so withdrawing it now restores the state
                again = self.withdraw(import_id)
                self.assertEqual(again.returncode, 0, again.stdout + again.stderr)
            self.assertEqual(self.computed_skm(), before, f"LKIP_FAULT_SEED={seed}, trial {t}")
        print(f"\n  kill -9 during withdrawals: {trials} trials (LKIP_FAULT_SEED={seed}, one withdrawal {took:.2f} s): "
              f"{whole} withdrawn before the kill, {trials - whole} not at all; none in part", file=sys.stderr)

    def stage_bundle(self, name, cases):
        """A bundle of `cases` case files of BNNP_NTB, each with its SPDP and Tahap I: one write per stage."""
        with open(os.path.join(ROOT, "examples", "ntb-2023", "raw", "pemberantasan.json"), encoding="utf-8") as f:
            bundle = json.load(f)
        stages = []
        for i in range(cases):
            for stage, month in (("CASE_STAGE_SPDP", 1), ("CASE_STAGE_TAHAP_I", 2)):
                stages.append({"satker_code": "BNNP_NTB", "case_ref": f"BP/{i}/{name}", "stage": stage,
                               "date": {"year": 2023, "month": month, "day": 1 + i % 28}, "document_ref": ""})
        bundle["pemberantasan"] = {"case_stages": stages}
        path = os.path.join(self.tmp, f"{name}.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(bundle, f)
        return path

    def import_bundle(self, path, bundle_id):
        return run(LKIPCTL, "--aggregator", self.agg, "import", "--bundle-id", bundle_id, path,
                   check=False)

    def test_kill_9_during_a_bundle(self):
        seed = int(os.environ.get("LKIP_FAULT_SEED", random.SystemRandom().randrange(1 << 30)))
        rng = random.Random(seed)
        t0 = time.monotonic()
        p = self.import_bundle(self.stage_bundle("ref", 3000), "stages-ref")
        took = time.monotonic() - t0
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        path = self.stage_bundle("cut", 3000)
        ctl = subprocess.Popen([LKIPCTL, "--aggregator", self.agg, "import", "--bundle-id",
                                "stages-cut", path], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV)
        time.sleep(rng.uniform(0.2, 0.8) * took)
        os.kill(self.service_pid("pemberantasan"), signal.SIGKILL)
        out, err = ctl.communicate(timeout=120)
        run("bash", SUITE, "stop", self.var, check=False)
        self.start_suite()
        shown = run(LKIPCTL, "--aggregator", self.agg, "bundle-show", "stages-cut", check=False)
        if ctl.returncode == 0:
            state = "complete"
        elif shown.returncode != 0:
            # Killed in the prepare phase (or while the aggregator read the rules): nothing written.
            state = "never started"
            self.assertIn("no bundle stages-cut", shown.stderr)
            self.assertIn("nothing was written", err)
        else:
            self.assertIn("state:           incomplete", shown.stdout, shown.stdout + err)
            self.assertIn("bundle stages-cut is incomplete", err)
            state = "incomplete"
        again = self.import_bundle(path, "stages-cut")
        self.assertEqual(again.returncode, 0, again.stdout + again.stderr)
        m = re.search(r"case-file stages -> pemberantasan: (\d+) written, (\d+) unchanged", again.stdout)
        self.assertIsNotNone(m, again.stdout)
        self.assertEqual(int(m.group(1)) + int(m.group(2)), 6000, again.stdout)
        shown = run(LKIPCTL, "--aggregator", self.agg, "bundle-show", "stages-cut")
        self.assertIn("state:           complete", shown.stdout)
        listed = run(LKIPCTL, "--aggregator", self.agg, "bundles").stdout
        self.assertIn("stages-cut  complete", listed)
        self.assertIn("stages-ref  complete", listed)
        print(f"\n  kill -9 during a bundle (LKIP_FAULT_SEED={seed}, one bundle {took:.2f} s): {state} after the kill, "
              f"then completed by sending it again ({m.group(2)} of 6000 stages were there)", file=sys.stderr)

    def test_kill_9_during_imports(self):
        seed = int(os.environ.get("LKIP_FAULT_SEED", random.SystemRandom().randrange(1 << 30)))
        rng = random.Random(seed)
        trials = 20
        base = skm_rows(50_000, 3)
        # How long one import takes here, so the kills fall before, during and after commits.
        first = write(os.path.join(self.tmp, "kill-ref.csv"), base)
        t0 = time.monotonic()
        self.assertEqual(self.import_skm(first, "kill-ref").returncode, 0)
        took = time.monotonic() - t0
        outcomes = []   # (import id, file, acknowledged)
        for t in range(trials):
            # Each trial's rows differ (rotated), so no two imports are the same data.
            path = write(os.path.join(self.tmp, f"kill-{t}.csv"), base[t + 1:] + base[:t + 1])
            import_id = f"kill-{seed}-{t}"
            p = subprocess.Popen([LKIPCTL, "--aggregator", self.agg, "import-skm", "--year",
                                  "2023", "--import-id", import_id, path],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV)
            time.sleep(rng.uniform(0, 1.3 * took))
            os.kill(self.service_pid(), signal.SIGKILL)
            out, err = p.communicate(timeout=120)
            acknowledged = p.returncode == 0 and f"imported 50000 skm rows as {import_id}" in out
            outcomes.append((import_id, path, acknowledged))
            run("bash", SUITE, "stop", self.var, check=False)
            self.start_suite()
        present_unacknowledged = lost = 0
        for import_id, path, acknowledged in outcomes:
            again = self.import_skm(path, import_id)
            self.assertEqual(again.returncode, 0, again.stdout + again.stderr)
            present = "imported before with the same rows" in again.stdout
            if not present:
                self.assertIn(f"imported 50000 skm rows as {import_id}", again.stdout)
            if acknowledged and not present:
                lost += 1
            if present and not acknowledged:
                present_unacknowledged += 1
        acked = sum(1 for o in outcomes if o[2])
        summary = (f"import faults: {trials} kill -9 trials (LKIP_FAULT_SEED={seed}, one import {took:.2f} s): "
                   f"{acked} acknowledged, {trials - acked} not; acknowledged writes lost: {lost}; "
                   f"committed before the kill reached lkipctl: {present_unacknowledged}")
        print("\n" + summary, file=sys.stderr)
        # `make test` prints it after ctest, which shows a passing test's output to no one.
        with open(os.path.join(BUILD, "import_faults.summary"), "w", encoding="utf-8") as f:
            f.write(summary + "\n")
        self.assertEqual(lost, 0, f"acknowledged imports lost (LKIP_FAULT_SEED={seed})")

    def pemberantasan(self):
        with open(os.path.join(self.var, "run", "pemberantasan.port"), encoding="ascii") as f:
            return "127.0.0.1:" + f.read().strip()

    def test_kill_9_during_unary_writes(self):
        """Case-file stages sent one by one (three per file, the P-21 also counting the file in
        the satker's IKK-12 count in the same batch); pemberantasan killed among them. After the
        restart every acknowledged stage is there, of the others only the one in flight may be,
        and the counter equals the files with a P-21."""
        seed = int(os.environ.get("LKIP_FAULT_SEED", random.SystemRandom().randrange(1 << 30)))
        rng = random.Random(seed)
        files = 300
        t0 = time.monotonic()
        run(FAULT_WRITER, "write", self.pemberantasan(), f"u{seed}-ref", str(files))
        took = time.monotonic() - t0
        trials, acknowledged, in_flight_present, lost, p21 = 8, 0, 0, 0, 0
        for t in range(trials):
            prefix = f"u{seed}-{t}"
            writer = subprocess.Popen([FAULT_WRITER, "write", self.pemberantasan(), prefix, str(files)],
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV)
            time.sleep(rng.uniform(0.05, 0.95) * took)
            os.kill(self.service_pid("pemberantasan"), signal.SIGKILL)
            out, _ = writer.communicate(timeout=120)
            run("bash", SUITE, "stop", self.var, check=False)
            self.start_suite()
            acked, sent = {}, None
            for line in out.splitlines():
                word, ref, n = line.split()
                if word == "ack":
                    acked[ref] = int(n) + 1
                else:
                    sent = (ref, int(n))
            acknowledged += sum(acked.values())
            check = run(FAULT_WRITER, "check", self.pemberantasan(), prefix, str(files)).stdout
            stored = {}
            for line in check.splitlines():
                parts = line.split()
                if parts[0] == "stages":
                    stored[parts[1]] = int(parts[2])
                else:
                    stored[parts[0]] = parts[1]
            for ref, n in ((r, v) for r, v in stored.items() if r.startswith(prefix + "/")):
                want = acked.get(ref, 0)
                if n < want:
                    lost += want - n
                elif n > want:
                    # Only the write in flight may be there without its answer (committed, then killed).
                    self.assertEqual((ref, n - 1), sent, f"{ref}: {n} stages stored, {want} acknowledged "
                                                         f"(LKIP_FAULT_SEED={seed})")
                    in_flight_present += 1
            self.assertEqual(stored["p21_files"], stored["p21_count"],
                             f"the P-21 counter disagrees with the files (LKIP_FAULT_SEED={seed})")
            p21 = int(stored["p21_files"])
        summary = (f"unary faults: {trials} kill -9 trials during case-file stages (LKIP_FAULT_SEED={seed}, "
                   f"{3 * files} stages {took:.2f} s): {acknowledged} acknowledged writes, lost: {lost}; "
                   f"committed before the kill reached the writer: {in_flight_present}; "
                   f"P-21 counter equal to the files after every kill ({p21} files at the end)")
        print("\n" + summary, file=sys.stderr)
        with open(os.path.join(BUILD, "import_faults.summary"), "a", encoding="utf-8") as f:
            f.write(summary + "\n")
        self.assertEqual(lost, 0, f"acknowledged writes lost (LKIP_FAULT_SEED={seed})")


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
