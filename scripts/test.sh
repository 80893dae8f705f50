#!/usr/bin/env bash
# `npm test`: type check, unit tests (pure logic), then integration tests against real Kafka,
# Apicurio Registry and Postgres (test/stack/global-setup.ts starts them when not given).
set -euo pipefail
cd "$(dirname "$0")/.."

[ -d node_modules ] || npm ci --no-audit --no-fund

echo "== type check"
npx tsc --noEmit -p tsconfig.json
npx tsc -p apps/web/tsconfig.json
echo "== build, and the web client's types checked against the API"
# Also builds the web application (dist/web), which the nodes of the browser tests serve under /app/.
npm run build --silent
node scripts/api-generate.mjs --check
echo "== unit tests"
npx jest --selectProjects unit
echo "== integration tests"
# One worker: the flows share one broker and start several NestJS apps each.
npx jest --selectProjects integration --runInBand
