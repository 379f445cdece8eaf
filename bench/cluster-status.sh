#!/usr/bin/env bash
# Benchmark: ClusterStatus from `temporal workflow execute` to its result on a healthy 3-member TLS cluster, then with
# one member stopped (its port refuses connections) and with one member frozen (SIGSTOP: it accepts connections and
# never answers). Prints the figures of each case. Usage: bench/cluster-status.sh [runs per case, default 20]
bench_port=17234
source "$(dirname "$0")/lib.sh"
runs=${1:-20}

start_temporal
sandbox_up "$work/cluster" 64
start_worker "$work/cluster"

status_run() { # case, run: one ClusterStatus, timed; prints the seconds
  local start; start=$(now)
  temporal workflow execute --address $address --type ClusterStatus --task-queue etcd-sop \
    --workflow-id "status-$1-$2" --input '{"cluster":"etcd"}' --output json >"$work/status-$1-$2.json"
  elapsed "$start"
}

measure() { # case, expected text in the report, runs
  local times=() count=${3:-$runs}
  for run in $(seq 1 "$count"); do times+=("$(status_run "$1" "$run")"); done
  grep -q "$2" "$work/status-$1-$count.json" || { echo "the $1 report lacks '$2':" >&2; cat "$work/status-$1-$count.json" >&2; exit 1; }
  summary "ClusterStatus, $1" "${times[@]}"
}

status_run warmup 1 >/dev/null
measure healthy '"healthy": *true'
member=$work/cluster/etcd-3/etcd.pid
kill -STOP "$(cat "$member")"
measure "one member frozen" 'etcd-3' 5
kill -CONT "$(cat "$member")"
kill "$(cat "$member")"
while kill -0 "$(cat "$member")" 2>/dev/null; do sleep 0.1; done
measure "one member stopped" 'connection refused'
