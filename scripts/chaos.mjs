#!/usr/bin/env node
// `npm run chaos`: builds the server, then runs chaos/run.ts from the build. It starts a stack of
// its own (three brokers by default, state in a new temporary folder, ports from 24092), two hub
// instances and nodes DE, FR, ES, drives requests and alerts while killing things, verifies,
// and writes chaos/results/latest.json. Options: --requests --alerts --brokers --hubs --seed
// --hostile --concurrency --faults-per-kind --max-faults --kinds --base-port --state-dir --out --keep-stack.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const build = spawnSync('npm', ['run', '--silent', 'build:server'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(1);
const run = spawnSync(process.execPath, [join(root, 'dist', 'chaos', 'run.js'), ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(run.status ?? 1);
