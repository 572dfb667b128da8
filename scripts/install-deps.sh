#!/usr/bin/env bash
# Installs every Debian 12 package that lkip's build, tests, benchmarks and demo need.
# Idempotent: packages already present are skipped by apt-get; safe to run repeatedly.
set -euo pipefail

PACKAGES=(
  # toolchain
  build-essential cmake ninja-build ccache pkg-config git clang-format
  # RPC and storage (the fixed stack)
  libgrpc++-dev libgrpc-dev protobuf-compiler protobuf-compiler-grpc libprotobuf-dev
  libabsl-dev librocksdb-dev
  # tests and benchmarks
  libgtest-dev libgmock-dev googletest libbenchmark-dev
  # fuzzing (make fuzz): clang's libFuzzer and sanitizer runtimes
  clang-14 libclang-rt-14-dev
  # libraries chosen for a job (README: "Dependencies")
  libspdlog-dev libfmt-dev libcli11-dev nlohmann-json3-dev libgmp-dev libkainjow-mustache-dev libssl-dev libfccp-dev
  libxlsxwriter-dev rapidjson-dev libjwt-dev libcmark-dev libre2-dev
  # the REST gateway (HTTPS server); the OpenAPI 3 schema and a JSON Schema validator for its tests
  libcpp-httplib-dev openapi-specification python3-jsonschema
  # the dashboard's browser tests: headless Chromium driven by Selenium
  chromium chromium-driver python3-selenium
  # the development CA and certificates (scripts/dev-pki.sh)
  openssl
  # the report's PDF and DOCX (lkipctl report runs them), and the fonts its HTML names
  weasyprint pandoc librsvg2-bin fonts-dejavu-core
  # the end-to-end test reads the PDF's text and the workbook
  poppler-utils python3-openpyxl
  # the schema's lint check reads the descriptor set and proto/buf.yaml
  python3-protobuf python3-yaml
  # demo and tests drive the binaries from the shell
  python3 procps
  # the national roll-up's test of several hosts: network namespaces, veth, a bridge (ip, tc)
  iproute2
  # the Debian packages (make package, tests/package_test.py): sd_notify and the journal for the
  # services; dpkg-shlibdeps, lintian, systemd-analyze, and unshare/setpriv to install and run them
  libsystemd-dev dpkg-dev lintian systemd util-linux
  # lkipctl's manual page, made from its --help at build time
  help2man
  # the tests read the services' /metrics with Prometheus' own parser of the format
  python3-prometheus-client
  # the Kubernetes manifests are checked against the API's schema as the Python client models it
  python3-kubernetes
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi
echo "install-deps: installing ${missing[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
