#!/usr/bin/env bash
# Benchmark: restarting every member of the same 3-member TLS cluster while one client keeps writing small keys to all
# members' endpoints (`sandbox write`, like Patroni renewing its leader key):
#  (a) RollingRestart with `approval: none`, from `temporal workflow execute` to its result;
#  (b) a naive sequential restart, like `ansible etcd -f 1 -b -a 'systemctl restart etcd'`: each member's stop command,
#      then its start command, in inventory order, with no wait for it to rejoin;
#  (c) a parallel restart: stop all three, then start all three (the outage of Pigsty's FAQ).
# The cluster is healthy again before each variant. Prints for each: failed writes, the longest gap between two
# acknowledged writes, p99 write latency, the restart's time until the cluster is healthy, acknowledged writes lost.
# Goal: RollingRestart with 0 failed writes and a longest gap below one election timeout + 1 s; no variant loses a write.
# Usage: bench/rolling-restart.sh [runs of each variant, default 1]
bench_port=17241
source "$(dirname "$0")/lib.sh"
runs=${1:-1}
cluster=$work/cluster
writer_pid=""
trap '[ -n "$writer_pid" ] && kill "$writer_pid" 2>/dev/null; bench_cleanup' EXIT
start_temporal
sandbox_up "$cluster" 68
source "$cluster/etcd-1/etcdctl.sh"
export ETCDCTL_ENDPOINTS=https://127.0.0.68:2379,https://127.0.0.69:2379,https://127.0.0.70:2379
election_ms=$(sed -n 's/^election-timeout: *//p' "$cluster/etcd-1/etcd.conf")
# Each member's service commands as the worker reads them, stops[i] and starts[i] for the i-th host of the inventory. The
# sandbox writes them as single-quoted scalars, read here without a YAML module (the python3 of scripts/env.sh has none).
service() { python3 - "$cluster/inventory.yml" "$1" <<'PY'
import re, sys
for line in open(sys.argv[1]):
    if m := re.fullmatch(rf"\s+{sys.argv[2]}: '(.*)'\n", line):
        print(m.group(1).replace("''", "'"))
PY
}
mapfile -t stops < <(service etcd_service_stop)
mapfile -t starts < <(service etcd_service_start)
[ ${#stops[@]} = 3 ] && [ ${#starts[@]} = 3 ] || { echo "no service commands for 3 members in $cluster/inventory.yml" >&2; exit 1; }

await_healthy() { # every member answers, or exit after 60 s
  local deadline=$(($(date +%s) + 60))
  until etcdctl endpoint health >/dev/null 2>&1; do
    [ "$(date +%s)" -lt $deadline ] || { echo "cluster not healthy after 60 s" >&2; etcdctl endpoint health >&2; exit 1; }
    sleep 0.2
  done
}

rolling_restart() { # run
  local result=$work/rolling-restart-$1.json
  temporal workflow execute --address $address --type RollingRestart --task-queue etcd-sop --workflow-id "rolling-restart-$1" \
    --input '{"cluster":"etcd","requestedBy":"bench","reason":"bench"}' --output json >"$result"
  grep -q '"outcome": *"DONE"' "$result" || { echo "RollingRestart did not finish DONE:" >&2; cat "$result" >&2; exit 1; }
}
naive_restart() {
  local i
  for i in "${!stops[@]}"; do bash -c "${stops[$i]}"; bash -c "${starts[$i]}"; done
}
parallel_restart() { # waits for its own commands only: a bare `wait` would wait for the writer too
  local command pids=()
  for command in "${stops[@]}"; do bash -c "$command" & pids+=($!); done
  wait "${pids[@]}"
  pids=()
  for command in "${starts[@]}"; do bash -c "$command" & pids+=($!); done
  wait "${pids[@]}"
}

# measure LABEL FUNCTION RUN: the restart under a writer that writes for 3 s before it and 3 s after the cluster is healthy.
measure() {
  local name=$work/$2-$3 start commands healthy
  await_healthy
  setsid java -jar $jar sandbox write --dir "$cluster" --stop-file "$name.stop" --report "$name.report.json" >"$name.writer.log" 2>&1 </dev/null &
  writer_pid=$!
  until grep -qs "writer: writing" "$name.writer.log"; do
    kill -0 $writer_pid 2>/dev/null || { echo "the writer did not start:" >&2; cat "$name.writer.log" >&2; exit 1; }
    sleep 0.1
  done
  sleep 3
  start=$(now)
  $2 "$3"
  commands=$(elapsed "$start")
  await_healthy
  healthy=$(elapsed "$start")
  sleep 3
  touch "$name.stop"
  wait $writer_pid || true   # a writer that lost writes exits 1; its report says how many
  writer_pid=""
  [ -f "$name.report.json" ] || { echo "the writer wrote no report:" >&2; cat "$name.writer.log" >&2; exit 1; }
  python3 - "$1, run $3:" "$name.report.json" "$commands" "$healthy" <<'PY'
import json, sys
label, report, commands, healthy = sys.argv[1], json.load(open(sys.argv[2])), sys.argv[3], sys.argv[4]
failures = "; ".join(f"{n}x {m}" for m, n in report["failures"].items())
print(f"{label:<25} failed writes {report['failed']}, longest gap {report['longestGapMs']} ms, p99 latency {report['p99LatencyMs']} ms,"
      f" restart {commands} s (healthy after {healthy} s), lost {report['lost']} of {report['acknowledged']} acknowledged"
      + (f" [{failures}]" if failures else ""))
PY
}

printf '%s\n' 'default:' '  approval: none' >"$cluster/policies.yml"
start_worker "$cluster"
temporal workflow execute --address $address --type RollingRestart --task-queue etcd-sop --workflow-id warmup \
  --input '{"cluster":"etcd","requestedBy":"bench","reason":"bench","dryRun":true}' >/dev/null   # loads the worker's code

for run in $(seq 1 "$runs"); do
  measure RollingRestart rolling_restart "$run"
  measure "naive sequential" naive_restart "$run"
  measure parallel parallel_restart "$run"
done

python3 - "$election_ms" "$work" "$runs" <<'PY'
import json, sys
election, work, runs = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
load = lambda variant: [json.load(open(f"{work}/{variant}-{run}.report.json")) for run in range(1, runs + 1)]
rolling, others = load("rolling_restart"), load("naive_restart") + load("parallel_restart")
failed, gap = sum(r["failed"] for r in rolling), max(r["longestGapMs"] for r in rolling)
met = failed == 0 and gap < election + 1000
print(f"goal: RollingRestart with 0 failed writes and a longest gap below {election + 1000} ms (election timeout {election} ms + 1 s):"
      f" {'met' if met else 'NOT met'} ({failed} failed, longest gap {gap} ms)")
lost = sum(r["lost"] for r in rolling + others)
print("acknowledged writes lost: " + ("none in any variant" if lost == 0 else f"{lost}, and an acknowledged write must never be lost"))
PY
