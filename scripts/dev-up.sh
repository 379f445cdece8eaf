#!/usr/bin/env bash
# Brings up the local stack and leaves it running: a Temporal dev server (state in .local/temporal.db,
# web UI on http://127.0.0.1:8233), a 3-member TLS etcd sandbox on 127.0.0.11-13, and the worker.
# Then runs ClusterStatus against the sandbox. Safe to run again: what already runs is left alone.
set -euo pipefail
cd "$(dirname "$0")/.."
state=.local
mkdir -p "$state"
scripts/install-deps.sh
source scripts/env.sh
jar=worker/target/etcd-sop-worker.jar

running() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

wait_for() { # description, timeout seconds, command...
  local what=$1 timeout=$2; shift 2
  for _ in $(seq $((timeout * 5))); do "$@" >/dev/null 2>&1 && return 0; sleep 0.2; done
  echo "timed out waiting for $what" >&2; return 1
}

echo "== building the worker"
mvn -B -DskipTests package >$state/build.log 2>&1 || { tail -50 $state/build.log; echo "build failed: see $state/build.log" >&2; exit 1; }

echo "== Temporal dev server"
if running $state/temporal.pid; then
  echo "already running (pid $(cat $state/temporal.pid))"
else
  setsid nohup temporal server start-dev --db-filename $state/temporal.db --ip 127.0.0.1 --port 7233 --ui-port 8233 \
    --log-level warn --search-attribute EtcdCluster=Keyword --search-attribute EtcdSop=Keyword --search-attribute EtcdPhase=Keyword \
    >>$state/temporal.log 2>&1 </dev/null &
  echo $! >$state/temporal.pid
fi
wait_for "the Temporal server (see $state/temporal.log)" 60 temporal operator cluster health --address 127.0.0.1:7233

echo "== etcd sandbox"
java -jar $jar sandbox up --dir $state/sandbox

echo "== worker"
if running $state/worker.pid; then
  echo "already running (pid $(cat $state/worker.pid))"
else
  : >$state/worker.log
  RUNBOOKS_DIR=$state/sandbox TEMPORAL_ADDRESS=127.0.0.1:7233 \
    setsid nohup java -jar $jar worker >>$state/worker.log 2>&1 </dev/null &
  echo $! >$state/worker.pid
fi
wait_for "the worker (see $state/worker.log)" 60 grep -q "etcd-sop worker serving" $state/worker.log

echo "== ClusterStatus of the sandbox"
temporal workflow execute --address 127.0.0.1:7233 --type ClusterStatus --task-queue etcd-sop \
  --workflow-id "cluster-status-$(date +%s)" --static-summary "ClusterStatus of etcd, requested by scripts/dev-up.sh" \
  --input '{"cluster":"etcd"}' --output json \
  | python3 -c 'import json,sys; r=json.load(sys.stdin)["result"]; print("\n".join(r["report"]))'

cat <<MSG

The stack is up. Web UI: http://127.0.0.1:8233   Stop it: scripts/dev-down.sh
Try next (if 'temporal' is not on your PATH: export PATH=$PWD/.local/tools/venv/bin:\$PATH):
  temporal workflow start --type ClusterStatus --task-queue etcd-sop --workflow-id status-1 --input '{"cluster":"etcd"}'
  temporal workflow result --workflow-id status-1
  temporal workflow list --query 'EtcdCluster="etcd"'
MSG
