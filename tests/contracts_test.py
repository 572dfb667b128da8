#!/usr/bin/env python3
"""The published contracts the build wrote (build/contracts, docs/integration.md) are what they claim.

- openapi.json is valid against the OpenAPI 3.0 schema (Debian's openapi-specification package,
  /usr/share/openapi-specification/schemas/v3.0/schema.json), every $ref in it resolves, every
  operation has a unique operationId and names the RPC and access it maps;
- every schemas/*.schema.json is a valid JSON Schema 2020-12 document whose $refs resolve;
- the schemas accept what lkip writes and refuse what it must never write: a figure of a Decimal
  as a fraction ("400/3"), a field of another name (the old "satker" of capaian.json).

Which files lkip writes are validated against these schemas: tests/e2e_test.py (RawRecords).

Usage: contracts_test.py BUILD_DIR
"""
import json
import os
import sys
import unittest

import jsonschema

BUILD = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build")
CONTRACTS = os.path.join(BUILD, "contracts")
OAS30 = "/usr/share/openapi-specification/schemas/v3.0/schema.json"


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def refs(node):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "$ref" and isinstance(v, str):
                yield v
            else:
                yield from refs(v)
    elif isinstance(node, list):
        for v in node:
            yield from refs(v)


def resolve(doc, ref):
    assert ref.startswith("#/"), ref
    node = doc
    for part in ref[2:].split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


class OpenApi(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.doc = load(os.path.join(CONTRACTS, "openapi.json"))

    def test_valid_against_the_openapi_3_0_schema(self):
        if not os.path.exists(OAS30):
            self.fail(f"{OAS30} is missing: install Debian's openapi-specification (scripts/install-deps.sh)")
        jsonschema.Draft4Validator(load(OAS30)).validate(self.doc)
        self.assertEqual(self.doc["openapi"], "3.0.3")

    def test_every_ref_resolves(self):
        for ref in set(refs(self.doc)):
            resolve(self.doc, ref)

    def test_every_operation_names_its_rpc_and_access(self):
        ids = []
        for path, ops in self.doc["paths"].items():
            self.assertTrue(path.startswith("/v1/"), path)
            for verb, op in ops.items():
                ids.append(op["operationId"])
                self.assertRegex(op["x-lkip-rpc"], r"^lkip\.[a-z]+\.v1\.[A-Za-z]+\.[A-Za-z]+$")
                self.assertRegex(op["x-lkip-access"], r"^ACCESS_[A-Z_]+$")
                self.assertTrue(op.get("description"), f"{verb} {path}: the RPC's comment is its description")
                for p in op.get("parameters", []):
                    if p["in"] == "path":
                        self.assertIn("{" + p["name"] + "}", path)
        self.assertEqual(len(ids), len(set(ids)))
        self.assertGreaterEqual(len(ids), 30)
        capaian = self.doc["paths"]["/v1/provinces/{province_code}/years/{fiscal_year}/capaian"]["get"]
        self.assertEqual(capaian["x-lkip-rpc"], "lkip.aggregator.v1.Aggregator.GetCapaian")
        decimal = self.doc["components"]["schemas"]["lkip.common.v1.Decimal"]
        self.assertEqual(sorted(decimal["properties"]), ["fraction", "value"])


class FileSchemas(unittest.TestCase):
    def schemas(self):
        folder = os.path.join(CONTRACTS, "schemas")
        names = sorted(n for n in os.listdir(folder) if n.endswith(".schema.json"))
        self.assertEqual(names, ["anggaran.schema.json", "capaian.schema.json", "lkip.schema.json",
                                 "manifest.schema.json", "nasional.schema.json", "verify.schema.json"])
        return {n: load(os.path.join(folder, n)) for n in names}

    def test_each_is_a_valid_2020_12_schema_whose_refs_resolve(self):
        for name, schema in self.schemas().items():
            jsonschema.Draft202012Validator.check_schema(schema)
            for ref in set(refs(schema)):
                resolve(schema, ref)

    def test_a_fraction_or_another_name_is_refused(self):
        schemas = self.schemas()
        anggaran = jsonschema.Draft202012Validator(schemas["anggaran.schema.json"])
        capaian = jsonschema.Draft202012Validator(schemas["capaian.schema.json"])
        percent = {"value": "99.53", "fraction": ""}
        tables = {"fiscal_year": 2023, "province_code": "BNNP_NTB", "through_month": 12, "monthly": [],
                  "findings": [], "satker_without_dipa": [],
                  "per_program": {"rows": [{"code": "DUKMAN", "label": "Dukungan Manajemen",
                                            "realisasi_percent": percent}]}}
        anggaran.validate(tables)
        percent["value"] = "2166772921/21770226"
        self.assertFalse(anggaran.is_valid(tables), "a fraction as a Decimal's value")
        percent.update(value="99.53475557", fraction="2166772921/21770226")
        anggaran.validate(tables)
        percent["rounded"] = "99,53"
        self.assertFalse(anggaran.is_valid(tables), "a member a Decimal does not have")
        del tables["through_month"]
        del percent["rounded"]
        self.assertFalse(anggaran.is_valid(tables), "a field lkip always writes, missing")
        row = {"satker_code": "BNNP_NTB", "satker_name": "BNNP NTB", "value": "400/3", "value_display": "133,33",
               "target": None, "category": "", "counted": True, "source": ""}
        indicator = {"code": "IKK-01", "sasaran": 1, "name": "x", "unit": "x", "service": "pencegahan", "target": "2",
                     "target_display": "2", "available": True, "realisasi": "3", "capaian": "150.00",
                     "verified": True, "rule_source": "", "satker_rows": [row]}
        table = {"fiscal_year": 2023, "province_code": "BNNP_NTB", "province_name": "BNNP NTB",
                 "rule_set_version": "2023.1", "complete": True, "indicators": [indicator], "bands": {},
                 "band_sets": [], "unverified_rules": [], "has_unverified_rules": False, "services": []}
        self.assertFalse(capaian.is_valid(table), "a fraction as a satker's value")
        row["value"] = "133.33333333333333333333"
        row["value_fraction"] = "400/3"
        capaian.validate(table)
        table["satker"] = table.pop("province_code")
        self.assertFalse(capaian.is_valid(table), "the old name of province_code")


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
