#!/usr/bin/env python3
"""The Kubernetes manifests the build writes (build/deploy/k8s, deploy/k8s/generate.py), checked
without a cluster (issue 17):

- every resource against the Kubernetes API's schema as Debian's python3-kubernetes (API 1.22)
  models it: each field name known, each value of its type, each required field present;
- the kustomization built the way kustomize builds it (namespace, resources, the flagfiles as a
  ConfigMap), and by `kubectl kustomize` as well where a kubectl is installed;
- what the suite needs of them: one Deployment, Service and PersistentVolumeClaim per service
  with a store, mounted where its flagfile's --db_path says; probes on the operations port its
  flagfile opens; the bidang services reachable from the aggregator's pods only; every
  aggregator address a Service of that name and port; pods that run as a user, read-only, with
  no capability; the image the Containerfile builds.

Not tried here: a cluster (no API server on this machine), pulling or building the image.

Usage: k8s_test.py BUILD_DIR
"""
import datetime
import os
import re
import shutil
import subprocess
import sys
import unittest

import kubernetes.client
import yaml
from kubernetes.client import models

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build"))
K8S = os.path.join(BUILD, "deploy", "k8s")
PRIMITIVE = {"str": str, "int": int, "bool": bool, "float": (int, float), "object": object,
             "datetime": (str, datetime.datetime), "date": str}


def model_class(doc):
    """V1Deployment for apps/v1 Deployment, V1NetworkPolicy for networking.k8s.io/v1 ..."""
    version = doc["apiVersion"].split("/")[-1]
    return getattr(models, version[0].upper() + version[1:] + doc["kind"])


def check_against(value, type_name, path, errors):
    """Walks `value` along the model named `type_name`, recording unknown fields and wrong types."""
    if type_name.startswith("list["):
        if not isinstance(value, list):
            errors.append(f"{path}: a list expected, got {type(value).__name__}")
            return
        for i, item in enumerate(value):
            check_against(item, type_name[5:-1], f"{path}[{i}]", errors)
        return
    if type_name.startswith("dict("):
        if not isinstance(value, dict):
            errors.append(f"{path}: a map expected")
            return
        inner = type_name[5:-1].split(", ", 1)[1]
        for k, v in value.items():
            check_against(v, inner, f"{path}.{k}", errors)
        return
    if type_name in PRIMITIVE:
        if not isinstance(value, PRIMITIVE[type_name]) or (type_name == "int" and isinstance(value, bool)):
            errors.append(f"{path}: {type_name} expected, got {value!r}")
        return
    cls = getattr(models, type_name)
    if not isinstance(value, dict):
        # IntOrString fields are typed "object"; everything else here is an object of the API.
        errors.append(f"{path}: {type_name} expected, got {value!r}")
        return
    by_json = {json_name: attr for attr, json_name in cls.attribute_map.items()}
    for key, v in value.items():
        if key not in by_json:
            errors.append(f"{path}.{key}: not a field of {type_name}")
            continue
        check_against(v, cls.openapi_types[by_json[key]], f"{path}.{key}", errors)


def schema_errors(doc):
    errors = []
    cls = model_class(doc)
    check_against(doc, cls.__name__, f"{doc['kind']}/{doc['metadata']['name']}", errors)
    # The client's own deserialisation checks required fields and enums (client_side_validation).
    try:
        kubernetes.client.ApiClient()._ApiClient__deserialize(doc, cls.__name__)
    except ValueError as e:
        errors.append(f"{doc['kind']}/{doc['metadata']['name']}: {e}")
    return errors


def build(folder):
    """kustomize's build of `folder` for the features the manifests use: the namespace set on
    every namespaced resource, the resources in order, a ConfigMap from files with its content
    hash appended to its name and to every reference."""
    with open(os.path.join(folder, "kustomization.yaml"), encoding="utf-8") as f:
        k = yaml.safe_load(f)
    docs = []
    for r in k["resources"]:
        with open(os.path.join(folder, r), encoding="utf-8") as f:
            docs += [d for d in yaml.safe_load_all(f) if d]
    for gen in k.get("configMapGenerator", []):
        data = {}
        for name in gen["files"]:
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                data[name] = f.read()
        docs.append({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": gen["name"]}, "data": data})
    for d in docs:
        if d["kind"] != "Namespace":
            d["metadata"]["namespace"] = k["namespace"]
    ids = [(d["kind"], d["metadata"]["name"]) for d in docs]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise AssertionError(f"{folder}: resources defined twice: {duplicates}")
    return k, docs


def ids(docs, hashed):
    """(kind, name) of each resource; `hashed`: a ConfigMap's name without the hash kustomize adds."""
    return [(d["kind"], d["metadata"]["name"].rsplit("-", 1)[0] if hashed and d["kind"] == "ConfigMap"
             else d["metadata"]["name"]) for d in docs]


def flags_of(text):
    return dict(line.split("=", 1) for line in text.splitlines() if line.startswith("--") and "=" in line)


class Manifests(unittest.TestCase):
    def suite(self, which):
        return build(os.path.join(K8S, which))

    def test_0_the_schema_check_finds_a_wrong_field_a_wrong_type_and_a_missing_one(self):
        _, docs = self.suite("provinsi")
        dep = next(d for d in docs if d["kind"] == "Deployment")
        c = dep["spec"]["template"]["spec"]["containers"][0]
        c["readinesProbe"] = c.pop("readinessProbe")
        dep["spec"]["replicas"] = "1"
        del dep["spec"]["selector"]
        errors = "\n".join(schema_errors(dep))
        self.assertIn("readinesProbe: not a field of V1Container", errors)
        self.assertIn("replicas: int expected", errors)
        self.assertIn("selector", errors)

    def test_1_every_resource_matches_the_api_schema(self):
        for which in ("provinsi", "nasional"):
            _, docs = self.suite(which)
            errors = [e for d in docs for e in schema_errors(d)]
            self.assertEqual(errors, [], which)
            print(f"k8s_test: {which}: {len(docs)} resources match the Kubernetes 1.22 API schema", file=sys.stderr)

    def test_2_a_deployment_service_and_claim_per_service(self):
        _, docs = self.suite("provinsi")
        by = {(d["kind"], d["metadata"]["name"]): d for d in docs}
        configmap = next(d for d in docs if d["kind"] == "ConfigMap")
        with open(os.path.join(ROOT, "common", "registry", "bidang_services.tsv"), encoding="utf-8") as f:
            registry = [line.split("\t")[0] for line in f if line.strip() and not line.startswith("#")]
        for name in registry + ["aggregator", "gateway"]:
            dep = by[("Deployment", name)]
            svc = by[("Service", name)]
            flags = flags_of(configmap["data"][f"{name}.flags"])
            pod = dep["spec"]["template"]["spec"]
            c = pod["containers"][0]
            self.assertEqual(c["args"][0], f"/usr/libexec/lkip/{name}")
            self.assertIn(f"--flagfile=/etc/lkip/{name}.flags", c["args"])
            ports = {p["name"]: p["containerPort"] for p in c["ports"]}
            listen_port = int(flags["--listen"].rsplit(":", 1)[1])
            self.assertEqual(svc["spec"]["ports"][0]["port"], listen_port, name)
            self.assertIn(listen_port, ports.values(), name)
            # Running as a user, read-only, no capability, no privilege escalation.
            self.assertTrue(pod["securityContext"]["runAsNonRoot"])
            self.assertTrue(c["securityContext"]["readOnlyRootFilesystem"])
            self.assertEqual(c["securityContext"]["capabilities"]["drop"], ["ALL"])
            self.assertFalse(c["securityContext"]["allowPrivilegeEscalation"])
            mounts = {m["mountPath"]: m["name"] for m in c["volumeMounts"]}
            self.assertEqual(mounts.get("/etc/lkip/pki"), "pki")
            secret = next(v for v in pod["volumes"] if v["name"] == "pki")["secret"]
            keys = [i["key"] for i in secret["items"]]
            self.assertEqual([k for k in keys if k.endswith(".key") and k != "report-signing.key"], [f"{name}.key"],
                             "a pod mounts its own private key only")
            for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
                self.assertEqual(c[probe]["httpGet"]["path"], "/healthz", name)
            # The operations port (/metrics) the flagfile opens, on the pod's address.
            self.assertEqual(flags["--metrics_listen"], f"0.0.0.0:{ports['ops']}")
            if name == "gateway":
                self.assertEqual(c["readinessProbe"]["httpGet"]["scheme"], "HTTPS")
                continue
            # The probes' port is the operations port.
            self.assertEqual(c["readinessProbe"]["httpGet"]["port"], "ops")
            # The store on its claim, where --db_path points, with the folder of its checkpoints
            # beside it (<db_path>.checkpoints) on the same claim; one pod at a time opens it.
            self.assertEqual(mounts[os.path.dirname(flags["--db_path"])], "data", name)
            claim = next(v for v in pod["volumes"] if v["name"] == "data")["persistentVolumeClaim"]["claimName"]
            self.assertIn(("PersistentVolumeClaim", claim), by)
            self.assertEqual(dep["spec"]["strategy"]["type"], "Recreate")
        # Every address the aggregator and the gateway dial is a Service of that name and port.
        services = {(d["metadata"]["name"], p["port"]) for d in docs if d["kind"] == "Service" for p in d["spec"]["ports"]}
        for name in ("aggregator", "gateway"):
            for flag, value in flags_of(configmap["data"][f"{name}.flags"]).items():
                if flag.endswith("_addr"):
                    host, port = value.rsplit(":", 1)
                    self.assertIn((host, int(port)), services, f"{name} {flag}")

    def test_3_only_the_aggregator_reaches_the_bidang_services(self):
        _, docs = self.suite("provinsi")
        policies = [d for d in docs if d["kind"] == "NetworkPolicy"]
        deployments = [d for d in docs if d["kind"] == "Deployment"]
        for dep in deployments:
            role = dep["spec"]["template"]["metadata"]["labels"]["lkip.bnn.go.id/role"]
            port = dep["spec"]["template"]["spec"]["containers"][0]["ports"][0]["containerPort"]
            mine = [p for p in policies if p["spec"]["podSelector"]["matchLabels"]["lkip.bnn.go.id/role"] == role]
            self.assertTrue(mine, f"{dep['metadata']['name']}: no NetworkPolicy selects it (all ingress allowed)")
            allowed = {(s["podSelector"]["matchLabels"]["lkip.bnn.go.id/role"] if "from" in rule else "*")
                       for p in mine for rule in p["spec"]["ingress"]
                       if any(pp["port"] == port for pp in rule["ports"]) for s in rule.get("from", [{}])}
            if role == "bidang":
                self.assertEqual(allowed, {"aggregator"}, dep["metadata"]["name"])
            elif role == "aggregator":
                self.assertNotIn("*", allowed)
                self.assertNotIn("bidang", allowed)

    def test_4_nasional_stands_alone(self):
        k, docs = self.suite("nasional")
        kinds = sorted(d["kind"] for d in docs)
        self.assertEqual(kinds, ["ConfigMap", "Deployment", "Namespace", "NetworkPolicy", "PersistentVolumeClaim",
                                 "Service"])
        configmap = next(d for d in docs if d["kind"] == "ConfigMap")
        self.assertIn("provinces.json", configmap["data"])
        self.assertNotEqual(k["namespace"], self.suite("provinsi")[0]["namespace"])

    def test_5_the_image_is_the_one_the_containerfile_builds(self):
        with open(os.path.join(ROOT, "deploy", "container", "Containerfile"), encoding="utf-8") as f:
            containerfile = f.read()
        with open(os.path.join(ROOT, "CMakeLists.txt"), encoding="utf-8") as f:
            version = re.search(r"project\(lkip VERSION ([0-9.]+)", f.read()).group(1)
        self.assertIn(f"-t lkip:{version}", containerfile)
        self.assertRegex(containerfile, r"(?m)^FROM docker.io/library/debian:12")
        uid = re.search(r"(?m)^USER (\d+)", containerfile).group(1)
        for which in ("provinsi", "nasional"):
            for d in self.suite(which)[1]:
                if d["kind"] == "Deployment":
                    pod = d["spec"]["template"]["spec"]
                    self.assertEqual(pod["containers"][0]["image"], f"lkip:{version}")
                    self.assertEqual(str(pod["securityContext"]["runAsUser"]), uid)

    @unittest.skipUnless(shutil.which("kubectl"), "no kubectl on this machine")
    def test_6_kubectl_kustomize_builds_the_same_resources(self):
        for which in ("provinsi", "nasional"):
            p = subprocess.run(["kubectl", "kustomize", os.path.join(K8S, which)], capture_output=True, text=True,
                               timeout=120)
            self.assertEqual(p.returncode, 0, p.stderr)
            theirs = [d for d in yaml.safe_load_all(p.stdout) if d]
            ours = self.suite(which)[1]
            # kustomize appends its content hash to a generated ConfigMap's name.
            self.assertEqual(sorted(ids(theirs, hashed=True)), sorted(ids(ours, hashed=False)))
            for d in theirs:
                self.assertEqual(schema_errors(d), [], which)


if __name__ == "__main__":
    sys.argv = sys.argv[:1]
    unittest.main(verbosity=2)
