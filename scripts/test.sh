#!/usr/bin/env bash
# Runs every test tier: workflow logic (time-skipping test server), activities against a real etcd
# cluster and sshd, and end to end through a real Temporal dev server, the worker jar and the temporal CLI.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/test-users.sh
source scripts/env.sh
scripts/check-compose.sh
mvn -B verify "$@"
