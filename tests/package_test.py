#!/usr/bin/env python3
"""The Debian packages as a provincial operator installs them (issue 17).

Builds the three packages with CPack from the build tree, checks them with lintian (no error),
then, in a mount, network and PID namespace of its own (root), lays a tmpfs overlay over /usr,
/etc and /var so that `dpkg -i` installs into a fresh copy of this machine's root that vanishes
with the namespace. There it checks the units with `systemd-analyze verify`, starts every
service of lkip.target as its installed unit says (ExecStart with the installed flagfile, a
user of its own as DynamicUser gives, its StateDirectory, its LoadCredential keys, the
unit's Environment, and a NOTIFY_SOCKET that must receive READY=1), and drives the installed
lkipctl with the installed PKI through an import and a report of 2023, and of 2024 with the
shipped 2024 rule set. systemd itself does not run here: the sandboxing directives
(ProtectSystem, SystemCallFilter, ...) are checked by systemd-analyze only.

Usage: package_test.py BUILD_DIR
Skips (exit 77) when not root or when namespaces cannot be made.
"""
import configparser
import glob
import json
import os
import re
import shlex
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.request

from prometheus_client.parser import text_string_to_metric_families

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build"))
SKIP = 77
BUNDLE = os.path.join(ROOT, "examples", "ntb-2023", "bundle.json")
KEUANGAN = os.path.join(ROOT, "examples", "ntb-2023", "raw", "keuangan.json")
with open(os.path.join(ROOT, "examples", "ntb-2023", "expected.json"), encoding="utf-8") as _f:
    EXPECTED = {i["code"]: (i["realisasi"], i["capaian"]) for i in json.load(_f)["indicators"]}
UNIT_DIR = "/lib/systemd/system"


def sh(*args, check=True, timeout=600, **kw):
    p = subprocess.run(list(args), capture_output=True, text=True, timeout=timeout, **kw)
    if check and p.returncode != 0:
        raise AssertionError(f"{args} exited {p.returncode}\nstdout:\n{p.stdout[-4000:]}\nstderr:\n{p.stderr[-4000:]}")
    return p


def sanitizer_env():
    """The sanitizers' settings of `make test`, for the installed binaries built with them."""
    return {k: os.environ[k] for k in ("ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS") if k in os.environ}


def build_packages(out):
    """cpack into `out`; returns the .deb paths by package name."""
    sh("cpack", "-G", "DEB", "--config", os.path.join(BUILD, "CPackConfig.cmake"), "-B", out, cwd=BUILD,
       timeout=1200)
    debs = {}
    for path in glob.glob(os.path.join(out, "*.deb")):
        debs[sh("dpkg-deb", "--field", path, "Package").stdout.strip()] = path
    return debs


# --- inside the namespaces ------------------------------------------------------------------

class Unit:
    """What of an installed unit file this test acts on."""

    def __init__(self, path):
        parser = configparser.ConfigParser(strict=False, interpolation=None)
        parser.optionxform = str
        # systemd allows a key several times (LoadCredential=, After=): keep the last value of
        # ConfigParser's and read the repeated ones by hand.
        with open(path, encoding="utf-8") as f:
            text = f.read()
        parser.read_string(text)
        self.name = os.path.basename(path)
        service = parser["Service"]
        self.exec_start = service["ExecStart"]
        self.type = service.get("Type")
        self.dynamic_user = service.get("DynamicUser") == "yes"
        self.credentials = re.findall(r"^LoadCredential=([^:\n]+):(.+)$", text, re.M)
        self.state = re.findall(r"^StateDirectory=(.+)$", text, re.M)
        self.cache = re.findall(r"^CacheDirectory=(.+)$", text, re.M)
        self.environment = dict(kv.split("=", 1) for line in re.findall(r"^Environment=(.+)$", text, re.M)
                                for kv in line.split())


class Started:
    def __init__(self, unit, proc, log):
        self.unit, self.proc, self.log = unit, proc, log


def start_unit(unit, uid, work, again=False):
    """Starts `unit` as systemd would, in the ways this test can: its user, directories,
    credentials, environment and readiness notification. Returns once it sent READY=1. A
    DynamicUser may get another uid at each start: systemd then hands its directories over."""
    creds = os.path.join(work, "credentials", unit.name)
    shutil.rmtree(creds, ignore_errors=True)
    os.makedirs(creds)
    for name, source in unit.credentials:
        shutil.copyfile(source, os.path.join(creds, name))
        os.chown(os.path.join(creds, name), uid, uid)
        os.chmod(os.path.join(creds, name), 0o400)
    os.chown(creds, uid, uid)
    os.chmod(creds, 0o500)
    for top, dirs in (("/var/lib", unit.state), ("/var/cache", unit.cache)):
        for d in dirs:
            os.makedirs(os.path.join(top, d), exist_ok=True)
            for base, subdirs, files in os.walk(os.path.join(top, d)):
                for name in [base] + [os.path.join(base, f) for f in subdirs + files]:
                    os.chown(name, uid, uid)
    argv = unit.exec_start.replace("%d", creds).split()
    notify_path = os.path.join(work, unit.name + (".notify2" if again else ".notify"))
    notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    notify.bind(notify_path)
    os.chmod(notify_path, 0o666)
    env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "NOTIFY_SOCKET": notify_path,
           "CREDENTIALS_DIRECTORY": creds, **unit.environment, **sanitizer_env()}
    log = open(os.path.join(work, unit.name + ".log"), "a")
    proc = subprocess.Popen(["setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups", "--no-new-privs",
                             *argv], stdout=log, stderr=subprocess.STDOUT, env=env, cwd="/")
    notify.settimeout(0.5)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            message = notify.recv(4096).decode()
        except socket.timeout:
            if proc.poll() is not None:
                break
            continue
        if "READY=1" in message.split("\n"):
            notify.close()
            return Started(unit, proc, log.name)
    notify.close()
    proc.kill()
    with open(log.name, encoding="utf-8", errors="replace") as f:
        raise AssertionError(f"{unit.name} sent no READY=1 (exit {proc.poll()}):\n{f.read()[-3000:]}")


def stop_all(started):
    for s in reversed(started):
        if s.proc.poll() is None:
            s.proc.send_signal(signal.SIGTERM)
    for s in reversed(started):
        try:
            s.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            s.proc.kill()


def year_bundle(year, path):
    """The NTB example's published bundle moved to `year`, its documents marked as synthetic."""
    with open(BUNDLE, encoding="utf-8") as f:
        bundle = json.load(f)
    bundle["fiscal_year"] = bundle["perjanjian_kinerja"]["fiscal_year"] = year
    note = f"Contoh sintetis {year} (angka contoh 2023 dipindahkan ke {year}): "
    bundle["source_document"] = note + bundle["source_document"]
    for v in bundle["satker_values"]:
        v["source_document"] = note + v["source_document"]
    with open(path, "w", encoding="utf-8") as f:
        json.dump(bundle, f)
    return path


class Installed(unittest.TestCase):
    """Runs inside the namespaces, after the overlay is mounted; argv: --inner WORK DEB..."""
    work = None
    debs = []

    def ctl(self, *args, check=True):
        env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "LKIP_AGGREGATOR": "127.0.0.1:7100",
               "LKIP_PKI_DIR": "/etc/lkip/pki", "LKIP_TOKEN": self.token, **sanitizer_env()}
        return sh("/usr/bin/lkipctl", *args, check=check, env=env)

    def test_installed_suite(self):
        p = sh("dpkg", "-i", *self.debs)
        print(p.stdout[-2000:], p.stderr[-2000:], file=sys.stderr)
        # What the packages laid down: flagfiles as conffiles, units, the rule sets, a PKI.
        for path in ("/usr/bin/lkipctl", "/usr/libexec/lkip/aggregator", "/usr/libexec/lkip/gateway",
                     "/usr/libexec/lkip/nasional", "/usr/share/lkip/rules/2023.json",
                     "/usr/share/lkip/rules/2024.json", "/usr/share/lkip/templates/lkip.html.mustache",
                     "/etc/lkip/aggregator.flags", "/etc/lkip/pki/ca.crt", "/etc/lkip/rules.d/README",
                     f"{UNIT_DIR}/lkip.target", f"{UNIT_DIR}/lkip-aggregator.service",
                     f"{UNIT_DIR}/lkip-backup.timer", "/usr/share/man/man1/lkipctl.1.gz", "/var/backups/lkip"):
            self.assertTrue(os.path.exists(path), path)
        conffiles = sh("dpkg-query", "--showformat=${Conffiles}", "--show", "lkip-provinsi").stdout
        self.assertIn("/etc/lkip/aggregator.flags", conffiles)

        target = open(f"{UNIT_DIR}/lkip.target", encoding="utf-8").read()
        wants = re.search(r"^Wants=(.+)$", target, re.M).group(1).split()
        units = [Unit(os.path.join(UNIT_DIR, w)) for w in wants]
        nasional = Unit(os.path.join(UNIT_DIR, "lkip-nasional.service"))
        p = sh("systemd-analyze", "verify", f"{UNIT_DIR}/lkip.target", *(os.path.join(UNIT_DIR, u.name) for u in units),
               f"{UNIT_DIR}/lkip-nasional.service", f"{UNIT_DIR}/lkip-backup.service", f"{UNIT_DIR}/lkip-backup.timer",
               check=False)
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        self.assertEqual(p.stderr.strip(), "", "systemd-analyze verify printed warnings")
        for unit in units + [nasional]:
            self.assertEqual(unit.type, "notify", unit.name)
            self.assertTrue(unit.dynamic_user, unit.name)
            # Every service answers --help with its own flags.
            binary = unit.exec_start.split()[0]
            h = sh(binary, "--help", check=False)
            self.assertIn("--listen", h.stdout + h.stderr, unit.name)
            self.assertNotIn("No flags matched", h.stdout + h.stderr, unit.name)

        # The bidang services first, then the aggregator and the gateway: lkip.target's order.
        started = []
        try:
            order = sorted(units, key=lambda u: ("aggregator" in u.name) + 2 * ("gateway" in u.name))
            for i, unit in enumerate(order):
                started.append(start_unit(unit, 61000 + i, self.work))
            self.token = sh("/usr/bin/lkipctl", "token", "issue", "--signing-key", "/etc/lkip/pki/token.key",
                            "--subject", "operator-paket", "--role", "admin", "--province", "BNNP_NTB",
                            "--valid", "1h").stdout.strip()
            self.ctl("import", BUNDLE)
            self.ctl("import", KEUANGAN)  # its DIPA and realisasi: a report without them is partial
            out = os.path.join(self.work, "capaian-2023")
            self.ctl("capaian", "--year", "2023", "--province", "BNNP_NTB", "--out", out)
            with open(os.path.join(out, "capaian.json"), encoding="utf-8") as f:
                table = json.load(f)
            self.assertEqual({i["code"]: (i["realisasi"], i["capaian"]) for i in table["indicators"]}, EXPECTED)
            doc = os.path.join(self.work, "lkip-2023")
            self.ctl("report", "--year", "2023", "--province", "BNNP_NTB", "--out", doc, "--formats",
                     "html,json,pdf")
            with open(os.path.join(doc, "lkip.pdf"), "rb") as f:
                self.assertEqual(f.read(5), b"%PDF-")
            # The data is where the unit's StateDirectory put it.
            self.assertTrue(os.listdir("/var/lib/lkip/pencegahan"))
            # A backup of the installed suite: each service checkpoints into the second
            # StateDirectory its unit gives it, beside the store.
            backup = os.path.join(self.work, "backup")
            self.ctl("backup", backup)
            with open(os.path.join(backup, "manifest.json"), encoding="utf-8") as f:
                self.assertEqual(len(json.load(f)["checkpoints"]), 6)
            self.assertTrue(os.path.isdir("/var/lib/lkip/pencegahan.checkpoints"))
            # The nightly unit's own command, as systemd would run it (its Environment, %% as %),
            # once the operator has made its token: a backup in /var/backups/lkip/<UTC time>.
            with open("/etc/lkip/backup.token", "w", encoding="utf-8") as f:
                f.write(self.token + "\n")
            nightly = Unit(os.path.join(UNIT_DIR, "lkip-backup.service"))
            sh(*shlex.split(nightly.exec_start.replace("%%", "%")),
               env={"PATH": "/usr/bin:/bin", **nightly.environment, **sanitizer_env()})
            made = os.listdir("/var/backups/lkip")
            self.assertEqual(len(made), 1, made)
            with open(os.path.join("/var/backups/lkip", made[0], "manifest.json"), encoding="utf-8") as f:
                self.assertEqual(len(json.load(f)["checkpoints"]), 6)

            # 2024, with the shipped 2024 rule set: the same computation, its open review items
            # listed among the unverified rules.
            self.ctl("import", year_bundle(2024, os.path.join(self.work, "bundle-2024.json")))
            out = os.path.join(self.work, "capaian-2024")
            self.ctl("capaian", "--year", "2024", "--province", "BNNP_NTB", "--out", out)
            with open(os.path.join(out, "capaian.json"), encoding="utf-8") as f:
                table = json.load(f)
            self.assertEqual(table["fiscal_year"], 2024)
            self.assertEqual(table["rule_set_version"], "2024.1")
            self.assertEqual({i["code"]: (i["realisasi"], i["capaian"]) for i in table["indicators"]}, EXPECTED)
            self.assertTrue(any("belum ditinjau" in u for u in table["unverified_rules"]), table["unverified_rules"])
            doc = os.path.join(self.work, "lkip-2024")
            # No DIPA for 2024: partial (no budget chapter), written only with --allow-partial.
            self.ctl("report", "--year", "2024", "--province", "BNNP_NTB", "--out", doc, "--formats", "html,json",
                     "--allow-partial")
            with open(os.path.join(doc, "lkip.json"), encoding="utf-8") as f:
                written = json.load(f)
            self.assertEqual(written["fiscal_year"], 2024)
            self.assertFalse(written["anggaran"].get("available", False))
            # A CSV import, then each service's operations port as its flagfile sets it: /healthz,
            # and /metrics (read with Prometheus' own parser) counting the calls and the rows.
            skm = os.path.join(self.work, "skm.csv")
            with open(skm, "w", encoding="utf-8") as f:
                f.write("satker_code,u1,u2,u3,u4,u5,u6,u7,u8,u9\n")
                f.writelines("BNNP_NTB," + ",".join(str(3 + (i + j) % 2) for j in range(9)) + "\n" for i in range(40))
            self.ctl("import-skm", skm, "--year", "2024")
            for unit in units:
                flags = open(f"/etc/lkip/{unit.name[5:-8]}.flags", encoding="utf-8").read()
                listen = re.search(r"^--metrics_listen=(.+)$", flags, re.M)
                base = "http://" + listen.group(1)
                with urllib.request.urlopen(base + "/healthz", timeout=10) as r:
                    self.assertEqual(r.read(), b"SERVING\n")
                if unit.name == "lkip-gateway.service":
                    # The gateway counts its HTTPS requests by route.
                    insecure = ssl.create_default_context(cafile="/etc/lkip/pki/ca.crt")
                    insecure.check_hostname = False
                    for _ in range(3):
                        with urllib.request.urlopen("https://127.0.0.1:8443/healthz", timeout=10,
                                                    context=insecure) as r:
                            self.assertEqual(r.status, 200)
                with urllib.request.urlopen(base + "/metrics", timeout=10) as r:
                    families = {f.name: f for f in text_string_to_metric_families(r.read().decode())}
                if unit.name == "lkip-gateway.service":
                    http = {(s.labels["route"], s.labels["status"]): s.value
                            for s in families["lkip_http_requests"].samples if s.name == "lkip_http_requests_total"}
                    self.assertGreaterEqual(http.get(("GET /healthz", "200"), 0), 3, http)
                    continue
                self.assertIn("lkip_store_size_bytes", families, unit.name)
                if unit.name == "lkip-rehabilitasi.service":
                    rows = {s.labels["kind"]: s.value for s in families["lkip_import_rows"].samples}
                    self.assertEqual(rows.get("skm"), 40)
                if unit.name == "lkip-aggregator.service":
                    calls = {(s.labels["method"], s.labels["code"]): s.value
                             for s in families["lkip_grpc_requests"].samples if s.name == "lkip_grpc_requests_total"}
                    # 2023's bundle and its DIPA, 2024's bundle.
                    self.assertEqual(calls.get(("/lkip.report.v1.ReportService/ImportBundle", "OK")), 3, calls)
            # 2025 has no rule set: the refusal says how to add one. The operator adds it, restarts
            # the suite, and the year imports; the data of 2023 is still there after the restart.
            bundle_2025 = year_bundle(2025, os.path.join(self.work, "bundle-2025.json"))
            p = self.ctl("import", bundle_2025, check=False)
            self.assertNotEqual(p.returncode, 0)
            self.assertIn("lkipctl rules new-year 2025 --from 2024", p.stderr)
            p = sh("/usr/bin/lkipctl", "rules", "new-year", "2025", "--from", "2024", "--out",
                   "/etc/lkip/rules.d/2025.json")
            self.assertIn("instruments.budget.ikpa", p.stderr)
            self.assertIn("2025\tversion 2025.1", sh("/usr/bin/lkipctl", "rules", "check").stdout)
            stop_all(started)
            self.assertEqual([s.proc.returncode for s in started], [0] * len(started))
            started = [start_unit(unit, 62000 + i, self.work, again=True) for i, unit in enumerate(order)]
            self.ctl("import", bundle_2025)
            for year in ("2023", "2025"):
                out = os.path.join(self.work, f"capaian-{year}-restarted")
                self.ctl("capaian", "--year", year, "--province", "BNNP_NTB", "--out", out)
                with open(os.path.join(out, "capaian.json"), encoding="utf-8") as f:
                    table = json.load(f)
                self.assertEqual({i["code"]: (i["realisasi"], i["capaian"]) for i in table["indicators"]},
                                 EXPECTED, year)

            # Headquarters' national service, installed beside it, pulls this province.
            with open("/etc/lkip/hq.token", "w", encoding="utf-8") as f:
                f.write(sh("/usr/bin/lkipctl", "token", "issue", "--signing-key", "/etc/lkip/pki/token.key",
                           "--subject", "nasional", "--role", "hq", "--valid", "1h").stdout)
            with open("/etc/lkip/provinces.json", "w", encoding="utf-8") as f:
                json.dump({"provinces": [{"province_code": "BNNP_NTB", "name": "Nusa Tenggara Barat",
                                          "address": "127.0.0.1:7100"}]}, f)
            started.append(start_unit(nasional, 63000, self.work))
            hq = sh("/usr/bin/lkipctl", "token", "issue", "--signing-key", "/etc/lkip/pki/token.key", "--subject",
                    "hq-paket", "--role", "hq", "--valid", "1h").stdout.strip()
            env = {"PATH": "/usr/bin:/bin", "LKIP_NASIONAL": "127.0.0.1:7200", "LKIP_PKI_DIR": "/etc/lkip/pki",
                   "LKIP_TOKEN": hq, **sanitizer_env()}
            sh("/usr/bin/lkipctl", "nasional", "tarik", "--year", "2023", env=env)
            status = sh("/usr/bin/lkipctl", "nasional", "status", "--year", "2023", env=env).stdout
            self.assertIn("BNNP_NTB", status)
            self.assertNotIn("BASI", status)
        finally:
            stop_all(started)
        for s in started:
            self.assertEqual(s.proc.returncode, 0, f"{s.unit.name} exited {s.proc.returncode}; {s.log}")


def inner(work, debs):
    """In the namespaces: the overlay over /usr, /etc and /var, loopback up, then the test."""
    sh("mount", "--make-rprivate", "/")
    layers = os.path.join(work, "layers")
    os.makedirs(layers)
    sh("mount", "-t", "tmpfs", "tmpfs", layers)
    for top in ("/usr", "/etc", "/var"):
        up, wk = os.path.join(layers, top[1:] + "-up"), os.path.join(layers, top[1:] + "-work")
        os.makedirs(up)
        os.makedirs(wk)
        sh("mount", "-t", "overlay", "overlay", "-o", f"lowerdir={top},upperdir={up},workdir={wk}", top)
    sh("ip", "link", "set", "lo", "up")
    Installed.work = work
    Installed.debs = debs
    suite = unittest.TestLoader().loadTestsFromTestCase(Installed)
    return 0 if unittest.TextTestRunner(verbosity=2).run(suite).wasSuccessful() else 1


class Packages(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.work = tempfile.mkdtemp(prefix="lkip-package-")
        start = time.time()
        cls.debs = build_packages(os.path.join(cls.work, "packages"))
        print(f"package_test: cpack took {time.time() - start:.0f} s", file=sys.stderr)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.work, ignore_errors=True)

    def test_1_three_packages(self):
        self.assertEqual(sorted(self.debs), ["lkip-common", "lkip-nasional", "lkip-provinsi"])
        depends = sh("dpkg-deb", "--field", self.debs["lkip-provinsi"], "Depends").stdout
        for dep in ("lkip-common", "librocksdb7.8", "weasyprint"):
            self.assertIn(dep, depends)

    def test_2_lintian_finds_no_error(self):
        p = sh("lintian", "--no-tag-display-limit", *self.debs.values(), check=False, timeout=900)
        print(p.stdout, file=sys.stderr)
        errors = [line for line in p.stdout.splitlines() if line.startswith("E:")]
        self.assertEqual(errors, [], p.stdout)
        # lkipctl's manual page, made by help2man from its --help.
        self.assertNotIn("no-manual-page", p.stdout)

    def test_3_installed_suite_writes_the_report(self):
        work = os.path.join(self.work, "ns")
        os.makedirs(work)
        # The services' users reach their credentials below it, as /run/credentials under systemd.
        os.chmod(self.work, 0o711)
        os.chmod(work, 0o711)
        p = subprocess.run(["unshare", "--mount", "--net", "--pid", "--fork", "--mount-proc", sys.executable,
                            os.path.abspath(__file__), BUILD, "--inner", work, *self.debs.values()],
                           capture_output=True, text=True, timeout=1200)
        sys.stderr.write(p.stdout[-6000:] + p.stderr[-12000:])
        if p.returncode != 0:
            for log in glob.glob(os.path.join(work, "*.log")):
                with open(log, encoding="utf-8", errors="replace") as f:
                    sys.stderr.write(f"--- {log}\n{f.read()[-3000:]}\n")
        self.assertEqual(p.returncode, 0)


if __name__ == "__main__":
    if "--inner" in sys.argv:
        at = sys.argv.index("--inner")
        sys.exit(inner(sys.argv[at + 1], sys.argv[at + 2:]))
    if os.geteuid() != 0:
        print("package_test: skipped: installing into a namespace needs root", file=sys.stderr)
        sys.exit(SKIP)
    if subprocess.run(["unshare", "--mount", "--net", "true"], capture_output=True).returncode != 0:
        print("package_test: skipped: this machine cannot make mount and network namespaces", file=sys.stderr)
        sys.exit(SKIP)
    sys.argv = sys.argv[:1]
    unittest.main(defaultTest="Packages", verbosity=2)   # Installed runs inside the namespaces only
