#!/usr/bin/env node
// `npm run bench`: starts the local stack (unless endpoints are given in the environment),
// builds, and runs bench/run.ts from the build. Results: bench/results/latest.json.
// BENCH_EXCHANGES (default 20000), BENCH_PHASE_SECONDS (20), BENCH_CONCURRENCY (64) tune it.
// `--web` runs bench/web-run.ts instead: the web application's first load (bench/results/web-latest.json).
// `--amqp` runs bench/amqp-run.ts: the back-office bridge's leg alone (bench/results/amqp-latest.json).
// `--hub` runs bench/hub-run.ts: the hub alone, with the transport baseline (bench/results/hub-latest.json).
// `--pipeline` runs bench/pipeline-run.ts: the pipeline's phases alone, to measure one change (bench/results/pipeline-latest.json).
// `--history` runs bench/history-run.ts: retention, access and proof reports over 600,000 closed exchanges (bench/results/history-latest.json).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { amqpAdminUrls, up } from './stack.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { KAFKA_BROKERS, SCHEMA_REGISTRY_URL, DATABASE_URL, KAFKA_CREDENTIALS_FILE, AMQP_URL, AMQP_MANAGEMENT_URL } = process.env;
const given = KAFKA_BROKERS && SCHEMA_REGISTRY_URL && DATABASE_URL;
const endpoints = given
  ? { kafkaBrokers: KAFKA_BROKERS, schemaRegistryUrl: SCHEMA_REGISTRY_URL, databaseUrl: DATABASE_URL, kafkaCredentialsFile: KAFKA_CREDENTIALS_FILE }
  : await up();
// RabbitMQ (the AMQP leg): given, or the local stack's.
Object.assign(endpoints, AMQP_URL && AMQP_MANAGEMENT_URL ? { amqpUrl: AMQP_URL, amqpManagementUrl: AMQP_MANAGEMENT_URL } : given ? (await up(['rabbitmq']), amqpAdminUrls()) : amqpAdminUrls());
const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(1);
const leg = { '--web': 'dist/bench/web-run.js', '--amqp': 'dist/bench/amqp-run.js', '--hub': 'dist/bench/hub-run.js', '--pipeline': 'dist/bench/pipeline-run.js', '--history': 'dist/bench/history-run.js' };
const script = Object.entries(leg).find(([flag]) => process.argv.includes(flag))?.[1] ?? 'dist/bench/run.js';
const run = spawnSync(process.execPath, [join(root, script)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, BENCH_ENDPOINTS: JSON.stringify(endpoints) },
});
process.exit(run.status ?? 1);
