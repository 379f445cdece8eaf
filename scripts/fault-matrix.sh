#!/usr/bin/env bash
# The full fault matrix of issue 10: for QuotaRecovery, AddMember and RemoveMember, a run without a fault, then one
# run per point of its history (the worker SIGKILLed before, during and after each activity; Temporal restarted and
# an etcd member killed during the long ones), each on fresh etcd on 127.0.0.191-194. Prints the table of
# SOP x point -> expected / got and fails if a cell is not as expected. It takes hours; pass a filter to run a part:
#   scripts/fault-matrix.sh 'AddMember AddLearner'
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
mvn -B -q -DskipTests install
mvn -B -pl worker verify -Dit.test=FaultMatrixIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dfault.matrix=full "-Dfault.matrix.only=${1:-.*}" "${@:2}"
