#!/usr/bin/env bash
# Creates a development PKI for the lkip suite with the openssl command line: a CA, one
# certificate per service (its identity: CN=<service>, OU=lkip-service, valid for localhost,
# 127.0.0.1 and the names given), a client certificate for lkipctl (CN=lkipctl, OU=lkip-client)
# the key pair that signs user tokens (ES256, docs/security.md) and the one that signs the
# manifest of a ditetapkan report (Ed25519).
#
#   scripts/dev-pki.sh DIR [HOST...]   # does nothing when DIR/ca.crt exists
#
# DIR/ca.crt            the CA every service and client trusts
# DIR/<service>.{crt,key}  aggregator and each bidang service: server and client certificate
# DIR/nasional.{crt,key}  headquarters' national service: its server certificate and the client
#                       certificate it pulls the provinces' reports with (with an hq token)
# DIR/gateway.{crt,key}  the REST gateway: its HTTPS certificate and the client certificate it
#                       calls the aggregator with (each call with its caller's token)
# DIR/client.{crt,key}  lkipctl's transport certificate (the user is the token, not this)
# DIR/token.key         signs tokens (lkipctl token issue): the admin's; never on a service host
# DIR/token.pub         verifies tokens: every service's --token_public_key
# DIR/report-signing.key  Ed25519: signs the manifest of a ditetapkan report (the aggregator's
#                       --report_signing_key)
# DIR/report-signing.pub  verifies it (lkipctl verify-signature)
#
# For development and tests only: a production CA keeps its key off the servers (docs/security.md).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
[ $# -ge 1 ] || { echo "usage: $0 DIR [HOST...]" >&2; exit 2; }
DIR=$1; shift
signing_key() {
  openssl genpkey -algorithm ED25519 -out "$1/report-signing.key" 2>/dev/null
  openssl pkey -in "$1/report-signing.key" -pubout -out "$1/report-signing.pub"
  chmod 600 "$1/report-signing.key"
  chmod 644 "$1/report-signing.pub"
}
DAYS=825
key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }
hosts="DNS:localhost,IP:127.0.0.1,IP:::1"
for h in "$@"; do
  case "$h" in *[!0-9.]*) hosts="$hosts,DNS:$h" ;; *) hosts="$hosts,IP:$h" ;; esac
done
# name, OU, extended key usage, extra subjectAltName entries [, CN]: a key and a certificate in
# $TMP, signed by $TMP/ca.{crt,key}.
issue() {
  local name=$1 ou=$2 eku=$3 san=$4
  key "$TMP/$name.key"
  openssl req -new -key "$TMP/$name.key" -subj "/O=lkip/OU=$ou/CN=${5:-$name}" -out "$TMP/$name.csr"
  printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=%s\nsubjectAltName=%s\n' \
    "$eku" "$san" >"$TMP/$name.ext"
  openssl x509 -req -in "$TMP/$name.csr" -CA "$TMP/ca.crt" -CAkey "$TMP/ca.key" -CAcreateserial -sha256 \
    -days $DAYS -extfile "$TMP/$name.ext" -out "$TMP/$name.crt" 2>/dev/null
  rm -f "$TMP/$name.csr" "$TMP/$name.ext" "$TMP/ca.srl"
}
# The certificates that are not bidang services': the national service's (a service of
# headquarters) and the gateway's (HTTPS, and a client of the aggregator whose user is the token).
issue_late() {
  case "$1" in
    nasional) issue nasional lkip-service serverAuth,clientAuth "$hosts,DNS:nasional" ;;
    gateway) issue gateway lkip-client serverAuth,clientAuth "$hosts,DNS:gateway" ;;
  esac
}
if [ -s "$DIR/ca.crt" ]; then
  # A PKI made before the report was signed gets its signing key, one made before the national
  # service or the gateway their certificates.
  [ -s "$DIR/report-signing.key" ] || signing_key "$DIR"
  for late in nasional gateway; do
    if [ ! -s "$DIR/$late.crt" ] && [ -s "$DIR/ca.key" ]; then
      TMP=$(mktemp -d "$DIR/.new.XXXXXX")
      cp "$DIR/ca.crt" "$DIR/ca.key" "$TMP/"
      issue_late "$late"
      chmod 600 "$TMP/$late.key"
      mv "$TMP/$late.crt" "$TMP/$late.key" "$DIR/"
      rm -rf "$TMP"
    fi
  done
  exit 0
fi
mkdir -p "$DIR"
TMP=$(mktemp -d "$DIR/.new.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

key "$TMP/ca.key"
openssl req -x509 -new -key "$TMP/ca.key" -sha256 -days $DAYS -subj "/O=lkip/OU=lkip-dev-ca/CN=lkip development CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" -out "$TMP/ca.crt"

mapfile -t SERVICES < <(awk -F'\t' '!/^#/ && NF { print $1 }' "$ROOT/common/registry/bidang_services.tsv")
for svc in aggregator "${SERVICES[@]}"; do
  issue "$svc" lkip-service serverAuth,clientAuth "$hosts,DNS:$svc"
done
issue_late nasional
issue_late gateway
issue client lkip-client clientAuth "DNS:lkipctl" lkipctl

key "$TMP/token.key"
openssl pkey -in "$TMP/token.key" -pubout -out "$TMP/token.pub"
signing_key "$TMP"
rm -f "$TMP/ca.srl"
chmod 600 "$TMP"/*.key
chmod 644 "$TMP"/*.crt "$TMP/token.pub"
mv "$TMP"/* "$DIR"/
echo "dev-pki: wrote $DIR (CA, $(( ${#SERVICES[@]} + 2 )) service certificates, the gateway, client, token and report-signing keys)" >&2
