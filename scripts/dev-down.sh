#!/usr/bin/env bash
# Stops what dev-up.sh started: the worker, the etcd sandbox members, the Temporal dev server.
# State stays in .local (the Temporal database, the sandbox's data and PKI); dev-up.sh resumes from it.
set -euo pipefail
cd "$(dirname "$0")/.."
state=.local

stop() { # name, pid file
  if [ -f "$2" ] && kill -0 "$(cat "$2")" 2>/dev/null; then
    local pid; pid=$(cat "$2")
    kill -- "-$pid" 2>/dev/null || kill "$pid"
    for _ in $(seq 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 -- "-$pid" 2>/dev/null || true
    echo "stopped $1"
  fi
  rm -f "$2"
}

stop worker $state/worker.pid
if [ -f $state/sandbox/inventory.yml ]; then
  java -jar worker/target/etcd-sop-worker.jar sandbox down --dir $state/sandbox
fi
stop "Temporal dev server" $state/temporal.pid
