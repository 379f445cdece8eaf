#!/bin/sh
# Registers the search attributes etcd-sop workflows set (EtcdCluster, EtcdSop, EtcdPhase: Keyword).
# Run once by docker-compose with the temporalio/admin-tools image. Safe to re-run: an attribute
# that exists with the right type is left alone; one with another type is an error, not a silent change.
set -eu

address="${TEMPORAL_ADDRESS:-temporal:7233}"
namespace="${TEMPORAL_NAMESPACE:-default}"
deadline=$(( $(date +%s) + ${WAIT_SECONDS:-300} ))

# auto-setup creates the namespace only after the server is up: wait for it, with a deadline.
until temporal operator namespace describe --address "$address" --namespace "$namespace" >/dev/null 2>&1; do
  if [ "$(date +%s)" -ge "$deadline" ]; then
    echo "namespace '$namespace' not reachable at $address" >&2
    exit 1
  fi
  sleep 2
done

for name in EtcdCluster EtcdSop EtcdPhase; do
  current=$(temporal operator search-attribute list --address "$address" --namespace "$namespace" -o json)
  if printf '%s' "$current" | grep -Eq "\"$name\"[[:space:]]*:[[:space:]]*\"INDEXED_VALUE_TYPE_KEYWORD\""; then
    echo "search attribute $name (Keyword) already registered"
  elif printf '%s' "$current" | grep -q "\"$name\""; then
    echo "search attribute $name exists with a type other than Keyword; fix it by hand" >&2
    exit 1
  else
    temporal operator search-attribute create --address "$address" --namespace "$namespace" --name "$name" --type Keyword
  fi
done
