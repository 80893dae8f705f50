#!/usr/bin/env node
// The main job: brings up the local stack, then the hub, three national nodes (DE, FR, ES) and
// the Commission's node (EC) with the demo network's competent authorities, and prints how to
// reach them.
// Each node runs its back-office bridge on a RabbitMQ vhost of its own, with one demo system.
// Ctrl-C stops the hub and the nodes; `npm run stack -- down` stops Kafka, Apicurio, Postgres, RabbitMQ.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { amqpAdminUrls, up } from './stack.mjs';

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
// The heap size hub and nodes run with (README, Benchmark): left to itself V8 grows the heap
// lazily towards gigabytes on a large machine; 192 MB holds a node's working set and the whole
// directory, and keeps each process under 256 MB resident.
const HEAP_FLAG = '--max-old-space-size=192';

function startProcess(name, script, env) {
  // One readable line per event for the person at the terminal; LOG_FORMAT=json gives what a deployment logs.
  const logFormat = { LOG_FORMAT: process.env.LOG_FORMAT ?? 'pretty' };
  const child = spawn(process.execPath, [HEAP_FLAG, script], { cwd: root, env: { ...process.env, ...logFormat, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = `[${name}] `;
  for (const stream of [child.stdout, child.stderr]) {
    stream.on('data', (chunk) => process.stdout.write(chunk.toString().split('\n').filter(Boolean).map((l) => prefix + l).join('\n') + '\n'));
  }
  children.push(child);
  return child;
}

/** An AMQP URL without its password, for printing beside the user name. */
function redacted(url) {
  const u = new URL(url);
  u.password = '';
  return u.toString().replace(/:@/, '@');
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
  const { KAFKA_BROKERS, SCHEMA_REGISTRY_URL, DATABASE_URL, KAFKA_CREDENTIALS_FILE, AMQP_URL, AMQP_MANAGEMENT_URL } = process.env;
  if (KAFKA_BROKERS && SCHEMA_REGISTRY_URL && DATABASE_URL) {
    const amqp = AMQP_URL && AMQP_MANAGEMENT_URL ? { amqpUrl: AMQP_URL, amqpManagementUrl: AMQP_MANAGEMENT_URL } : (await up(['rabbitmq']), amqpAdminUrls());
    return { kafkaBrokers: KAFKA_BROKERS, schemaRegistryUrl: SCHEMA_REGISTRY_URL, databaseUrl: DATABASE_URL, kafkaCredentialsFile: KAFKA_CREDENTIALS_FILE, amqpAdmin: amqp };
  }
  return { ...(await up()), amqpAdmin: amqpAdminUrls() };
}

/** The demo back-office system of each node: the first authority of the demo network's node, with the request roles. */
const DEMO_SYSTEMS = { DE: 'DE-BE-AEK', FR: 'FR-CNOM', ES: 'ES-MSAN', EC: 'EC-GROW' };

/**
 * Each node's vhost and AMQP user (`node:back-office setup`), and one demo system per node
 * (`node:back-office add-system`), the way an operator connects a national register. Fresh
 * passwords at every start; the systems' credentials go to .keys/back-office-systems.json.
 */
async function setUpBackOffice(amqpAdmin, adminUrl, file) {
  const cli = join(root, 'dist/apps/node/src/back-office-cli.js');
  const nodes = {};
  const systems = {};
  for (const { code } of NODES) {
    const env = { ...process.env, NODE_COUNTRY: code, AMQP_URL: amqpAdmin.amqpUrl, AMQP_MANAGEMENT_URL: amqpAdmin.amqpManagementUrl };
    const setup = spawnSync(process.execPath, [cli, 'setup'], { cwd: root, env, encoding: 'utf8' });
    if (setup.status !== 0) throw new Error(`back-office setup for ${code}: ${setup.stderr.trim()}`);
    nodes[code] = JSON.parse(setup.stdout).amqpUrl;
    const databaseUrl = await ensureDatabase(adminUrl, `node_${code.toLowerCase()}`);
    const added = spawnSync(process.execPath, [cli, 'add-system', '--id', `${code.toLowerCase()}-demo`, '--authority', DEMO_SYSTEMS[code], '--roles', 'case-handler,allocator'],
      { cwd: root, env: { ...env, DATABASE_URL: databaseUrl }, encoding: 'utf8' });
    if (added.status !== 0) throw new Error(`back-office demo system for ${code}: ${added.stderr.trim()}`);
    systems[code] = JSON.parse(added.stdout);
  }
  writeFileSync(file, JSON.stringify(systems, null, 2), { mode: 0o600 });
  return { nodes, systems };
}

/**
 * One demo user per authority, with every role, created with the node CLI the way an operator
 * creates an authority's first administrator. Credentials go to .keys/demo-users.json (for
 * `npm run demo`); users already in the node's database are kept.
 */
async function ensureDemoUsers(plan, adminUrl, file) {
  const known = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const users = {};
  for (const node of plan.nodes) {
    const databaseUrl = await ensureDatabase(adminUrl, `node_${node.code.toLowerCase()}`);
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    for (const authority of node.authorities) {
      const kept = known[authority.id];
      if (kept && (await client.query(`SELECT 1 FROM users WHERE lower(email) = lower($1) AND authority_id = $2 AND status = 'active'`, [kept.email, authority.id])).rowCount === 1) {
        users[authority.id] = kept;
        continue;
      }
      const email = `demo@${authority.id.toLowerCase()}.example`;
      const result = spawnSync(process.execPath, [join(root, 'dist/apps/node/src/users-cli.js'), 'add', '--authority', authority.id, '--email', email, '--name', 'Demo User',
        '--roles', 'case-handler,allocator,authority-administrator,coordinator,observer,data-protection-contact'],
      { cwd: root, env: { ...process.env, DATABASE_URL: databaseUrl, NODE_COUNTRY: node.code }, encoding: 'utf8' });
      if (result.status !== 0) throw new Error(`demo user for ${authority.id}: ${result.stderr.trim()}`);
      const { password, totpSecret } = JSON.parse(result.stdout);
      users[authority.id] = { node: node.code, email, password, totpSecret };
    }
    await client.end();
  }
  writeFileSync(file, JSON.stringify(users, null, 2), { mode: 0o600 });
}

async function main() {
  const endpoints = await stackEndpoints();
  if (!existsSync(join(root, 'dist/apps/hub/src/main.js')) || process.env.REBUILD !== '0') run('npm', ['run', '--silent', 'build']);

  const keys = join(root, '.keys');
  const cli = join(root, 'dist/apps/hub/src/cli.js');
  const hubDb = await ensureDatabase(endpoints.databaseUrl, 'hub');
  run(process.execPath, [cli, 'keys', 'hub', '--out', join(keys, 'hub')]);
  run(process.execPath, [cli, 'provision', '--network', join(root, 'config/demo-network.json'), '--keys', keys], { DATABASE_URL: hubDb });

  const backOffice = await setUpBackOffice(endpoints.amqpAdmin, endpoints.databaseUrl, join(keys, 'back-office-systems.json'));
  const common = { KAFKA_BROKERS: endpoints.kafkaBrokers, SCHEMA_REGISTRY_URL: endpoints.schemaRegistryUrl };
  const kafkaUsers = endpoints.kafkaCredentialsFile ? JSON.parse(readFileSync(endpoints.kafkaCredentialsFile, 'utf8')) : null;
  /** Each process connects to Kafka as its own SASL/SCRAM user; the broker's ACLs hold each node to its own topics. */
  const kafkaUser = (user) => (user ? { KAFKA_USERNAME: user.username, KAFKA_PASSWORD: user.password, KAFKA_SASL_MECHANISM: kafkaUsers.mechanism } : {});
  const hub = startProcess('hub', join(root, 'dist/apps/hub/src/main.js'), { ...common, ...kafkaUser(kafkaUsers?.hub), DATABASE_URL: hubDb, HUB_KEYS_DIR: join(keys, 'hub'), PORT: String(HUB_PORT) });
  await waitFor(`http://127.0.0.1:${HUB_PORT}/health`, 'hub', hub);
  await Promise.all(NODES.map(async ({ code, port }) => {
    const child = startProcess(`node ${code}`, join(root, 'dist/apps/node/src/main.js'), {
      ...common,
      ...kafkaUser(kafkaUsers?.nodes[code]),
      NODE_COUNTRY: code,
      DATABASE_URL: await ensureDatabase(endpoints.databaseUrl, `node_${code.toLowerCase()}`),
      NODE_KEYS_DIR: join(keys, code),
      HUB_PUBLIC_KEY_FILE: join(keys, 'hub', 'public.json'),
      PORT: String(port),
      AMQP_URL: backOffice.nodes[code],
    });
    await waitFor(`http://127.0.0.1:${port}/health`, `node ${code}`, child);
  }));

  const plan = JSON.parse(readFileSync(join(root, 'config/demo-network.json'), 'utf8'));
  await ensureDemoUsers(plan, endpoints.databaseUrl, join(keys, 'demo-users.json'));
  console.log(`
The network is up (Ctrl-C stops hub and nodes; \`npm run stack -- down\` stops the stack).

  hub       http://127.0.0.1:${HUB_PORT}   (GET /trust-list: the signed trust list)
${NODES.map(({ code, port }) => `  node ${code}   http://127.0.0.1:${port}   web: http://127.0.0.1:${port}/app/   OpenAPI: http://127.0.0.1:${port}/api-docs   authorities: ${plan.nodes.find((n) => n.code === code).authorities.map((a) => a.id).join(', ')}`).join('\n')}

Prometheus metrics (text format, no session; scrape configuration deploy/prometheus/prometheus.yml, Grafana dashboard deploy/grafana/imi-network.json):
  hub       http://127.0.0.1:${HUB_PORT}/metrics
${NODES.map(({ code, port }) => `  node ${code}   http://127.0.0.1:${port}/metrics`).join('\n')}
Health: GET /health/live and /health/ready on each. The network per member state (last message, inbox lag,
rejections, trust list acknowledged, key epochs): npm run hub:cli -- status

Back-office bridge (AMQP 0-9-1; AsyncAPI at /asyncapi.json on each node), one demo system per node:
${NODES.map(({ code }) => { const s = backOffice.systems[code]; return `  node ${code}   ${redacted(s.amqpUrl)}   system ${s.system} for ${s.authority}: user ${s.username}, password ${s.password}`; }).join('\n')}
  (credentials also in .keys/back-office-systems.json; commands to imi.system.<id>.commands, replies and events from imi.system.<id>.replies / .events)

Kafka ${endpoints.kafkaBrokers}, schema registry ${endpoints.schemaRegistryUrl}, Postgres ${new URL(endpoints.databaseUrl).host}, RabbitMQ ${new URL(endpoints.amqpAdmin.amqpUrl).host}.
Every REST call needs a session: POST /sessions with email, password and the current one-time
code (RFC 6238) gives a 15-minute token for "Authorization: Bearer". One demo user per authority
(every role) is in .keys/demo-users.json.
Try the guidelines' first example (the French order of doctors asks Berlin to confirm a diploma):
  npm run demo
and the same between the two member states' back-office systems, over AMQP only:
  npm run demo:back-office
`);
}

main().catch((error) => {
  console.error(`start failed: ${error.message}`);
  stopAll();
  process.exit(1);
});
