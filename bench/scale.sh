#!/usr/bin/env bash
# Benchmark: how ONE worker scales with many clusters, many waiting runs and many runs in a row.
# Setup: N sandboxes (3 TLS members each, 16 MiB quota) on 127.0.0.211..240, declared in one combined runbooks directory
# as clusters etcd-a, etcd-b, ... (the sandbox always names its cluster "etcd": see combined_inventory below).
#  1. QuotaRecovery (`approval: none`) on every cluster at once, each filled until NOSPACE as bench/quota-recovery.sh
#     does, against one cluster alone (after a warm-up run): wall time of each and the ratio (N x would mean no overlap).
#  2. W QuotaRecovery runs that need approval, spread over the clusters: per cluster one run holds the lock and waits
#     in AWAITING_APPROVAL, the others wait for the lock. Worker RSS, threads and open fds before starting them and once
#     all wait (goal: RSS under 512 MB); then they are terminated.
#  3. S ClusterStatus runs in a row over the clusters: RSS, threads and fds before, every S/4 runs and after (goal: flat).
# Usage: bench/scale.sh [clusters, default 10, at most 10] [waiting runs, default 200] [ClusterStatus runs, default 1000]
# Set BENCH_JAR to run a copy of the worker jar (e.g. while it is being rebuilt).
bench_port=17240
source "$(dirname "$0")/lib.sh"
clusters=${1:-10}
waiting=${2:-200}
status_runs=${3:-1000}
((clusters >= 1 && clusters <= 10)) || { echo "clusters: 1 to 10 (addresses 127.0.0.211..240)" >&2; exit 2; }
letters=(a b c d e f g h i j)
names=()
for i in $(seq 0 $((clusters - 1))); do names+=("etcd-${letters[$i]}"); done
runbooks=$work/runbooks

endpoints() { # cluster index: its members' client URLs, comma-separated
  local first=$((211 + 3 * $1))
  echo "https://127.0.0.$first:2379,https://127.0.0.$((first + 1)):2379,https://127.0.0.$((first + 2)):2379"
}

# combined_inventory: one inventory.yml declaring every sandbox's cluster under its own name. A sandbox's inventory holds
# absolute paths (data, certificates, service commands, the client TLS of its own CA), so only the group and etcd_cluster
# are renamed; member names become etcd-a-1 ... in the worker's eyes while etcd calls them etcd-1 ...: members are matched
# by URL, so only labels differ.
combined_inventory() {
  mkdir -p "$runbooks"
  { echo "all:"; echo "  children:"
    for i in "${!names[@]}"; do
      sed -n '/^  children:$/,$p' "$work/sandbox-$i/inventory.yml" | tail -n +2 \
        | sed -e "s/^    etcd:\$/    ${names[$i]}:/" -e "s/^        etcd_cluster: etcd\$/        etcd_cluster: ${names[$i]}/"
    done; } >"$runbooks/inventory.yml"
  [ "$(grep -c '^        etcd_cluster: etcd-' "$runbooks/inventory.yml")" -eq "$clusters" ] \
    || { echo "combined inventory lacks a cluster:" >&2; cat "$runbooks/inventory.yml" >&2; exit 1; }
}

fill() { # cluster index: writes until NOSPACE, as bench/quota-recovery.sh fresh_cluster does (a failed put that is not NOSPACE is retried)
  ( source "$work/sandbox-$1/etcd-1/etcdctl.sh"
    export ETCDCTL_ENDPOINTS; ETCDCTL_ENDPOINTS=$(endpoints "$1")
    local value; value=$(head -c 81920 /dev/zero | tr '\0' x)
    for i in $(seq 1 400); do
      etcdctl put "/bench/key-$((i % 20))" "$value" >/dev/null 2>&1 || ! grep -q NOSPACE <<<"$(etcdctl alarm list 2>/dev/null)" || break
    done
    grep -q NOSPACE <<<"$(etcdctl alarm list)" || { echo "${names[$1]} did not reach NOSPACE" >&2; exit 1; } )
}

fill_all() { # cluster indexes: filled in parallel
  local pids=() pid
  for i in "$@"; do fill "$i" & pids+=($!); done
  for pid in "${pids[@]}"; do wait "$pid"; done
}

policy() { # approval none | required
  if [ "$1" = none ]; then printf 'default:\n  approval: none\n'
  else printf 'default:\n  approval: required\n  approvers: [alice, bob]\n  requiredApprovals: 1\n  requesterMayApprove: false\n  approvalTimeout: 4h\n'
  fi >"$runbooks/policies.yml"
}

recovery() { # workflow id, cluster name: one QuotaRecovery to its result, must end DONE; prints its seconds
  local start; start=$(now)
  temporal workflow execute --address $address --type QuotaRecovery --task-queue etcd-sop --workflow-id "$1" \
    --input "{\"cluster\":\"$2\",\"requestedBy\":\"bench\"}" --output json >"$work/$1.json"
  grep -q '"outcome": *"DONE"' "$work/$1.json" || { echo "$1 did not finish DONE:" >&2; cat "$work/$1.json" >&2; exit 1; }
  elapsed "$start"
}

worker_pid() { # the worker's JVM (lib.sh records the pid it started; setsid may have forked)
  local pid; pid=$(cat "$work/worker.pid")
  [ "$(cat /proc/$pid/comm)" = java ] && echo "$pid" || pgrep -P "$pid" -x java
}

usage=() # the last figures of usage: RSS in MB, threads, open fds
usage() { # label: prints the worker's resident memory, threads and open file descriptors
  local pid; pid=$(worker_pid)
  usage=("$(awk '/^VmRSS:/ {print int($2 / 1024)}' /proc/$pid/status)" "$(awk '/^Threads:/ {print $2}' /proc/$pid/status)"
    "$(ls /proc/$pid/fd | wc -l)")
  printf '%-40s RSS %5d MB, %4d threads, %4d open fds\n' "$1" "${usage[@]}"
}

growth() { # label, RSS, threads, fds of an earlier usage: the change since
  printf '%-40s RSS %+5d MB, %+4d threads, %+4d open fds\n' "$1" $((usage[0] - $2)) $((usage[1] - $3)) $((usage[2] - $4))
}

running() { # visibility query: count of running executions
  temporal workflow count --address $address --query "$1 AND ExecutionStatus = 'Running'" --output json \
    | python3 -c 'import json,sys; print(int(json.load(sys.stdin).get("count", 0)))'
}

await() { # description, timeout seconds, command...: polls the command until it succeeds
  local what=$1 deadline=$(( $(date +%s) + $2 )); shift 2
  until "$@"; do
    (( $(date +%s) < deadline )) || { echo "timed out waiting for $what" >&2; exit 1; }
    sleep 0.5
  done
}

# --- setup -------------------------------------------------------------------------------------------------------------
start_temporal
for i in "${!names[@]}"; do sandbox_up "$work/sandbox-$i" $((211 + 3 * i)) --quota-bytes 16777216; done
combined_inventory
policy none
start_worker "$runbooks"
echo "$clusters clusters (${names[*]}), $((3 * clusters)) etcd members, one worker (pid $(worker_pid))"
usage "idle worker"

# --- 1. QuotaRecovery on every cluster at once versus one alone -------------------------------------------------------
fill_all "${!names[@]}"
recovery warmup "${names[0]}" >/dev/null
fill 0
single=$(recovery single "${names[0]}")
echo "QuotaRecovery on ${names[0]} alone: $single s"
fill 0
start=$(now)
pids=()
for i in "${!names[@]}"; do recovery "all-$i" "${names[$i]}" >"$work/all-$i.time" & pids+=($!); done
for pid in "${pids[@]}"; do wait "$pid" || true; done
total=$(elapsed "$start")
mapfile -t times < <(cat "$work"/all-*.time)
[ "${#times[@]}" -eq "$clusters" ] || { echo "only ${#times[@]} of $clusters concurrent runs finished DONE" >&2; exit 1; }
summary "QuotaRecovery, $clusters clusters at once, per run" "${times[@]}"
echo "QuotaRecovery on $clusters clusters at once: $total s wall time"
echo "ratio $clusters at once / one alone: $(python3 -c "print(round($total / $single, 2))")x (one after the other: ${clusters}x)"
usage "after QuotaRecovery"

# --- 2. runs waiting for approval -------------------------------------------------------------------------------------
policy required
usage "before $waiting waiting runs"
before=("${usage[@]}")
start=$(now)
for run in $(seq 0 $((waiting - 1))); do echo "wait-$run ${names[$((run % clusters))]}"; done \
  | xargs -P 4 -n 2 sh -c 'temporal workflow start --address "$0" --type QuotaRecovery --task-queue etcd-sop --workflow-id "$1" \
      --input "{\"cluster\":\"$2\",\"requestedBy\":\"bench\"}" >/dev/null' "$address"
echo "started $waiting runs in $(elapsed "$start") s"

all_waiting() { # every run tagged and running; per cluster, the lock holder awaits approval and the others queue
  [ "$(running "EtcdSop = 'QuotaRecovery'")" -eq "$waiting" ] || return 1
  python3 - "$address" "$waiting" "${names[@]}" <<'PY'
import json, subprocess, sys
address, waiting, names = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
def query(workflow_id, name):
    out = subprocess.run(["temporal", "workflow", "query", "--address", address, "--workflow-id", workflow_id, "--type", name,
                          "--output", "json"], capture_output=True, text=True)
    if out.returncode != 0:
        return None
    result = json.loads(out.stdout)["queryResult"]
    return result[0] if isinstance(result, list) else result
for i, name in enumerate(names):
    expected = len(range(i, waiting, len(names)))
    if expected == 0:
        continue
    lock = query("etcd-sop-lock-" + name, "state")
    if not lock or not lock.get("holder") or len(lock.get("queue") or []) != expected - 1:
        sys.exit(1)
    holder = query(lock["holder"]["workflowId"], "status")
    if not holder or holder.get("phase") != "AWAITING_APPROVAL":
        sys.exit(1)
PY
}
await "$waiting runs to wait" 600 all_waiting
echo "all $waiting runs waiting after $(elapsed "$start") s: $(( clusters < waiting ? clusters : waiting )) for approval, the others for their cluster's lock"
usage "$waiting runs waiting"
growth "growth with $waiting runs waiting" "${before[@]}"
echo "goal: RSS under 512 MB with $waiting runs waiting: $( ((usage[0] < 512)) && echo met || echo MISSED) (${usage[0]} MB)"
temporal workflow terminate --address $address --query "WorkflowType = 'QuotaRecovery' AND ExecutionStatus = 'Running'" \
  --reason "bench/scale.sh done" --yes >/dev/null
for name in "${names[@]}"; do
  temporal workflow terminate --address $address --workflow-id "etcd-sop-lock-$name" --reason "bench/scale.sh done" >/dev/null 2>&1 || true
done
no_run_left() { [ "$(running "WorkflowType IN ('QuotaRecovery', 'ClusterLock')")" -eq 0 ]; }
await "the runs to terminate" 300 no_run_left
usage "after terminating them"

# --- 3. ClusterStatus runs in a row -----------------------------------------------------------------------------------
every=$(( status_runs >= 4 ? status_runs / 4 : 1 ))
usage "before $status_runs ClusterStatus runs"
before=("${usage[@]}")
times=()
for run in $(seq 1 "$status_runs"); do
  name=${names[$(( (run - 1) % clusters ))]}
  start=$(now)
  temporal workflow execute --address $address --type ClusterStatus --task-queue etcd-sop --workflow-id "status-$run" \
    --input "{\"cluster\":\"$name\"}" --output json >"$work/status.json"
  times+=("$(elapsed "$start")")
  grep -q '"healthy": *true' "$work/status.json" || { echo "ClusterStatus $run on $name not healthy:" >&2; cat "$work/status.json" >&2; exit 1; }
  if (( run % every == 0 )); then usage "after $run ClusterStatus runs"; fi
done
if (( status_runs % every != 0 )); then usage "after $status_runs ClusterStatus runs"; fi
growth "growth over $status_runs runs (goal: flat)" "${before[@]}"
summary "ClusterStatus in a row" "${times[@]}"
