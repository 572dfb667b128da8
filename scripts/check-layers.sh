#!/usr/bin/env bash
# The stores speak storage records and domain types (docs/architecture.md, "Layers"): no store
# names an API request or response, includes a service's API header, or fills an import's
# ImportResult. The gRPC adapter (<svc>_service.cc) turns domain types into the API's messages.
# Prints each offending line and exits 1; exits 0 when the stores keep to their layer.
set -euo pipefail
cd "$(dirname "$0")/.."
stores=$(find services common -name '*_store.h' -o -name '*_store.cc' | grep -v '_test' | sort)
pattern='v1::[A-Za-z]+(Request|Response)\b|ImportResult|#include "lkip/(aggregator|pencegahan|rehabilitasi|pemberantasan|keuangan|zonaintegritas|report|indicator)/v1/'
# shellcheck disable=SC2086
if found=$(grep -nE "$pattern" $stores); then
  echo "check-layers: stores must speak storage records and domain types, not the API:" >&2
  echo "$found" >&2
  exit 1
fi
echo "check-layers: $(echo "$stores" | wc -l) store files keep to their layer"
