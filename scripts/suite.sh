#!/usr/bin/env bash
# Starts or stops the whole lkip suite on this machine: five bidang services and the
# aggregator, each on a free loopback port, each with its RocksDB under VAR_DIR/data, and the
# REST gateway in front of the aggregator (docs/integration.md).
#
#   scripts/suite.sh start VAR_DIR   # prints the aggregator's host:port when all are SERVING
#   scripts/suite.sh stop VAR_DIR    # SIGTERM to every service started there, then waits
#
# VAR_DIR/run holds <service>.port and <service>.pid; VAR_DIR/log holds each service's log.
# Every port is mutual TLS with user tokens: LKIP_PKI_DIR (default VAR_DIR/pki, made by
# scripts/dev-pki.sh when missing) holds the CA, each service's certificate and the token key
# pair; a client needs ca.crt, client.crt, client.key and a token (lkipctl token issue).
# LKIP_INSECURE_DEV=1 starts every service plaintext with --insecure_dev instead.
# LKIP_BUILD_DIR (default: build) names the build tree with the binaries; LKIP_RULES_DIR
# (default: deploy/rules) the rule sets every service loads; LKIP_SERVICE_FLAGS, flags added to
# every service's command line (e.g. "--sync_writes --write_buffer_mib=64"); LKIP_AGGREGATOR_LISTEN,
# the aggregator's address instead of a free loopback port (e.g. 0.0.0.0:7443, for headquarters'
# national service on another host); LKIP_GATEWAY_LISTEN, the REST gateway's (default a free
# loopback port; its URL is written to VAR_DIR/run/gateway.address).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${LKIP_BUILD_DIR:-$ROOT/build}
case "$BUILD" in /*) ;; *) BUILD=$ROOT/$BUILD ;; esac
# The bidang services: the first column of the one registry (common/registry/bidang_services.tsv).
mapfile -t BIDANG < <(awk -F'\t' '!/^#/ && NF { print $1 }' "$ROOT/common/registry/bidang_services.tsv")

usage() { echo "usage: $0 start|stop VAR_DIR" >&2; exit 2; }
[ $# -eq 2 ] || usage
cmd=$1
VAR=$(mkdir -p "$2" && cd "$2" && pwd)
mkdir -p "$VAR/run" "$VAR/data" "$VAR/log"
PKI=${LKIP_PKI_DIR:-$VAR/pki}
CTL=("$BUILD/tools/lkipctl")
if [ "${LKIP_INSECURE_DEV:-0}" = 1 ]; then
  security() { echo "--insecure_dev"; }
  CTL+=(--insecure-dev)
else
  security() {   # the flags of service $1
    echo "--tls_ca=$PKI/ca.crt --tls_cert=$PKI/$1.crt --tls_key=$PKI/$1.key --token_public_key=$PKI/token.pub"
  }
  CTL+=(--pki "$PKI")
fi

binary() {
  case "$1" in
    aggregator) echo "$BUILD/services/aggregator/aggregator" ;;
    gateway) echo "$BUILD/services/gateway/gateway" ;;
    *) echo "$BUILD/services/$1" ;;
  esac
}

port_of() {   # waits until the service has written its port (or died)
  local name=$1 pid
  pid=$(cat "$VAR/run/$name.pid")
  for _ in $(seq 1 300); do
    if [ -s "$VAR/run/$name.port" ]; then cat "$VAR/run/$name.port"; return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "suite: $name exited during start; its log ($VAR/log/$name.log):" >&2
      tail -n 20 "$VAR/log/$name.log" >&2
      return 1
    fi
    sleep 0.1
  done
  echo "suite: $name wrote no port within 30 s" >&2
  return 1
}

start_one() {   # name, extra flags...
  local name=$1; shift
  local bin; bin=$(binary "$name")
  [ -x "$bin" ] || { echo "suite: $bin is missing; build first (make build)" >&2; exit 1; }
  if [ -f "$VAR/run/$name.pid" ] && kill -0 "$(cat "$VAR/run/$name.pid")" 2>/dev/null; then
    echo "suite: $name is already running (pid $(cat "$VAR/run/$name.pid")); stop it first" >&2
    exit 1
  fi
  rm -f "$VAR/run/$name.port"
  "$bin" --listen=127.0.0.1:0 --port_file="$VAR/run/$name.port" --db_path="$VAR/data/$name" \
    --rules_dir="${LKIP_RULES_DIR:-$ROOT/deploy/rules}" $(security "$name") ${LKIP_SERVICE_FLAGS:-} "$@" >"$VAR/log/$name.log" 2>&1 </dev/null &
  echo $! >"$VAR/run/$name.pid"
}

# The REST gateway in front of the aggregator at $1: it has no store and no rules, only the
# aggregator's address and its own certificate.
start_gateway() {
  local bin; bin=$(binary gateway)
  [ -x "$bin" ] || { echo "suite: $bin is missing; build first (make build)" >&2; exit 1; }
  local tls=(--tls_ca="$PKI/ca.crt" --tls_cert="$PKI/gateway.crt" --tls_key="$PKI/gateway.key")
  [ "${LKIP_INSECURE_DEV:-0}" = 1 ] && tls=(--insecure_dev)
  rm -f "$VAR/run/gateway.port"
  "$bin" --listen="${LKIP_GATEWAY_LISTEN:-127.0.0.1:0}" --port_file="$VAR/run/gateway.port" \
    --aggregator_addr="$1" "${tls[@]}" >"$VAR/log/gateway.log" 2>&1 </dev/null &
  echo $! >"$VAR/run/gateway.pid"
}

stop_all() {
  local pids=()
  for name in gateway aggregator "${BIDANG[@]}"; do
    local f="$VAR/run/$name.pid"
    [ -f "$f" ] || continue
    local pid; pid=$(cat "$f")
    if kill -0 "$pid" 2>/dev/null; then kill -TERM "$pid" && pids+=("$pid"); fi
    rm -f "$f" "$VAR/run/$name.port"
  done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && { echo "suite: pid $pid ignored SIGTERM; killing" >&2; kill -KILL "$pid"; }
  done
  return 0
}

case "$cmd" in
  start)
    trap 'stop_all' ERR
    [ "${LKIP_INSECURE_DEV:-0}" = 1 ] || bash "$ROOT/scripts/dev-pki.sh" "$PKI"
    addrs=()
    for name in "${BIDANG[@]}"; do start_one "$name"; done
    flags=()
    for name in "${BIDANG[@]}"; do
      port=$(port_of "$name")
      addrs+=("127.0.0.1:$port")
      flags+=("--${name}_addr=127.0.0.1:$port")
    done
    [ "${LKIP_INSECURE_DEV:-0}" = 1 ] || flags+=("--report_signing_key=$PKI/report-signing.key")
    [ -z "${LKIP_AGGREGATOR_LISTEN:-}" ] || flags+=("--listen=$LKIP_AGGREGATOR_LISTEN")
    start_one aggregator "${flags[@]}"
    agg="127.0.0.1:$(port_of aggregator)"
    # A read-only token of a few minutes, for the health checks.
    [ "${LKIP_INSECURE_DEV:-0}" = 1 ] ||
      export LKIP_TOKEN=$("$BUILD/tools/lkipctl" token issue --signing-key "$PKI/token.key" --subject suite.sh \
        --role hq --valid 5m 2>/dev/null)
    "${CTL[@]}" wait-ready --within 30 "${addrs[@]}" "$agg" >&2
    start_gateway "$agg"
    scheme=https; [ "${LKIP_INSECURE_DEV:-0}" = 1 ] && scheme=http
    gw_host=${LKIP_GATEWAY_LISTEN:-127.0.0.1:0}; gw_host=${gw_host%:*}; [ "$gw_host" = 0.0.0.0 ] && gw_host=127.0.0.1
    gateway="$scheme://$gw_host:$(port_of gateway)"
    echo "$gateway" >"$VAR/run/gateway.address"
    echo "suite: REST gateway and dashboard at $gateway (CA: $PKI/ca.crt)" >&2
    echo "$agg" >"$VAR/run/aggregator.address"
    echo "$agg"
    ;;
  stop) stop_all ;;
  *) usage ;;
esac
