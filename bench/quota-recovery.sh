#!/usr/bin/env bash
# Benchmark: QuotaRecovery as a workflow versus the same steps as a plain etcdctl script (seed 004).
# Each run gets a fresh 3-member TLS cluster (16 MiB quota) filled until NOSPACE, then either
#  (a) QuotaRecovery with `approval: none`, timed from `temporal workflow execute` to its result, or
#  (b) etcdctl: endpoint status, compact, defrag each member (followers, then leader), alarm disarm.
# Prints every run, both medians and the ratio. Usage: bench/quota-recovery.sh [runs per variant, default 3]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
runs=${1:-3}
jar=worker/target/etcd-sop-worker.jar
[ -f $jar ] || mvn -B -q -DskipTests package >/dev/null
work=$(mktemp -d /tmp/etcd-sop-bench.XXXX)
port=17233
temporal_pid=""
cleanup() {
  [ -f "$work/worker.pid" ] && kill "$(cat "$work/worker.pid")" 2>/dev/null || true
  [ -d "$work/cluster" ] && java -jar $jar sandbox down --dir "$work/cluster" >/dev/null 2>&1 || true
  [ -n "$temporal_pid" ] && kill -- "-$temporal_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
now() { date +%s.%N; }

setsid temporal server start-dev --db-filename "$work/temporal.db" --ip 127.0.0.1 --port $port --headless --log-level error \
  --search-attribute EtcdCluster=Keyword --search-attribute EtcdSop=Keyword >"$work/temporal.log" 2>&1 </dev/null &
temporal_pid=$!
until temporal operator cluster health --address 127.0.0.1:$port >/dev/null 2>&1; do sleep 0.2; done

fresh_cluster() { # a new cluster in $work/cluster, filled until NOSPACE
  [ -d "$work/cluster" ] && java -jar $jar sandbox down --dir "$work/cluster" >/dev/null
  rm -rf "$work/cluster"
  java -jar $jar sandbox up --dir "$work/cluster" --first-address 61 --quota-bytes 16777216 >/dev/null
  printf 'default:\n  approval: none\n' >"$work/cluster/policies.yml"
  source "$work/cluster/etcd-1/etcdctl.sh"
  export ETCDCTL_ENDPOINTS=https://127.0.0.61:2379,https://127.0.0.62:2379,https://127.0.0.63:2379
  local value; value=$(head -c 81920 /dev/zero | tr '\0' x)
  for i in $(seq 1 400); do
    etcdctl put "/bench/key-$((i % 20))" "$value" >/dev/null 2>&1 || break
  done
  etcdctl alarm list | grep -q NOSPACE || { echo "cluster did not reach NOSPACE" >&2; exit 1; }
}

workflow_times=(); script_times=()
for run in $(seq 1 "$runs"); do
  fresh_cluster
  [ -f "$work/worker.pid" ] || {
    RUNBOOKS_DIR="$work/cluster" TEMPORAL_ADDRESS=127.0.0.1:$port setsid java -jar $jar worker >"$work/worker.log" 2>&1 </dev/null &
    echo $! >"$work/worker.pid"
    until grep -q "etcd-sop worker serving" "$work/worker.log"; do sleep 0.2; done
  }
  start=$(now)
  temporal workflow execute --address 127.0.0.1:$port --type QuotaRecovery --task-queue etcd-sop \
    --workflow-id "bench-$run" --input '{"cluster":"etcd","requestedBy":"bench"}' --output json >"$work/result-$run.json"
  end=$(now)
  grep -q '"outcome": *"DONE"' "$work/result-$run.json" || { echo "workflow run $run did not finish DONE:" >&2; cat "$work/result-$run.json" >&2; exit 1; }
  workflow_times+=("$(python3 -c "print(round($end - $start, 3))")")
  echo "workflow run $run: ${workflow_times[-1]} s"

  fresh_cluster
  start=$(now)
  leader=$(etcdctl endpoint status -w json | python3 -c 'import json,sys; print(next(e["Endpoint"] for e in json.load(sys.stdin) if e["Status"]["leader"]==e["Status"]["header"]["member_id"]))')
  rev=$(etcdctl endpoint status -w json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["Status"]["header"]["revision"])')
  etcdctl compact "$rev" >/dev/null
  for ep in ${ETCDCTL_ENDPOINTS//,/ }; do [ "$ep" = "$leader" ] || ETCDCTL_ENDPOINTS=$ep etcdctl defrag >/dev/null; done
  ETCDCTL_ENDPOINTS=$leader etcdctl defrag >/dev/null
  etcdctl alarm disarm >/dev/null
  end=$(now)
  script_times+=("$(python3 -c "print(round($end - $start, 3))")")
  echo "etcdctl run $run: ${script_times[-1]} s"
done

python3 - "${workflow_times[*]}" "${script_times[*]}" <<'PY'
import statistics, sys
w = [float(x) for x in sys.argv[1].split()]
s = [float(x) for x in sys.argv[2].split()]
mw, ms = statistics.median(w), statistics.median(s)
print(f"median QuotaRecovery workflow: {mw:.2f} s over {len(w)} runs")
print(f"median plain etcdctl script:   {ms:.2f} s over {len(s)} runs")
print(f"ratio workflow/script: {mw/ms:.2f}x (target: within 2x)")
PY
