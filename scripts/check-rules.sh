#!/usr/bin/env bash
# Checks the Prometheus rules (monitoring/etcd-sop-rules.yml) and runs their unit tests with promtool, which Debian's
# prometheus package ships (scripts/install-deps.sh installs it). Fails when promtool is missing rather than skipping,
# so broken rules never pass unnoticed.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v promtool >/dev/null 2>&1; then
  echo "check-rules.sh: promtool not found; run scripts/install-deps.sh (installs Debian's prometheus package)" >&2
  exit 1
fi

promtool check rules monitoring/etcd-sop-rules.yml
promtool test rules monitoring/etcd-sop-rules.test.yml
echo "monitoring/etcd-sop-rules.yml is valid and its unit tests pass"
