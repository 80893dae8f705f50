#!/usr/bin/env node
// The main job: brings up the local stack, then the hub, three national nodes (DE, FR, ES) and
// the Commission's node (EC) with the demo network's competent authorities, and prints how to
// reach them.
// Ctrl-C stops the hub and the nodes; `npm run stack -- down` stops Kafka, Apicurio, Postgres.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { up } from './stack.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const NODES = [
  { code: 'DE', port: 3001 },
  { code: 'FR', port: 3002 },
  { code: 'ES', port: 3003 },
  { code: 'EC', port: 3004 },
];
const HUB_PORT = 3000;

function run(cmd, args, env = {}) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed`);
}

async function ensureDatabase(adminUrl, name) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (rowCount === 0) await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function waitFor(url, name, child) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${name} did not become ready at ${url}`);
}

const children = [];
function startProcess(name, script, env) {
  const child = spawn(process.execPath, [script], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = `[${name}] `;
  for (const stream of [child.stdout, child.stderr]) {
    stream.on('data', (chunk) => process.stdout.write(chunk.toString().split('\n').filter(Boolean).map((l) => prefix + l).join('\n') + '\n'));
  }
  children.push(child);
  return child;
}

function stopAll() {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
}
process.on('SIGINT', () => {
  stopAll();
  process.exit(0);
});
process.on('SIGTERM', () => {
  stopAll();
  process.exit(0);
});

/** Endpoints given in the environment (e.g. docker compose) are used as they are; else the local stack. */
async function stackEndpoints() {
  const { KAFKA_BROKERS, SCHEMA_REGISTRY_URL, DATABASE_URL } = process.env;
  if (KAFKA_BROKERS && SCHEMA_REGISTRY_URL && DATABASE_URL) {
    return { kafkaBrokers: KAFKA_BROKERS, schemaRegistryUrl: SCHEMA_REGISTRY_URL, databaseUrl: DATABASE_URL };
  }
  return up();
}

async function main() {
  const endpoints = await stackEndpoints();
  if (!existsSync(join(root, 'dist/apps/hub/src/main.js')) || process.env.REBUILD !== '0') run('npm', ['run', '--silent', 'build']);

  const keys = join(root, '.keys');
  const cli = join(root, 'dist/apps/hub/src/cli.js');
  const hubDb = await ensureDatabase(endpoints.databaseUrl, 'hub');
  run(process.execPath, [cli, 'keys', 'hub', '--out', join(keys, 'hub')]);
  run(process.execPath, [cli, 'provision', '--network', join(root, 'config/demo-network.json'), '--keys', keys], { DATABASE_URL: hubDb });

  const common = { KAFKA_BROKERS: endpoints.kafkaBrokers, SCHEMA_REGISTRY_URL: endpoints.schemaRegistryUrl };
  const hub = startProcess('hub', join(root, 'dist/apps/hub/src/main.js'), { ...common, DATABASE_URL: hubDb, HUB_KEYS_DIR: join(keys, 'hub'), PORT: String(HUB_PORT) });
  await waitFor(`http://127.0.0.1:${HUB_PORT}/health`, 'hub', hub);
  await Promise.all(NODES.map(async ({ code, port }) => {
    const child = startProcess(`node ${code}`, join(root, 'dist/apps/node/src/main.js'), {
      ...common,
      NODE_COUNTRY: code,
      DATABASE_URL: await ensureDatabase(endpoints.databaseUrl, `node_${code.toLowerCase()}`),
      NODE_KEYS_DIR: join(keys, code),
      HUB_PUBLIC_KEY_FILE: join(keys, 'hub', 'public.json'),
      PORT: String(port),
    });
    await waitFor(`http://127.0.0.1:${port}/health`, `node ${code}`, child);
  }));

  const plan = JSON.parse(readFileSync(join(root, 'config/demo-network.json'), 'utf8'));
  console.log(`
The network is up (Ctrl-C stops hub and nodes; \`npm run stack -- down\` stops the stack).

  hub       http://127.0.0.1:${HUB_PORT}   (GET /trust-list: the signed trust list)
${NODES.map(({ code, port }) => `  node ${code}   http://127.0.0.1:${port}   OpenAPI: http://127.0.0.1:${port}/api-docs   authorities: ${plan.nodes.find((n) => n.code === code).authorities.map((a) => a.id).join(', ')}`).join('\n')}

Kafka ${endpoints.kafkaBrokers}, schema registry ${endpoints.schemaRegistryUrl}, Postgres ${new URL(endpoints.databaseUrl).host}.
Every REST call names the authority it acts for in the header x-authority-id.
Try the guidelines' first example (the French order of doctors asks Berlin to confirm a diploma):
  npm run demo
`);
}

main().catch((error) => {
  console.error(`start failed: ${error.message}`);
  stopAll();
  process.exit(1);
});
