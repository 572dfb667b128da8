#!/usr/bin/env bash
# Starts, stops and restarts the lkip suite for development on this machine: five bidang
# services and the aggregator, each with its RocksDB under VAR_DIR/data, and the REST gateway in
# front of the aggregator (docs/integration.md). On a provincial server the installed package's
# systemd units run the suite instead (docs/operations.md); this script is for a build tree.
#
#   scripts/suite.sh start VAR_DIR             # prints the aggregator's host:port when all are SERVING
#   scripts/suite.sh stop VAR_DIR              # SIGTERM to every service started there, then waits
#   scripts/suite.sh restart VAR_DIR SERVICE   # one service (e.g. pencegahan), on the same port
#   scripts/suite.sh status VAR_DIR            # each service, its address and whether it runs
#
# The first start writes VAR_DIR/suite.conf: each service's fixed address and operations port
# (/metrics, /healthz; free loopback ports outside the kernel's ephemeral range), the rule-set
# folders and the extra flags. Every later
# start and restart reads it, so the aggregator's address and the rules stay the same across
# restarts; an environment variable below, when set, changes the file. VAR_DIR/run holds
# <service>.pid and <service>.port; VAR_DIR/log each service's log.
#
# Every port is mutual TLS with user tokens: LKIP_PKI_DIR (default VAR_DIR/pki, made by
# scripts/dev-pki.sh when missing) holds the CA, each service's certificate and the token key
# pair; a client needs ca.crt, client.crt, client.key and a token (lkipctl token issue).
# LKIP_INSECURE_DEV=1 starts every service plaintext with --insecure_dev instead.
# LKIP_BUILD_DIR (default: build) names the build tree with the binaries. Kept in suite.conf:
# LKIP_RULES_DIR (default: deploy/rules), the rule sets every service loads; LKIP_SERVICE_FLAGS,
# flags added to every service's command line (e.g. "--sync_writes --write_buffer_mib=64");
# LKIP_AGGREGATOR_LISTEN, the aggregator's address (e.g. 0.0.0.0:7443, for headquarters'
# national service on another host); LKIP_GATEWAY_LISTEN, the REST gateway's (its URL is also
# written to VAR_DIR/run/gateway.address).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${LKIP_BUILD_DIR:-$ROOT/build}
case "$BUILD" in /*) ;; *) BUILD=$ROOT/$BUILD ;; esac
# The bidang services: the first column of the one registry (common/registry/bidang_services.tsv).
mapfile -t BIDANG < <(awk -F'\t' '!/^#/ && NF { print $1 }' "$ROOT/common/registry/bidang_services.tsv")
ALL=("${BIDANG[@]}" aggregator gateway)

usage() {
  echo "usage: $0 start|stop|status VAR_DIR | $0 restart VAR_DIR SERVICE (one of: ${ALL[*]})" >&2
  exit 2
}
[ $# -ge 2 ] || usage
cmd=$1
VAR=$(mkdir -p "$2" && cd "$2" && pwd)
mkdir -p "$VAR/run" "$VAR/data" "$VAR/log"
PKI=${LKIP_PKI_DIR:-$VAR/pki}
CONF=$VAR/suite.conf
INSECURE=${LKIP_INSECURE_DEV:-0}
CTL=("$BUILD/tools/lkipctl")
if [ "$INSECURE" = 1 ]; then CTL+=(--insecure-dev); else CTL+=(--pki "$PKI"); fi

# Free loopback ports below the ephemeral range, so that no port-0 bind of another process (a
# test's server, an outgoing connection) takes one between two starts.
free_ports() {   # how many [ports taken already...]
  python3 - "$@" <<'EOF'
import random, socket, sys
with open("/proc/sys/net/ipv4/ip_local_port_range") as f:
    low = int(f.read().split()[0])
top = max(low - 1, 20001)
held, ports = [], []
taken = {int(p) for p in sys.argv[2:]}
while len(ports) < int(sys.argv[1]):
    port = random.randint(20000, top)
    if port in taken or port in ports:
        continue
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", port))
    except OSError:
        s.close()
        continue
    held.append(s)
    ports.append(port)
print(" ".join(map(str, ports)))
EOF
}

# suite.conf: made at the first start, then read; LKIP_* variables that are set change it.
load_conf() {
  local name
  if [ -f "$CONF" ]; then
    # shellcheck disable=SC1090
    . "$CONF"
  else
    local ports; read -r -a ports <<<"$(free_ports ${#ALL[@]})"
    local i=0
    for name in "${ALL[@]}"; do printf -v "LISTEN_$name" '127.0.0.1:%s' "${ports[$i]}"; i=$((i + 1)); done
    RULES_DIR=$ROOT/deploy/rules
    SERVICE_FLAGS=
  fi
  # Each service's operations port (/metrics, /healthz); a suite.conf made before them gets them.
  local missing=()
  for name in "${ALL[@]}"; do local v="METRICS_$name"; [ -n "${!v:-}" ] || missing+=("$name"); done
  if [ ${#missing[@]} -gt 0 ]; then
    local taken=()
    for name in "${ALL[@]}"; do local v="LISTEN_$name"; taken+=("${!v##*:}"); done
    local ports; read -r -a ports <<<"$(free_ports ${#missing[@]} "${taken[@]}")"
    local i=0
    for name in "${missing[@]}"; do printf -v "METRICS_$name" '127.0.0.1:%s' "${ports[$i]}"; i=$((i + 1)); done
  fi
  [ -z "${LKIP_RULES_DIR:-}" ] || RULES_DIR=$LKIP_RULES_DIR
  [ -z "${LKIP_SERVICE_FLAGS:-}" ] || SERVICE_FLAGS=$LKIP_SERVICE_FLAGS
  [ -z "${LKIP_AGGREGATOR_LISTEN:-}" ] || LISTEN_aggregator=$LKIP_AGGREGATOR_LISTEN
  [ -z "${LKIP_GATEWAY_LISTEN:-}" ] || LISTEN_gateway=$LKIP_GATEWAY_LISTEN
  {
    echo "# scripts/suite.sh: this suite's fixed configuration, read at every start and restart."
    echo "# Edit it while the suite is stopped; LKIP_RULES_DIR, LKIP_SERVICE_FLAGS,"
    echo "# LKIP_AGGREGATOR_LISTEN and LKIP_GATEWAY_LISTEN given to a start change it."
    for name in "${ALL[@]}"; do local v="LISTEN_$name"; printf 'LISTEN_%s=%q\n' "$name" "${!v}"; done
    for name in "${ALL[@]}"; do local v="METRICS_$name"; printf 'METRICS_%s=%q\n' "$name" "${!v}"; done
    printf 'RULES_DIR=%q\n' "$RULES_DIR"
    printf 'SERVICE_FLAGS=%q\n' "$SERVICE_FLAGS"
  } >"$CONF.tmp"
  mv "$CONF.tmp" "$CONF"
}

listen_of() { local v="LISTEN_$1"; echo "${!v}"; }
# The address a client on this machine dials: 0.0.0.0 listens everywhere, loopback reaches it.
# Port 0 (a free port at each start) is read back from what the service wrote.
dial_of() {
  local a host port
  a=$(listen_of "$1"); host=${a%:*}; port=${a##*:}
  [ "$host" = 0.0.0.0 ] && host=127.0.0.1
  [ "$port" = 0 ] && [ -s "$VAR/run/$1.port" ] && port=$(cat "$VAR/run/$1.port")
  echo "$host:$port"
}

binary() {
  case "$1" in
    aggregator) echo "$BUILD/services/aggregator/aggregator" ;;
    gateway) echo "$BUILD/services/gateway/gateway" ;;
    *) echo "$BUILD/services/$1" ;;
  esac
}

# The command line of service $1, from suite.conf alone.
command_of() {
  local name=$1
  local metrics="METRICS_$name"
  local cmdline=("$(binary "$name")" --listen="$(listen_of "$name")" --port_file="$VAR/run/$name.port"
    --metrics_listen="${!metrics}")
  if [ "$name" = gateway ]; then
    cmdline+=(--aggregator_addr="$(dial_of aggregator)")
    if [ "$INSECURE" = 1 ]; then cmdline+=(--insecure_dev)
    else cmdline+=(--tls_ca="$PKI/ca.crt" --tls_cert="$PKI/gateway.crt" --tls_key="$PKI/gateway.key"); fi
    echo "${cmdline[@]}"
    return
  fi
  cmdline+=(--db_path="$VAR/data/$name" --rules_dir="$RULES_DIR")
  if [ "$INSECURE" = 1 ]; then cmdline+=(--insecure_dev)
  else
    cmdline+=(--tls_ca="$PKI/ca.crt" --tls_cert="$PKI/$name.crt" --tls_key="$PKI/$name.key"
      --token_public_key="$PKI/token.pub")
  fi
  if [ "$name" = aggregator ]; then
    for b in "${BIDANG[@]}"; do cmdline+=("--${b}_addr=$(dial_of "$b")"); done
    [ "$INSECURE" = 1 ] || cmdline+=(--report_signing_key="$PKI/report-signing.key")
  fi
  # shellcheck disable=SC2206
  cmdline+=($SERVICE_FLAGS)
  echo "${cmdline[@]}"
}

running() { [ -f "$VAR/run/$1.pid" ] && kill -0 "$(cat "$VAR/run/$1.pid")" 2>/dev/null; }

start_one() {
  local name=$1 bin
  bin=$(binary "$name")
  [ -x "$bin" ] || { echo "suite: $bin is missing; build first (make build)" >&2; exit 1; }
  if running "$name"; then
    echo "suite: $name is already running (pid $(cat "$VAR/run/$name.pid")); stop it first" >&2
    exit 1
  fi
  rm -f "$VAR/run/$name.port"
  # shellcheck disable=SC2046
  $(command_of "$name") >>"$VAR/log/$name.log" 2>&1 </dev/null &
  echo $! >"$VAR/run/$name.pid"
}

wait_listening() {   # waits until service $1 has written its port (or died)
  local name=$1 pid
  pid=$(cat "$VAR/run/$name.pid")
  for _ in $(seq 1 300); do
    [ -s "$VAR/run/$name.port" ] && return 0
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "suite: $name exited during start; its log ($VAR/log/$name.log):" >&2
      tail -n 20 "$VAR/log/$name.log" >&2
      return 1
    fi
    sleep 0.1
  done
  echo "suite: $name was not listening on $(listen_of "$name") within 30 s" >&2
  return 1
}

wait_ready() {   # gRPC health of the named services
  local addrs=() name
  for name in "$@"; do addrs+=("$(dial_of "$name")"); done
  local token=()
  # A read-only token of a few minutes, for the health checks.
  [ "$INSECURE" = 1 ] || token=(--token "$("$BUILD/tools/lkipctl" token issue --signing-key "$PKI/token.key" \
    --subject suite.sh --role hq --valid 5m 2>/dev/null)")
  "${CTL[@]}" "${token[@]}" wait-ready --within 30 "${addrs[@]}" >&2
}

stop_one() {   # SIGTERM, then waits up to 10 s before SIGKILL
  local name=$1 f="$VAR/run/$1.pid" pid
  [ -f "$f" ] || return 0
  pid=$(cat "$f")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && { echo "suite: $name (pid $pid) ignored SIGTERM; killing" >&2; kill -KILL "$pid"; }
  fi
  rm -f "$f" "$VAR/run/$name.port"
}

stop_all() {
  local pids=() name
  for name in gateway aggregator "${BIDANG[@]}"; do   # signalled together, then waited for
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

write_addresses() {
  local scheme=https; [ "$INSECURE" = 1 ] && scheme=http
  echo "$scheme://$(dial_of gateway)" >"$VAR/run/gateway.address"
  echo "$(dial_of aggregator)" >"$VAR/run/aggregator.address"
}

case "$cmd" in
  start)
    [ $# -eq 2 ] || usage
    trap 'stop_all' ERR
    load_conf
    [ "$INSECURE" = 1 ] || bash "$ROOT/scripts/dev-pki.sh" "$PKI"
    for name in "${BIDANG[@]}"; do start_one "$name"; done
    start_one aggregator
    for name in "${BIDANG[@]}" aggregator; do wait_listening "$name"; done
    wait_ready "${BIDANG[@]}" aggregator
    start_one gateway
    wait_listening gateway
    write_addresses
    echo "suite: REST gateway and dashboard at $(cat "$VAR/run/gateway.address") (CA: $PKI/ca.crt)" >&2
    dial_of aggregator
    ;;
  restart)
    [ $# -eq 3 ] || usage
    target=$3
    printf '%s\n' "${ALL[@]}" | grep -qx "$target" || usage
    [ -f "$CONF" ] || { echo "suite: $VAR has never been started (no suite.conf); use start" >&2; exit 1; }
    load_conf
    stop_one "$target"
    start_one "$target"
    wait_listening "$target"
    [ "$target" = gateway ] || wait_ready "$target"
    echo "suite: $target restarted at $(listen_of "$target")" >&2
    ;;
  status)
    [ $# -eq 2 ] || usage
    [ -f "$CONF" ] || { echo "suite: $VAR has never been started (no suite.conf)" >&2; exit 1; }
    load_conf
    down=0
    for name in "${ALL[@]}"; do
      if running "$name"; then state="running (pid $(cat "$VAR/run/$name.pid"))"; else state=stopped; down=1; fi
      metrics="METRICS_$name"
      printf '%-15s %-22s %-30s %s\n' "$name" "$(listen_of "$name")" "${!metrics:+metrics ${!metrics}}" "$state"
    done
    exit $down
    ;;
  stop) stop_all ;;
  *) usage ;;
esac
