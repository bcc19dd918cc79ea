#!/usr/bin/env bash
# npm run test:cluster: starts the three-node Galera cluster (scripts/galera.sh), runs the races of
# apps/api/test/cluster with two API instances on two nodes, stops the cluster (KEEP_GALERA=1 keeps it).
set -uo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
bash scripts/galera.sh start || exit 1
npx jest -c jest.cluster.config.js --ci "$@"
status=$?
[ "${KEEP_GALERA:-}" = 1 ] || bash scripts/galera.sh stop
echo "[jiayi] test:cluster took $(( $(date +%s) - started )) s"
exit $status
