#!/usr/bin/env bash
# The one test command (README, .ci/run): installs what is missing, starts MariaDB,
# type-checks, builds the H5 and weapp bundles, and runs every Jest project.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-system.sh
if [ ! -d node_modules/.bin ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[jiayi] npm install"
  npm install --no-audit --no-fund
fi

export TEST_DATABASE_URL="${TEST_DATABASE_URL:-mysql://${JIAYI_TEST_DB_USER:-jiayi}:${JIAYI_TEST_DB_PASSWORD:-jiayi}@127.0.0.1:3306}"

echo "[jiayi] type-check (API, libraries, tests; mini-program)"
npx tsc -p tsconfig.json --noEmit
npx tsc -p apps/miniprogram/tsconfig.json

echo "[jiayi] lint and format"
npx eslint .
npx prettier --check . >/dev/null || { npx prettier --list-different .; echo "[jiayi] run: npx prettier --write ."; exit 1; }

echo "[jiayi] build API, H5 and weapp"
npm run build --workspace @jiayi/api
npm run build:h5 --workspace @jiayi/miniprogram
npm run build:weapp --workspace @jiayi/miniprogram

echo "[jiayi] jest"
npx jest --ci --testPathIgnorePatterns database-faults "$@"

# Alone, on a quiet machine: it kills and restarts its own MariaDB and measures seconds.
echo "[jiayi] jest: the database-fault test"
npx jest --ci apps/api/test/database-faults.spec.ts
