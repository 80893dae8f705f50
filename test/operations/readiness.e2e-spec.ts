import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publicKeySet } from '@imi/envelope';
import { kafkaUserFromFile } from '@imi/messaging';
import { Database, migrate } from '@imi/persistence';
import { ensureKeys, provision } from '../../apps/hub/src/operator/provision';
import { eventually } from '../flows/http';
import { createDatabase, stackEndpoints, uniqueId } from '../stack/endpoints';
import { freePort } from '../stack/free-port';
import { PrivateKafka } from './private-kafka';
import { NetworkProcess } from './process-network';

const ROOT = join(__dirname, '../..');

/**
 * Liveness and readiness of the shipped processes (hub and node built from the sources, each in a
 * process of its own) on a Kafka broker of the test's own: a node started before the hub waits for
 * its grant and its first trust list alive but unready; a broker outage makes hub and node unready
 * without a restart, and ready again once the broker is back. The registry and Postgres are the
 * stack's, left alone.
 */
describe('readiness around a Kafka outage', () => {
  let kafka: PrivateKafka;
  let buildDir: string;
  let keysRoot: string;
  let launch: (name: string, script: string, env: Record<string, string>) => Promise<NetworkProcess>;
  let hubEnv: Record<string, string>;
  let hub: NetworkProcess | undefined;
  let node: NetworkProcess;

  const get = async (url: string) => {
    const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', body: (await response.json()) as Record<string, any> };
  };

  beforeAll(async () => {
    kafka = await PrivateKafka.start();
    mkdirSync(join(ROOT, '.cache'), { recursive: true });
    buildDir = mkdtempSync(join(ROOT, '.cache', 'readiness-'));
    const swc = spawnSync(join(ROOT, 'node_modules/.bin/swc'), ['apps/hub/src', 'apps/node/src', 'libs', '-d', buildDir, '--config-file', '.swcrc', '--ignore', '**/*.spec.ts', '-q'], { cwd: ROOT, encoding: 'utf8' });
    if (swc.status !== 0) throw new Error(`compiling hub and node failed: ${swc.stderr}`);
    for (const app of ['hub', 'node']) cpSync(join(ROOT, `apps/${app}/migrations`), join(buildDir, `apps/${app}/migrations`), { recursive: true });
    // The back-office contract reads the node's OpenAPI document, as `npm run build` copies it.
    cpSync(join(ROOT, 'apps/node/openapi.json'), join(buildDir, 'apps/node/openapi.json'));

    keysRoot = mkdtempSync(join(tmpdir(), 'imi-readiness-keys-'));
    writeFileSync(join(keysRoot, 'hub', 'public.json'), JSON.stringify(publicKeySet(ensureKeys(join(keysRoot, 'hub'), 'HUB'))));
    const hubDbUrl = await createDatabase('hub');
    const hubDb = Database.connect(hubDbUrl, 1);
    try {
      await migrate(hubDb, join(ROOT, 'apps/hub/migrations'));
      await provision(hubDb, { nodes: [{ code: 'DE', authorities: [{ id: 'DE-BE-AEK', name: 'Ärztekammer Berlin', legislativeAreas: ['professional-qualifications'] }] }] }, keysRoot);
    } finally {
      await hubDb.close();
    }
    const user = (who: string) => {
      const credentials = kafkaUserFromFile(kafka.credentialsFile, who);
      return { KAFKA_USERNAME: credentials.username, KAFKA_PASSWORD: credentials.password, KAFKA_SASL_MECHANISM: credentials.mechanism };
    };
    const common = { PATH: process.env.PATH ?? '', KAFKA_BROKERS: kafka.brokers.join(','), SCHEMA_REGISTRY_URL: stackEndpoints().schemaRegistryUrl, TOPIC_PREFIX: `${uniqueId('ready')}.` };
    launch = async (name, script, env) => {
      const port = await freePort();
      const child = spawn(process.execPath, [join(buildDir, script)], { cwd: ROOT, env: { ...common, ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
      return new NetworkProcess(name, child, `http://127.0.0.1:${port}`);
    };
    hubEnv = { ...user('hub'), DATABASE_URL: hubDbUrl, HUB_KEYS_DIR: join(keysRoot, 'hub'), HUB_INSTANCE_ID: '1' };
    // The node first: the hub, not running yet, has neither granted it its topics nor published a trust list.
    node = await launch('node DE', 'apps/node/src/main.js', {
      ...user('DE'), NODE_COUNTRY: 'DE', DATABASE_URL: await createDatabase('node_de'), NODE_KEYS_DIR: join(keysRoot, 'DE'),
      HUB_PUBLIC_KEY_FILE: join(keysRoot, 'hub', 'public.json'), SESSION_SECRET: randomBytes(32).toString('base64url'),
    });
  });

  afterAll(async () => {
    await node?.stop();
    await hub?.stop();
    await kafka?.remove();
    if (buildDir) rmSync(buildDir, { recursive: true, force: true });
    if (keysRoot) rmSync(keysRoot, { recursive: true, force: true });
  });

  it('keeps a node that waits for its Kafka grant and its trust list alive but unready', async () => {
    const live = await eventually(() => get(`${node.url}/health/live`), 60_000);
    expect(live).toMatchObject({ status: 200, body: { status: 'ok', details: { process: { status: 'up' } } } });
    const ready = await get(`${node.url}/health/ready`);
    expect(ready.status).toBe(503);
    expect(ready.contentType).toMatch(/^application\/problem\+json/);
    expect(ready.body).toMatchObject({ type: 'urn:imi:problem:not-ready', status: 503, notReady: expect.arrayContaining(['trust-list', 'kafka-grant']) });
    expect(ready.body.checks).toMatchObject({ 'trust-list': 'down', 'kafka-grant': 'down', database: 'up', 'schema-registry': 'up' });
    // Nothing else answers before the node has started: GET /health (what scripts wait for) included.
    expect((await get(`${node.url}/health`)).status).toBe(503);
    expect(node.running).toBe(true);
  });

  it('is ready once the hub has granted it its inbox and published the trust list', async () => {
    hub = await launch('hub', 'apps/hub/src/main.js', hubEnv);
    await hub.waitReady(120_000);
    await node.waitReady(120_000);
    for (const url of [hub.url, node.url]) {
      const ready = await get(`${url}/health/ready`);
      expect(ready).toMatchObject({ status: 200, body: { status: 'ready' } });
      expect(Object.values(ready.body.checks).every((state) => state === 'up')).toBe(true);
    }
    expect((await get(`${node.url}/health/ready`)).body.checks).toEqual({
      database: 'up', kafka: 'up', 'kafka-grant': 'up', 'trust-list': 'up', 'schema-registry': 'up',
    });
    expect((await get(`${hub.url}/health/ready`)).body.checks).toEqual({ database: 'up', kafka: 'up', 'schema-registry': 'up' });
    const health = await get(`${node.url}/health`);
    expect(health.status).toBe(200);
    expect(health.body.trustListVersion).toBeGreaterThan(0);
    // The route table behind 405 answers was read during start-up (at the first request): it is whole.
    const put = await fetch(`${node.url}/requests`, { method: 'PUT' });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toContain('POST');
  });

  it('is unready while the broker is down and ready again once it is back, without a restart', async () => {
    const pids = [hub!.child.pid, node.child.pid];
    await kafka.kill();
    for (const process of [hub!, node]) {
      const ready = await eventually(async () => {
        const r = await get(`${process.url}/health/ready`);
        expect(r.status).toBe(503);
        return r;
      }, 60_000);
      expect(ready.contentType).toMatch(/^application\/problem\+json/);
      expect(ready.body).toMatchObject({ type: 'urn:imi:problem:not-ready', notReady: expect.arrayContaining(['kafka']) });
      expect(ready.body.notReady).not.toContain('database');
      // Liveness checks no dependency: an orchestrator leaves the process running.
      expect((await get(`${process.url}/health/live`)).status).toBe(200);
      expect((await get(`${process.url}/health`)).status).toBe(200);
    }

    await kafka.restart();
    for (const process of [hub!, node]) {
      await eventually(async () => expect((await get(`${process.url}/health/ready`)).status).toBe(200), 120_000);
    }
    expect([hub!.child.pid, node.child.pid]).toEqual(pids);
    expect(hub!.running && node.running).toBe(true);
  });
});
