#!/usr/bin/env python3
"""The schema's lint check: applies the rules proto/buf.yaml names (buf's rule names and
configuration format; buf itself is not packaged for Debian) to the descriptor set of every
lkip proto file, and names each violation with its file, element and rule.

Usage: proto_lint.py BUF_YAML DESCRIPTOR_SET
The descriptor set comes from protoc --include_source_info (the build makes it: proto/CMakeLists.txt).
"""
import re
import sys

import yaml
from google.protobuf import descriptor_pb2

PASCAL = re.compile(r"^[A-Z][A-Za-z0-9]*$")
LOWER_SNAKE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
UPPER_SNAKE = re.compile(r"^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$")


def upper_snake(pascal):
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", pascal).upper()


class Linter:
    def __init__(self, config):
        lint = config.get("lint", {})
        self.rules = set(lint.get("use", []))
        self.zero_suffix = lint.get("enum_zero_value_suffix", "_UNSPECIFIED")
        self.ignore_only = {rule: set(names) for rule, names in (lint.get("ignore_only") or {}).items()}
        self.used_ignores = set()
        self.date_exempt = set(lint.get("lkip_date_exempt_packages", []))
        self.problems = []

    def check(self, rule, ok, file, element, message):
        if rule not in self.rules or ok:
            return
        if element in self.ignore_only.get(rule, set()):
            self.used_ignores.add((rule, element))
            return
        self.problems.append(f"{file}: {element}: {rule}: {message}")

    def comments(self, f):
        """Leading comments by source path."""
        out = {}
        for loc in f.source_code_info.location:
            if loc.leading_comments.strip() or loc.trailing_comments.strip():
                out[tuple(loc.path)] = True
        return out

    def lint_file(self, f):
        name, pkg = f.name, f.package
        m = re.match(r"^(.*)/[^/]+\.proto$", name)
        directory = m.group(1) if m else ""
        self.check("PACKAGE_DIRECTORY_MATCH", directory.replace("/", ".") == pkg, name, pkg,
                   f"package {pkg} is not in directory {pkg.replace('.', '/')}")
        self.check("PACKAGE_VERSION_SUFFIX", re.search(r"\.v[0-9]+$", pkg) is not None, name, pkg,
                   "the package does not end in a version (.v1)")
        self.check("PACKAGE_LOWER_SNAKE_CASE", all(LOWER_SNAKE.match(p) for p in pkg.split(".")), name, pkg,
                   "package parts must be lower_snake_case")
        commented = self.comments(f)
        for i, msg in enumerate(f.message_type):
            self.lint_message(f, f"{pkg}.{msg.name}", msg)
        for i, enum in enumerate(f.enum_type):
            self.lint_enum(f, f"{pkg}.{enum.name}", enum)
        for si, svc in enumerate(f.service):
            full = f"{pkg}.{svc.name}"
            self.check("SERVICE_PASCAL_CASE", PASCAL.match(svc.name) is not None, name, full, "not PascalCase")
            self.check("COMMENT_SERVICE", (6, si) in commented, name, full, "a service needs a comment")
            inputs = {}
            for mi, rpc in enumerate(svc.method):
                rfull = f"{full}.{rpc.name}"
                self.check("RPC_PASCAL_CASE", PASCAL.match(rpc.name) is not None, name, rfull, "not PascalCase")
                request = rpc.input_type.rsplit(".", 1)[-1]
                self.check("RPC_REQUEST_STANDARD_NAME", request == f"{rpc.name}Request", name, rfull,
                           f"its request is {request}, not {rpc.name}Request")
                self.check("RPC_REQUEST_RESPONSE_UNIQUE", rpc.input_type not in inputs, name, rfull,
                           f"{request} is also the request of {inputs.get(rpc.input_type)}")
                inputs.setdefault(rpc.input_type, rpc.name)
                self.check("COMMENT_RPC", (6, si, 2, mi) in commented, name, rfull, "an RPC needs a comment")

    def lint_message(self, f, full, msg):
        self.check("MESSAGE_PASCAL_CASE", PASCAL.match(msg.name) is not None, f.name, full, "not PascalCase")
        for field in msg.field:
            self.check("FIELD_LOWER_SNAKE_CASE", LOWER_SNAKE.match(field.name) is not None, f.name,
                       f"{full}.{field.name}", "not lower_snake_case")
            if (field.name == "date" or field.name.endswith("_date")) and f.package not in self.date_exempt:
                self.check("LKIP_DATE_TYPE", field.type_name == ".lkip.common.v1.Date", f.name,
                           f"{full}.{field.name}", "a date is a lkip.common.v1.Date, never text")
        for nested in msg.nested_type:
            if nested.options.map_entry:
                continue
            self.lint_message(f, f"{full}.{nested.name}", nested)
        for enum in msg.enum_type:
            self.lint_enum(f, f"{full}.{enum.name}", enum)

    def lint_enum(self, f, full, enum):
        self.check("ENUM_PASCAL_CASE", PASCAL.match(enum.name) is not None, f.name, full, "not PascalCase")
        prefix = upper_snake(enum.name) + "_"
        for v in enum.value:
            vfull = f"{full}.{v.name}"
            self.check("ENUM_VALUE_UPPER_SNAKE_CASE", UPPER_SNAKE.match(v.name) is not None, f.name, vfull,
                       "not UPPER_SNAKE_CASE")
            self.check("ENUM_VALUE_PREFIX", v.name.startswith(prefix), f.name, vfull, f"does not start with {prefix}")
        zero = [v for v in enum.value if v.number == 0]
        self.check("ENUM_ZERO_VALUE_SUFFIX", bool(zero) and zero[0].name == prefix[:-1] + self.zero_suffix,
                   f.name, full, f"its zero value must be {prefix[:-1]}{self.zero_suffix}")


def main():
    config = yaml.safe_load(open(sys.argv[1]))
    files = descriptor_pb2.FileDescriptorSet()
    files.ParseFromString(open(sys.argv[2], "rb").read())
    linter = Linter(config)
    known = {"PACKAGE_DIRECTORY_MATCH", "PACKAGE_VERSION_SUFFIX", "PACKAGE_LOWER_SNAKE_CASE", "MESSAGE_PASCAL_CASE",
             "FIELD_LOWER_SNAKE_CASE", "ENUM_PASCAL_CASE", "ENUM_VALUE_UPPER_SNAKE_CASE", "ENUM_VALUE_PREFIX",
             "ENUM_ZERO_VALUE_SUFFIX", "SERVICE_PASCAL_CASE", "RPC_PASCAL_CASE", "RPC_REQUEST_STANDARD_NAME",
             "RPC_REQUEST_RESPONSE_UNIQUE", "COMMENT_SERVICE", "COMMENT_RPC", "LKIP_DATE_TYPE"}
    unknown = linter.rules - known
    if unknown:
        print(f"proto_lint: {sys.argv[1]} names rules this checker does not know: {sorted(unknown)}")
        return 1
    checked = [f for f in files.file if f.name.startswith("lkip/")]
    for f in checked:
        linter.lint_file(f)
    stale = [(rule, name) for rule, names in linter.ignore_only.items() for name in names
             if (rule, name) not in linter.used_ignores]
    for rule, name in stale:
        linter.problems.append(f"{sys.argv[1]}: ignore_only {rule} {name}: nothing to ignore any more; remove it")
    for p in linter.problems:
        print(p)
    if linter.problems:
        print(f"proto_lint: {len(linter.problems)} problems in {len(checked)} files")
        return 1
    print(f"proto_lint: {len(checked)} files, {len(linter.rules)} rules, no problems")
    return 0


if __name__ == "__main__":
    sys.exit(main())
