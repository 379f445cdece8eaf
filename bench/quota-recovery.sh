#!/usr/bin/env bash
# Benchmark: QuotaRecovery as a workflow versus the same steps as a plain etcdctl script (seed 004), on the same
# 3-member TLS cluster (16 MiB quota) refilled until NOSPACE before every run:
#  (a) QuotaRecovery with `approval: none`, from `temporal workflow execute` to its result;
#  (b) QuotaRecovery with an approver, from the `approve` update returning to the result;
#  (c) etcdctl: endpoint status, compact, defrag each member (followers, then leader), alarm disarm.
# Prints every run, the medians and the ratios. Goal: (a) and (b) within 2x of (c).
# Usage: bench/quota-recovery.sh [runs per variant, default 3]
bench_port=17233
source "$(dirname "$0")/lib.sh"
runs=${1:-3}
cluster=$work/cluster
start_temporal
sandbox_up "$cluster" 61 --quota-bytes 16777216
source "$cluster/etcd-1/etcdctl.sh"
export ETCDCTL_ENDPOINTS=https://127.0.0.61:2379,https://127.0.0.62:2379,https://127.0.0.63:2379

fill() { # writes until NOSPACE
  local value; value=$(head -c 81920 /dev/zero | tr '\0' x)
  for i in $(seq 1 800); do   # 64 MiB of revisions for a 16 MiB quota: NOSPACE well before the end
    etcdctl put "/bench/key-$((i % 20))" "$value" >/dev/null 2>&1 || break
  done
  etcdctl alarm list | grep -q NOSPACE || { echo "cluster did not reach NOSPACE" >&2; exit 1; }
}
policy() { printf '%s\n' "$@" >"$cluster/policies.yml"; }
done_or_exit() { grep -q '"outcome": *"DONE"' "$1" || { echo "run did not finish DONE:" >&2; cat "$1" >&2; exit 1; }; }

start_worker "$cluster"
policy 'default:' '  approval: none'
fill
temporal workflow execute --address $address --type QuotaRecovery --task-queue etcd-sop --workflow-id warmup \
  --input '{"cluster":"etcd","requestedBy":"bench"}' >/dev/null   # the worker's first run loads and compiles its code

unattended=(); approved=(); script=()
for run in $(seq 1 "$runs"); do
  policy 'default:' '  approval: none'
  fill
  start=$(now)
  temporal workflow execute --address $address --type QuotaRecovery --task-queue etcd-sop --workflow-id "none-$run" \
    --input '{"cluster":"etcd","requestedBy":"bench"}' --output json >"$work/none-$run.json"
  unattended+=("$(elapsed "$start")")
  done_or_exit "$work/none-$run.json"
  echo "QuotaRecovery, approval: none, run $run: ${unattended[-1]} s from start to result"

  policy 'default:' '  approval: required' '  approvers: [bob]'
  fill
  temporal workflow start --address $address --type QuotaRecovery --task-queue etcd-sop --workflow-id "approved-$run" \
    --input '{"cluster":"etcd","requestedBy":"alice"}' >/dev/null
  until temporal workflow query --address $address --workflow-id "approved-$run" --type status 2>/dev/null | grep -q AWAITING_APPROVAL; do
    sleep 0.1
  done
  start=$(now)
  temporal workflow update execute --address $address --workflow-id "approved-$run" --name approve --input '{"by":"bob"}' >/dev/null
  temporal workflow result --address $address --workflow-id "approved-$run" --output json >"$work/approved-$run.json"
  approved+=("$(elapsed "$start")")
  done_or_exit "$work/approved-$run.json"
  echo "QuotaRecovery, approved, run $run: ${approved[-1]} s from the approval to the result"

  fill
  start=$(now)
  leader=$(etcdctl endpoint status -w json | python3 -c 'import json,sys; print(next(e["Endpoint"] for e in json.load(sys.stdin) if e["Status"]["leader"]==e["Status"]["header"]["member_id"]))')
  rev=$(etcdctl endpoint status -w json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["Status"]["header"]["revision"])')
  etcdctl compact "$rev" >/dev/null
  for ep in ${ETCDCTL_ENDPOINTS//,/ }; do [ "$ep" = "$leader" ] || ETCDCTL_ENDPOINTS=$ep etcdctl defrag >/dev/null; done
  ETCDCTL_ENDPOINTS=$leader etcdctl defrag >/dev/null
  etcdctl alarm disarm >/dev/null
  script+=("$(elapsed "$start")")
  echo "etcdctl script, run $run: ${script[-1]} s"
done

summary "QuotaRecovery, approval: none (start to result)" "${unattended[@]}"
summary "QuotaRecovery, approved (approval to result)" "${approved[@]}"
summary "plain etcdctl script" "${script[@]}"
python3 - "${unattended[*]}" "${approved[*]}" "${script[*]}" <<'PY'
import statistics, sys
none, approved, script = ([float(x) for x in arg.split()] for arg in sys.argv[1:])
s = statistics.median(script)
print(f"ratio approval: none / script: {statistics.median(none) / s:.2f}x (goal: within 2x)")
print(f"ratio approved / script:       {statistics.median(approved) / s:.2f}x (goal: within 2x)")
PY
