#!/usr/bin/env python3
"""Writes lkip's Kubernetes manifests (kustomize) from the services' facts deploy/CMakeLists.txt
names once (their ports and flags, services.json):

  OUT/provinsi/   a provincial suite: one Deployment, Service and PersistentVolumeClaim per bidang
                  service and the aggregator, the gateway's Deployment and Service, NetworkPolicies
                  that let only the aggregator reach the bidang services, the flagfiles as a
                  ConfigMap; kustomization.yaml
  OUT/nasional/   headquarters' national service, the same way

The TLS material is a Secret the operator makes from the province's PKI (docs/operations.md,
"Kubernetes"): lkip-pki (provinsi) and lkip-nasional-pki (nasional), one key per file.
Probes are HTTP GET /healthz on each service's operations port: the gRPC port is mutual TLS with
user tokens, which the kubelet's gRPC probe speaks neither of.

Usage: generate.py services.json OUT
"""
import json
import os
import sys

import yaml

PART_OF = "lkip"
UID = 10001   # the image's user (deploy/container/Containerfile)


def labels(name, role):
    return {"app.kubernetes.io/name": name, "app.kubernetes.io/part-of": PART_OF, "lkip.bnn.go.id/role": role}


def role_of(svc):
    return svc["kind"]   # bidang, aggregator, gateway, nasional


def probe(svc, period, failures):
    if svc["kind"] == "gateway":
        return {"httpGet": {"path": "/healthz", "port": "https", "scheme": "HTTPS"}, "periodSeconds": period,
                "failureThreshold": failures}
    return {"httpGet": {"path": "/healthz", "port": "ops"}, "periodSeconds": period, "failureThreshold": failures}


def deployment(svc, facts, configmap, secret):
    name = svc["name"]
    ports = [{"name": "https" if svc["kind"] == "gateway" else "grpc", "containerPort": svc["port"]}]
    if svc.get("metrics_port"):
        ports.append({"name": "ops", "containerPort": svc["metrics_port"]})
    mounts = [{"name": "flags", "mountPath": f"/etc/lkip/{name}.flags", "subPath": f"{name}.flags", "readOnly": True},
              {"name": "pki", "mountPath": "/etc/lkip/pki", "readOnly": True},
              {"name": "tmp", "mountPath": "/tmp"}]
    volumes = [{"name": "flags", "configMap": {"name": configmap}},
               {"name": "pki", "secret": {"secretName": secret, "defaultMode": 0o440,
                                          "items": [{"key": k, "path": k} for k in svc["pki"]]}},
               {"name": "tmp", "emptyDir": {}}]
    env = []
    if svc["kind"] != "gateway":
        # The claim holds the store and, beside it, its checkpoints for backups (hard links: one
        # file system): mounted on the store's parent folder.
        mounts.append({"name": "data", "mountPath": os.path.dirname(svc["db_path"])})
        volumes.append({"name": "data", "persistentVolumeClaim": {"claimName": f"{name}-data"}})
    if svc["kind"] == "nasional":
        mounts.append({"name": "flags", "mountPath": "/etc/lkip/provinces.json", "subPath": "provinces.json",
                       "readOnly": True})
    if svc["kind"] == "aggregator":
        # WeasyPrint and fontconfig keep their caches here: the root file system is read-only.
        mounts.append({"name": "cache", "mountPath": "/var/cache/lkip"})
        volumes.append({"name": "cache", "emptyDir": {}})
        env.append({"name": "XDG_CACHE_HOME", "value": "/var/cache/lkip"})
    container = {
        "name": name,
        "image": facts["image"],
        "args": [f"/usr/libexec/lkip/{name}", f"--flagfile=/etc/lkip/{name}.flags"],
        "ports": ports,
        "startupProbe": probe(svc, 2, 30),
        "readinessProbe": probe(svc, 5, 2),
        "livenessProbe": probe(svc, 20, 3),
        "resources": {"requests": {"cpu": "100m", "memory": "128Mi"}, "limits": {"memory": "1Gi"}},
        "securityContext": {"allowPrivilegeEscalation": False, "readOnlyRootFilesystem": True,
                            "capabilities": {"drop": ["ALL"]}},
        "volumeMounts": mounts,
    }
    if env:
        container["env"] = env
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": name, "labels": labels(name, role_of(svc))},
        "spec": {
            "replicas": 1,
            # One process owns a RocksDB: the old pod goes before the new one opens it.
            "strategy": {"type": "Recreate" if svc["kind"] != "gateway" else "RollingUpdate"},
            "selector": {"matchLabels": {"app.kubernetes.io/name": name}},
            "template": {
                "metadata": {"labels": labels(name, role_of(svc))},
                "spec": {
                    "securityContext": {"runAsNonRoot": True, "runAsUser": UID, "runAsGroup": UID, "fsGroup": UID,
                                        "seccompProfile": {"type": "RuntimeDefault"}},
                    "terminationGracePeriodSeconds": 90,
                    "containers": [container],
                    "volumes": volumes,
                },
            },
        },
    }


def service(svc):
    name = svc["name"]
    port_name = "https" if svc["kind"] == "gateway" else "grpc"
    return {"apiVersion": "v1", "kind": "Service",
            "metadata": {"name": name, "labels": labels(name, role_of(svc))},
            "spec": {"selector": {"app.kubernetes.io/name": name},
                     "ports": [{"name": port_name, "port": svc["port"], "targetPort": port_name}]}}


def claim(svc, size):
    name = svc["name"]
    return {"apiVersion": "v1", "kind": "PersistentVolumeClaim",
            "metadata": {"name": f"{name}-data", "labels": labels(name, role_of(svc))},
            "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": size}}}}


def policy(name, pod_role, ports, sources):
    """Ingress to pods of `pod_role` on `ports` from `sources` (pod roles; None: from anywhere)."""
    rule = {"ports": [{"protocol": "TCP", "port": port} for port in ports]}
    if sources is not None:
        rule["from"] = [{"podSelector": {"matchLabels": {"lkip.bnn.go.id/role": r}}} for r in sources]
    return {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",
            "metadata": {"name": name, "labels": {"app.kubernetes.io/part-of": PART_OF}},
            "spec": {"podSelector": {"matchLabels": {"lkip.bnn.go.id/role": pod_role}},
                     "policyTypes": ["Ingress"], "ingress": [rule]}}


def write(folder, name, docs):
    with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
        f.write("# Generated by deploy/k8s/generate.py from deploy/CMakeLists.txt; edit those.\n")
        yaml.safe_dump_all(docs, f, sort_keys=False, default_flow_style=False)


def suite(facts, out, which, secret):
    folder = os.path.join(out, which)
    os.makedirs(folder, exist_ok=True)
    services = [s for s in facts["services"] if (s["kind"] == "nasional") == (which == "nasional")]
    resources = []
    configmap_files = []
    for svc in services:
        docs = [deployment(svc, facts, f"lkip-{which}-flags", secret), service(svc)]
        if svc["kind"] != "gateway":
            docs.insert(0, claim(svc, "10Gi" if svc["kind"] in ("aggregator", "nasional") else "5Gi"))
        write(folder, f"{svc['name']}.yaml", docs)
        resources.append(f"{svc['name']}.yaml")
        with open(os.path.join(folder, f"{svc['name']}.flags"), "w", encoding="utf-8") as f:
            f.write("\n".join(svc["flags"]) + "\n")
        configmap_files.append(f"{svc['name']}.flags")
    if which == "provinsi":
        bidang_ports = sorted({s["port"] for s in services if s["kind"] == "bidang"})
        aggregator = next(s for s in services if s["kind"] == "aggregator")
        gateway = next(s for s in services if s["kind"] == "gateway")
        docs = [policy("lkip-bidang-from-aggregator-only", "bidang", bidang_ports, ["aggregator"])]
        # lkipctl runs as a pod labelled lkip.bnn.go.id/role: client (docs/operations.md).
        docs.append(policy("lkip-aggregator-from-gateway-and-clients", "aggregator", [aggregator["port"]],
                           ["gateway", "client"]))
        docs.append(policy("lkip-gateway-from-anywhere", "gateway", [gateway["port"]], None))
    else:
        nasional = services[0]
        docs = [policy("lkip-nasional-from-clients", "nasional", [nasional["port"]], ["client"])]
        with open(os.path.join(folder, "provinces.json"), "w", encoding="utf-8") as f:
            f.write('{"provinces": []}\n')
        configmap_files.append("provinces.json")
    write(folder, "networkpolicies.yaml", docs)
    resources.append("networkpolicies.yaml")
    kustomization = {
        "apiVersion": "kustomize.config.k8s.io/v1beta1",
        "kind": "Kustomization",
        "namespace": f"lkip-{which}",
        "resources": ["namespace.yaml"] + resources,
        "configMapGenerator": [{"name": f"lkip-{which}-flags", "files": configmap_files}],
    }
    write(folder, "namespace.yaml", [{"apiVersion": "v1", "kind": "Namespace",
                                       "metadata": {"name": f"lkip-{which}", "labels": {"app.kubernetes.io/part-of": PART_OF}}}])
    write(folder, "kustomization.yaml", [kustomization])


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        facts = json.load(f)
    suite(facts, sys.argv[2], "provinsi", "lkip-pki")
    suite(facts, sys.argv[2], "nasional", "lkip-nasional-pki")


if __name__ == "__main__":
    main()
