#!/usr/bin/env python3
"""The national roll-up over several hosts, for real (issue 15): four complete provincial suites,
each in its own network namespace with its own address (a veth pair to a bridge in headquarters'
namespace), and the national service in headquarters' namespace pulling them over mutual TLS with
an hq token. Then one province's link goes down and another turns slow (tc netem delay where the
kernel has netem, otherwise its aggregator stopped with SIGSTOP): the pull still returns within its
deadline (+10 %), both provinces keep their last snapshot marked stale with the reason, and the
national values do not change. Link up and SIGCONT: everything fresh again.

Needs root (ip netns, veth, bridge from iproute2); skipped with a message where namespaces cannot
be made. Every process it starts runs inside the namespaces it made, and it removes them.

Usage: national_hosts_test.py BUILD_DIR
"""
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest
from decimal import Decimal

import jsonschema

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build"))
LKIPCTL = os.path.join(BUILD, "tools", "lkipctl")
NASIONAL = os.path.join(BUILD, "services", "nasional", "nasional")
# (code, name, shift of its Dektari and Dektara values)
PROVINCES = [("BNNP_NTB", "Nusa Tenggara Barat", "0"), ("BNNP_BALI", "Bali", "5"), ("BNNP_ACEH", "Aceh", "-3"),
             ("BNNP_PAPUA", "Papua", "2.5")]
DEADLINE_MS = 3000
TAG = f"lk{os.getpid() % 100000}"   # namespace and interface names of this run (interfaces: <= 15 chars)
HQ = f"{TAG}hq"
SUBNET = "10.77.0"


def sh(*args, check=True, ns=None, env=None, timeout=180):
    cmd = (["ip", "netns", "exec", ns] if ns else []) + list(args)
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=dict(os.environ, **(env or {})))
    if check and p.returncode != 0:
        raise AssertionError(f"{cmd} exited {p.returncode}\nstdout:\n{p.stdout}\nstderr:\n{p.stderr}")
    return p


def namespaces_available():
    if os.geteuid() != 0:
        return "needs root to create network namespaces (CI runs as root)"
    if shutil.which("ip") is None:
        return "iproute2's ip is not installed"
    probe = f"{TAG}probe"
    p = subprocess.run(["ip", "netns", "add", probe], capture_output=True, text=True)
    if p.returncode != 0:
        return f"ip netns add failed: {p.stderr.strip()}"
    subprocess.run(["ip", "netns", "del", probe], capture_output=True)
    return None


def netem_available(ns, dev):
    p = sh("tc", "qdisc", "add", "dev", dev, "root", "netem", "delay", "1ms", ns=ns, check=False)
    if p.returncode != 0:
        return False
    sh("tc", "qdisc", "del", "dev", dev, "root", ns=ns, check=False)
    return True


def province_ns(i):
    return f"{TAG}p{i}"


def mean(values):
    return sum(values, Decimal(0)) / len(values)


class NationalHosts(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        why = namespaces_available()
        if why:
            raise unittest.SkipTest(f"national_hosts: {why}")
        cls.tmp = tempfile.mkdtemp(prefix="lkip-hosts-")
        cls.namespaces = []
        cls.suites = []
        cls.nasional = None
        try:
            cls._network()
            cls._provinces()
            cls._headquarters()
        except BaseException:
            cls.tearDownClass()
            raise

    @classmethod
    def _network(cls):
        sh("ip", "netns", "add", HQ)
        cls.namespaces.append(HQ)
        sh("ip", "link", "set", "lo", "up", ns=HQ)
        sh("ip", "link", "add", "br0", "type", "bridge", ns=HQ)
        sh("ip", "addr", "add", f"{SUBNET}.1/24", "dev", "br0", ns=HQ)
        sh("ip", "link", "set", "br0", "up", ns=HQ)
        for i in range(len(PROVINCES)):
            ns = province_ns(i)
            sh("ip", "netns", "add", ns)
            cls.namespaces.append(ns)
            sh("ip", "link", "set", "lo", "up", ns=ns)
            host, hq_side = f"{TAG}h{i}", f"{TAG}b{i}"
            sh("ip", "link", "add", host, "netns", ns, "type", "veth", "peer", "name", hq_side, "netns", HQ)
            sh("ip", "addr", "add", f"{SUBNET}.{10 + i}/24", "dev", host, ns=ns)
            sh("ip", "link", "set", host, "up", ns=ns)
            sh("ip", "link", "set", hq_side, "master", "br0", "up", ns=HQ)

    @classmethod
    def _provinces(cls):
        cls.pki = os.path.join(cls.tmp, "pki")
        # Headquarters' address in the certificates: lkipctl reaches the national service by it.
        sh("bash", os.path.join(ROOT, "scripts", "dev-pki.sh"), cls.pki, f"{SUBNET}.1")
        cls.expected_means = {}   # code -> the province's Dektari index (mean of its satker values)
        for i, (code, name, shift) in enumerate(PROVINCES):
            ns, var = province_ns(i), os.path.join(cls.tmp, f"p{i}")
            env = {"LKIP_BUILD_DIR": BUILD, "LKIP_PKI_DIR": cls.pki, "LKIP_AGGREGATOR_LISTEN": "0.0.0.0:7443"}
            sh("bash", os.path.join(ROOT, "scripts", "suite.sh"), "start", var, ns=ns, env=env)
            cls.suites.append((ns, var, env))
            bundle = sh(sys.executable, os.path.join(ROOT, "tools", "examples", "province_bundle.py"), code,
                        "--shift", shift).stdout
            path = os.path.join(cls.tmp, f"{code}.json")
            with open(path, "w", encoding="utf-8") as f:
                f.write(bundle)
            values = [Decimal(v["value"]["value"]) for v in json.loads(bundle)["satker_values"]
                      if v["measure"] == "dektari"]
            cls.expected_means[code] = mean(values)
            token = cls.token("admin", code)
            sh(LKIPCTL, "--pki", cls.pki, "--token", token, "--aggregator", "127.0.0.1:7443", "import", path, ns=ns)

    @classmethod
    def token(cls, role, province=None):
        args = [LKIPCTL, "token", "issue", "--signing-key", os.path.join(cls.pki, "token.key"), "--subject",
                f"{role}.hosts-test", "--role", role, "--valid", "2h"]
        if province:
            args += ["--province", province]
        return sh(*args).stdout.strip()

    @classmethod
    def _headquarters(cls):
        hq_token = os.path.join(cls.tmp, "hq.token")
        with open(hq_token, "w") as f:
            f.write(cls.token("hq") + "\n")
        directory = os.path.join(cls.tmp, "provinces.json")
        with open(directory, "w", encoding="utf-8") as f:
            json.dump({"provinces": [{"province_code": code, "name": name, "address": f"{SUBNET}.{10 + i}:7443",
                                      "server_name": "aggregator"}
                                     for i, (code, name, _) in enumerate(PROVINCES)]}, f)
        port_file = os.path.join(cls.tmp, "nasional.port")
        cls.nasional_log = open(os.path.join(cls.tmp, "nasional.log"), "w")
        cls.nasional = subprocess.Popen(
            ["ip", "netns", "exec", HQ, NASIONAL, f"--listen={SUBNET}.1:0", f"--port_file={port_file}",
             f"--db_path={os.path.join(cls.tmp, 'nasional-db')}", f"--rules_dir={os.path.join(ROOT, 'deploy', 'rules')}",
             f"--tls_ca={cls.pki}/ca.crt", f"--tls_cert={cls.pki}/nasional.crt", f"--tls_key={cls.pki}/nasional.key",
             f"--token_public_key={cls.pki}/token.pub", f"--provinces={directory}", f"--hq_token_file={hq_token}",
             f"--pull_deadline_ms={DEADLINE_MS}"],
            stdout=cls.nasional_log, stderr=subprocess.STDOUT)
        for _ in range(300):
            if os.path.exists(port_file) and os.path.getsize(port_file) > 0:
                break
            if cls.nasional.poll() is not None:
                raise AssertionError(f"nasional exited: {open(os.path.join(cls.tmp, 'nasional.log')).read()}")
            time.sleep(0.1)
        with open(port_file) as f:
            cls.address = f"{SUBNET}.1:{f.read().strip()}"
        cls.hq_env = {"LKIP_PKI_DIR": cls.pki, "LKIP_TOKEN": cls.token("hq"), "LKIP_NASIONAL": cls.address}

    @classmethod
    def tearDownClass(cls):
        for pid in cls.aggregator_pids():
            try:
                os.kill(pid, signal.SIGCONT)
            except ProcessLookupError:
                pass
        if cls.nasional is not None:
            cls.nasional.terminate()
            try:
                cls.nasional.wait(timeout=20)
            except subprocess.TimeoutExpired:
                cls.nasional.kill()
            cls.nasional_log.close()
        for ns, var, env in cls.suites:
            sh("bash", os.path.join(ROOT, "scripts", "suite.sh"), "stop", var, ns=ns, env=env, check=False)
        for ns in reversed(cls.namespaces):
            subprocess.run(["ip", "netns", "del", ns], capture_output=True)
        shutil.rmtree(cls.tmp, ignore_errors=True)

    @classmethod
    def aggregator_pids(cls):
        pids = []
        for _, var, _ in getattr(cls, "suites", []):
            f = os.path.join(var, "run", "aggregator.pid")
            if os.path.exists(f):
                with open(f) as pid:
                    pids.append(int(pid.read()))
        return pids

    def ctl(self, *args, check=True):
        return sh(LKIPCTL, "nasional", *args, ns=HQ, env=self.hq_env, check=check)

    def table(self):
        out = os.path.join(self.tmp, "tabel")
        self.ctl("tabel", "--year", "2023", "--out", out, "--format", "json")
        with open(os.path.join(out, "nasional.json"), encoding="utf-8") as f:
            return json.load(f)

    def pull(self, allow_partial=False):
        p = self.ctl("tarik", "--year", "2023", *(["--allow-partial"] if allow_partial else []), check=False)
        print(p.stdout, file=sys.stderr)
        return p

    def test_1_every_province_pulled_over_its_own_host(self):
        p = self.pull()
        self.assertEqual(p.returncode, 0, p.stderr)
        roll_up = self.table()
        # nasional.json is what its published schema says (build/contracts/schemas).
        with open(os.path.join(BUILD, "contracts", "schemas", "nasional.schema.json"), encoding="utf-8") as f:
            errors = list(jsonschema.Draft202012Validator(json.load(f)).iter_errors(roll_up))
        self.assertEqual([f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]], [])
        self.assertTrue(roll_up["complete"])
        self.assertEqual([s["province_code"] for s in roll_up["provinces"] if s["has_snapshot"]],
                         [code for code, _, _ in PROVINCES])
        ikk01 = next(i for i in roll_up["indicators"] if i["code"] == "IKK-01")
        # The national Dektari: the mean of the provinces' indices, computed here from the bundles.
        expected = mean(list(self.expected_means.values()))
        self.assertEqual(Decimal(ikk01["comparison"]["value"]["value"]), expected)
        for f in ikk01["provinces"]:
            self.assertEqual(Decimal(f["measure_mean"]["value"]), self.expected_means[f["province_code"]])
        type(self).fresh = roll_up

    def test_2_a_link_down_and_a_slow_host_are_stale_within_the_deadline(self):
        slow = 2
        sh("ip", "link", "set", f"{TAG}b1", "down", ns=HQ)
        netem = netem_available(HQ, f"{TAG}b{slow}")
        if netem:
            sh("tc", "qdisc", "add", "dev", f"{TAG}b{slow}", "root", "netem", "delay", f"{2 * DEADLINE_MS}ms", ns=HQ)
        else:
            print("national_hosts: tc netem is not available here; the slow host's aggregator is stopped with "
                  "SIGSTOP instead", file=sys.stderr)
            os.kill(self.aggregator_pids()[slow], signal.SIGSTOP)
        try:
            p = self.pull()
            self.assertEqual(p.returncode, 3, p.stderr)   # partial: two provinces could not be pulled
            elapsed_ms = int(p.stdout.strip().splitlines()[-1].split(" in ")[1].split(" ms")[0])
            print(f"national_hosts: pull with one host down and one slow took {elapsed_ms} ms "
                  f"(deadline {DEADLINE_MS} ms)", file=sys.stderr)
            self.assertLessEqual(elapsed_ms, DEADLINE_MS * 1.1)
            roll_up = self.table()
            self.assertFalse(roll_up["complete"])
            self.assertEqual(roll_up["stale"], [PROVINCES[1][0], PROVINCES[slow][0]])
            by_code = {s["province_code"]: s for s in roll_up["provinces"]}
            for code in roll_up["stale"]:
                self.assertTrue(by_code[code]["has_snapshot"])
                self.assertTrue(by_code[code]["stale_reason"])
            self.assertIn(f"tidak menjawab dalam batas waktu {DEADLINE_MS} ms",
                          by_code[PROVINCES[slow][0]]["stale_reason"])
            status = self.ctl("status", "--year", "2023").stdout
            self.assertIn("BASI", status)
            # The national values are those of the snapshots kept: unchanged.
            self.assertEqual([i["national"] for i in roll_up["indicators"]],
                             [i["national"] for i in self.fresh["indicators"]])
        finally:
            sh("ip", "link", "set", f"{TAG}b1", "up", ns=HQ)
            if netem:
                sh("tc", "qdisc", "del", "dev", f"{TAG}b{slow}", "root", ns=HQ, check=False)
            else:
                os.kill(self.aggregator_pids()[slow], signal.SIGCONT)

    def test_3_back_up_every_province_is_fresh_again(self):
        for _ in range(10):   # the bridge port takes a moment to forward again
            p = self.pull()
            if p.returncode == 0:
                break
            time.sleep(1)
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        roll_up = self.table()
        self.assertTrue(roll_up["complete"])
        self.assertEqual(roll_up.get("stale", []), [])


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
