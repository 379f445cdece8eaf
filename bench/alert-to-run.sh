#!/usr/bin/env bash
# Benchmark: Alertmanager webhook to a started run, through the gateway process of the worker jar (POST /alertmanager).
# One 1-member TLS cluster on 127.0.0.67, the worker, and the gateway (Alertmanager bearer token from a file), all on
# loopback. The alerts are what Alertmanager 0.25 posts (payload version 4), sent with curl:
#  (a) N sequential incidents of EtcdServerDown (triggers.yml: ClusterStatus): each POSTs a firing alert that began now,
#      times it until `temporal workflow describe` shows the new run of alert-ClusterStatus-etcd (running, or already
#      completed: ClusterStatus is quick), waits for the run's end, then POSTs the alert resolved. A firing alert that
#      began after the previous run closed is a new incident, so each one starts a run.
#  (b) duplicates: an EtcdQuotaFull alert starts alert-QuotaRecovery-etcd, which waits for approval; the same alert is
#      POSTed D more times (what Alertmanager's repeat sends look like), and so is the last EtcdServerDown alert after its
#      run finished. Counts the runs started by the duplicates (must be 0).
# Prints the median and p99 of (a), from the POST to the run seen by describe, and of the POST's own answer (the gateway
# answers after Temporal accepted the start). Goal: median and p99 below 1 s. Figures are printed, not asserted.
# Usage: bench/alert-to-run.sh [incidents, default 50] [duplicates, default 20]
bench_port=17242
source "$(dirname "$0")/lib.sh"
incidents=${1:-50}
duplicates=${2:-20}
cluster=$work/cluster

gateway_cleanup() {
  [ -f "$work/gateway.pid" ] && kill "$(cat "$work/gateway.pid")" 2>/dev/null || true
  bench_cleanup
}
trap gateway_cleanup EXIT

start_temporal
sandbox_up "$cluster" 67 --size 1
cp runbooks/triggers.yml "$cluster/triggers.yml"
printf '%s\n' 'default:' '  approvers: [alice, bob]' '  requiredApprovals: 1' '  requesterMayApprove: false' '  approvalTimeout: 1h' \
  >"$cluster/policies.yml"
start_worker "$cluster"

token=$work/alertmanager-token
head -c 24 /dev/urandom | base64 >"$token"
chmod 600 "$token"
gateway_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
env RUNBOOKS_DIR="$cluster" TEMPORAL_ADDRESS=$address GATEWAY_PORT="$gateway_port" ALERTMANAGER_TOKEN_FILE="$token" \
  setsid java -jar $jar gateway >"$work/gateway.log" 2>&1 </dev/null &
echo $! >"$work/gateway.pid"
until grep -q "etcd-sop gateway serving" "$work/gateway.log"; do
  kill -0 "$(cat "$work/gateway.pid")" 2>/dev/null || { cat "$work/gateway.log" >&2; exit 1; }
  sleep 0.2
done
url=http://127.0.0.1:$gateway_port/alertmanager

# alert NAME STATUS STARTS_AT [ENDS_AT]: Alertmanager's webhook body for one alert of cluster etcd, member etcd-1.
alert() {
  python3 - "$@" <<'PY'
import json, sys
name, status, starts = sys.argv[1:4]
ends = sys.argv[4] if len(sys.argv) > 4 else "0001-01-01T00:00:00Z"
labels = {"alertname": name, "cls": "etcd", "ins": "etcd-1", "ip": "127.0.0.67", "instance": "127.0.0.67:2379", "job": "etcd"}
print(json.dumps({"version": "4", "groupKey": '{}:{alertname="%s", cls="etcd"}' % name, "status": status, "receiver": "etcd-sop",
                  "groupLabels": {"alertname": name, "cls": "etcd"}, "commonLabels": labels, "commonAnnotations": {},
                  "externalURL": "http://127.0.0.1:9093", "truncatedAlerts": 0,
                  "alerts": [{"status": status, "labels": labels, "annotations": {"summary": name + " etcd (bench)"},
                              "startsAt": starts, "endsAt": ends, "generatorURL": "", "fingerprint": name.lower()[:16]}]}))
PY
}
post() { # BODY_FILE: prints the gateway's answer; fails unless it is 200
  curl -sS --fail-with-body -H "Authorization: Bearer $(cat "$token")" -H 'Content-Type: application/json' --data-binary "@$1" "$url"
}
utc_now() { date -u +%Y-%m-%dT%H:%M:%S.%3NZ; }
run_id() { temporal workflow describe --address $address --workflow-id "$1" --output json 2>/dev/null \
  | python3 -c 'import json,sys; i=json.load(sys.stdin)["workflowExecutionInfo"]; print(i["execution"]["runId"], i["status"])' || true; }
count() { temporal workflow count --address $address --query "WorkflowId='$1'" --output json | python3 -c 'import json,sys; print(json.load(sys.stdin)["count"])'; }

status_id=alert-ClusterStatus-etcd
seen=(); answered=(); previous=""
for i in $(seq 0 "$incidents"); do   # incident 0 warms up the worker and the gateway
  alert EtcdServerDown firing "$(utc_now)" >"$work/firing.json"
  start=$(now)
  post "$work/firing.json" >"$work/answer.json"
  answer_at=$(now)
  grep -q '"started"' "$work/answer.json" || { echo "incident $i started nothing:" >&2; cat "$work/answer.json" >&2; exit 1; }
  until current=$(run_id "$status_id") && [ -n "$current" ] && [ "${current%% *}" != "$previous" ] \
        && [[ "${current#* }" =~ RUNNING|COMPLETED ]]; do :; done
  seen_at=$(now)
  previous=${current%% *}
  temporal workflow result --address $address --workflow-id "$status_id" >/dev/null
  alert EtcdServerDown resolved "$(utc_now)" "$(utc_now)" >"$work/resolved.json"
  post "$work/resolved.json" >/dev/null
  [ "$i" -eq 0 ] && continue
  seen+=("$(python3 -c "print(round($seen_at - $start, 3))")")
  answered+=("$(python3 -c "print(round($answer_at - $start, 3))")")
done
echo "runs of $status_id: $(count "$status_id") for $incidents incidents + 1 warm-up"
summary "EtcdServerDown POST -> run seen by temporal workflow describe" "${seen[@]}"
summary "EtcdServerDown POST -> gateway answered 'started'" "${answered[@]}"

quota_id=alert-QuotaRecovery-etcd
alert EtcdQuotaFull firing "$(utc_now)" >"$work/quota.json"
post "$work/quota.json" >/dev/null
until temporal workflow query --address $address --workflow-id "$quota_id" --type status 2>/dev/null | grep -q AWAITING_APPROVAL; do
  sleep 0.1
done
before_quota=$(count "$quota_id"); before_status=$(count "$status_id")
reused=0; ignored=0
for d in $(seq 1 "$duplicates"); do
  post "$work/quota.json" | grep -q '"reused"' && reused=$((reused + 1))
  post "$work/firing.json" | grep -q '"ignored"' && ignored=$((ignored + 1))
done
new_runs=$(( $(count "$quota_id") - before_quota + $(count "$status_id") - before_status ))
echo "duplicates: $duplicates of EtcdQuotaFull while $quota_id waits for approval (answered reused: $reused)," \
  "$duplicates of EtcdServerDown after its run finished (answered ignored: $ignored)"
echo "new runs started by $((2 * duplicates)) duplicate alerts: $new_runs (must be 0)"
temporal workflow update execute --address $address --workflow-id "$quota_id" --name reject \
  --input '{"by":"bob","comment":"bench over"}' >/dev/null
