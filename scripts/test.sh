#!/usr/bin/env bash
# Runs every test tier: workflow logic (time-skipping test server), activities against a real etcd
# cluster and sshd, and end to end through a real Temporal dev server, the worker jar and the temporal CLI.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/test-users.sh
source scripts/env.sh
scripts/check-compose.sh
mkdir -p .local
mvn -B verify "$@" 2>&1 | tee .local/test.log
# A gRPC channel dropped without shutdown (a leaked etcd connection) is logged when collected; the suite must show none.
if grep -rl "garbage collected without being shut down" .local/test.log ./*/target/surefire-reports ./*/target/failsafe-reports \
    ./*/target/*.log 2>/dev/null; then
  echo "a gRPC channel was leaked (garbage collected without being shut down): see the files above" >&2
  exit 1
fi
