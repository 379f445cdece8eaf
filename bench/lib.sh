# Sourced by the bench scripts: a private Temporal dev server, sandboxes and one worker under $work, all stopped on exit.
# Set bench_port (Temporal's port) before sourcing. Nothing here touches the dev stack of scripts/dev-up.sh.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/env.sh
jar=${BENCH_JAR:-worker/target/etcd-sop-worker.jar}
[ -f $jar ] || mvn -B -q -DskipTests package >/dev/null
work=$(mktemp -d /tmp/etcd-sop-bench.XXXX)
address=127.0.0.1:${bench_port:-17233}
temporal_pid=""
sandboxes=()

bench_cleanup() {
  [ -f "$work/worker.pid" ] && kill "$(cat "$work/worker.pid")" 2>/dev/null || true
  for dir in "${sandboxes[@]}"; do
    pkill -CONT -f "$dir/" 2>/dev/null || true
    java -jar $jar sandbox down --dir "$dir" >/dev/null 2>&1 || true
  done
  [ -n "$temporal_pid" ] && kill -- "-$temporal_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap bench_cleanup EXIT

now() { date +%s.%N; }
elapsed() { python3 -c "print(round($(now) - $1, 3))"; }

# TEMPORAL_IN_MEMORY=1: the dev server keeps its state in memory (no SQLite file, no fsync): how much of a figure is the
# server's persistence rather than etcd-sop.
start_temporal() {
  local db=(--db-filename "$work/temporal.db")
  [ "${TEMPORAL_IN_MEMORY:-}" = 1 ] && db=()
  setsid temporal server start-dev "${db[@]}" --ip 127.0.0.1 --port "${address##*:}" --headless \
    --log-level error --search-attribute EtcdCluster=Keyword --search-attribute EtcdSop=Keyword --search-attribute EtcdPhase=Keyword >"$work/temporal.log" 2>&1 </dev/null &
  temporal_pid=$!
  until temporal operator cluster health --address $address >/dev/null 2>&1; do sleep 0.2; done
}

# sandbox_up DIR FIRST_ADDRESS [more sandbox flags]: a 3-member TLS cluster on 127.0.0.FIRST_ADDRESS and the next two.
sandbox_up() {
  local dir=$1 first=$2; shift 2
  sandboxes+=("$dir")
  java -jar $jar sandbox up --dir "$dir" --first-address "$first" "$@" >/dev/null
}

# start_worker RUNBOOKS_DIR [extra environment assignments]: the worker, until it serves.
start_worker() {
  local runbooks=$1; shift
  env RUNBOOKS_DIR="$runbooks" TEMPORAL_ADDRESS=$address "$@" setsid java ${WORKER_JAVA_OPTS:-} -jar $jar worker \
    >"$work/worker.log" 2>&1 </dev/null &
  echo $! >"$work/worker.pid"
  until grep -q "etcd-sop worker serving" "$work/worker.log"; do
    kill -0 "$(cat "$work/worker.pid")" 2>/dev/null || { cat "$work/worker.log" >&2; exit 1; }
    sleep 0.2
  done
}

# summary LABEL TIMES...: median, p99 and max of the given seconds.
summary() {
  python3 - "$@" <<'PY'
import statistics, sys
label, times = sys.argv[1], sorted(float(x) for x in sys.argv[2:])
p99 = times[min(len(times) - 1, round(0.99 * (len(times) - 1)))]
print(f"{label}: median {statistics.median(times):.3f} s, p99 {p99:.3f} s, max {times[-1]:.3f} s over {len(times)} runs")
PY
}
