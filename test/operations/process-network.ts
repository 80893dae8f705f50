import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { publicKeySet } from '@imi/envelope';
import { Database, migrate } from '@imi/persistence';
import { ensureKeys, provision } from '../../apps/hub/src/operator/provision';
import { signInAs } from '../../bench/sign-in';
import { createDatabase, kafkaCredentials, stackEndpoints, uniqueId } from '../stack/endpoints';
import { freePort } from '../stack/free-port';

const ROOT = join(__dirname, '../..');

/** A hub or node as it ships, in a process of its own, with every line it wrote to stdout and stderr. */
export class NetworkProcess {
  readonly lines: string[] = [];
  private partial = { stdout: '', stderr: '' };

  constructor(
    readonly name: string,
    readonly child: ChildProcess,
    readonly url: string,
  ) {
    for (const stream of ['stdout', 'stderr'] as const) {
      child[stream]!.on('data', (chunk: Buffer) => {
        const text = this.partial[stream] + chunk.toString();
        const parts = text.split('\n');
        this.partial[stream] = parts.pop()!;
        this.lines.push(...parts.filter((l) => l.length > 0));
      });
      child[stream]!.on('end', () => this.partial[stream] && this.lines.push(this.partial[stream]));
    }
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Ready: GET /health/ready answers 200 (or /health, where there is no readiness endpoint). */
  async waitReady(timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`${this.name} exited: ${this.lines.slice(-20).join('\n')}`);
      try {
        const ready = await fetch(`${this.url}/health/ready`, { signal: AbortSignal.timeout(2000) });
        if (ready.ok || (ready.status === 404 && (await fetch(`${this.url}/health`)).ok)) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`${this.name} not ready at ${this.url}: ${this.lines.slice(-20).join('\n')}`);
  }

  /** SIGTERM, as an operator stops it: its shutdown lines are logged too. */
  async stop(): Promise<void> {
    if (!this.running) return;
    const exited = new Promise((resolve) => this.child.once('close', resolve));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  }
}

const NODES = {
  FR: { authority: 'FR-CNOM', name: "Conseil national de l'Ordre des médecins" },
  DE: { authority: 'DE-BE-AEK', name: 'Ärztekammer Berlin' },
} as const;
export type Country = keyof typeof NODES;

/**
 * The hub and nodes FR and DE as separate processes compiled from the sources the way `npm run
 * build` does (into a folder of the test's own), each with its own database, on the stack's Kafka,
 * registry and Postgres under a topic prefix of their own. `env` reaches every process.
 */
export class ProcessNetwork {
  private constructor(
    readonly hub: NetworkProcess,
    readonly nodes: Record<Country, { process: NetworkProcess; db: Database }>,
    private readonly buildDir: string,
    private readonly keysRoot: string,
    /** The topics' prefix: this network's topics are its own. */
    readonly prefix: string,
  ) {}

  static async start(env: Record<string, string> = {}): Promise<ProcessNetwork> {
    mkdirSync(join(ROOT, '.cache'), { recursive: true });
    const buildDir = mkdtempSync(join(ROOT, '.cache', 'operations-'));
    const swc = spawnSync(join(ROOT, 'node_modules/.bin/swc'), ['apps/hub/src', 'apps/node/src', 'libs', '-d', buildDir, '--config-file', '.swcrc', '--ignore', '**/*.spec.ts', '-q'], { cwd: ROOT, encoding: 'utf8' });
    if (swc.status !== 0) throw new Error(`compiling hub and node failed: ${swc.stderr}`);
    for (const app of ['hub', 'node']) cpSync(join(ROOT, `apps/${app}/migrations`), join(buildDir, `apps/${app}/migrations`), { recursive: true });
    // The node's back-office contract is its OpenAPI document, read beside the compiled sources.
    cpSync(join(ROOT, 'apps/node/openapi.json'), join(buildDir, 'apps/node/openapi.json'));

    const endpoints = stackEndpoints();
    const prefix = `${uniqueId('ops')}.`;
    const keysRoot = mkdtempSync(join(tmpdir(), 'imi-operations-keys-'));
    writeFileSync(join(keysRoot, 'hub', 'public.json'), JSON.stringify(publicKeySet(ensureKeys(join(keysRoot, 'hub'), 'HUB'))));
    const hubDbUrl = await createDatabase('hub');
    const hubDb = Database.connect(hubDbUrl, 1);
    try {
      await migrate(hubDb, join(ROOT, 'apps/hub/migrations'));
      await provision(hubDb, {
        nodes: Object.entries(NODES).map(([code, { authority, name }]) => ({ code, authorities: [{ id: authority, name, legislativeAreas: ['professional-qualifications'] }] })),
      }, keysRoot);
    } finally {
      await hubDb.close();
    }
    const common = { PATH: process.env.PATH ?? '', KAFKA_BROKERS: endpoints.kafkaBrokers.join(','), SCHEMA_REGISTRY_URL: endpoints.schemaRegistryUrl, TOPIC_PREFIX: prefix, ...env };
    const kafkaUser = (who: string): Record<string, string> => {
      const credentials = kafkaCredentials(who);
      return credentials ? { KAFKA_USERNAME: credentials.username, KAFKA_PASSWORD: credentials.password, KAFKA_SASL_MECHANISM: credentials.mechanism } : {};
    };
    const launch = async (name: string, script: string, own: Record<string, string>) => {
      const port = await freePort();
      const child = spawn(process.execPath, [join(buildDir, script)], { cwd: ROOT, env: { ...common, ...own, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
      return new NetworkProcess(name, child, `http://127.0.0.1:${port}`);
    };
    const hub = await launch('hub', 'apps/hub/src/main.js', { ...kafkaUser('hub'), DATABASE_URL: hubDbUrl, HUB_KEYS_DIR: join(keysRoot, 'hub'), HUB_INSTANCE_ID: '1' });
    const nodes = {} as ProcessNetwork['nodes'];
    const network = new ProcessNetwork(hub, nodes, buildDir, keysRoot, prefix);
    try {
      await hub.waitReady();
      for (const code of Object.keys(NODES) as Country[]) {
        const databaseUrl = await createDatabase(`node_${code.toLowerCase()}`);
        const node = await launch(`node ${code}`, 'apps/node/src/main.js', {
          ...kafkaUser(code), NODE_COUNTRY: code, DATABASE_URL: databaseUrl, NODE_KEYS_DIR: join(keysRoot, code),
          HUB_PUBLIC_KEY_FILE: join(keysRoot, 'hub', 'public.json'), SESSION_SECRET: randomBytes(32).toString('base64url'),
        });
        nodes[code] = { process: node, db: Database.connect(databaseUrl, 2) };
      }
      await Promise.all(Object.values(nodes).map((n) => n.process.waitReady()));
    } catch (error) {
      // Nothing left running behind a failed start.
      await network.stop();
      throw error;
    }
    return network;
  }

  get processes(): NetworkProcess[] {
    return [this.hub, ...Object.values(this.nodes).map((n) => n.process)];
  }

  /** A case handler's REST calls at the node's authority, signed in as a person signs in. */
  async caseHandler(code: Country) {
    const { process: node, db } = this.nodes[code];
    const token = await signInAs(db, node.url, code, NODES[code].authority, ['case-handler'], 'Kim Operations');
    const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
      const response = await fetch(`${node.url}${path}`, {
        method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : null };
    };
    return {
      get: (path: string) => call('GET', path),
      post: (path: string, body?: unknown, headers?: Record<string, string>) => call('POST', path, body, headers),
    };
  }

  async stop(): Promise<void> {
    await Promise.all(Object.values(this.nodes).map((n) => n.process.stop()));
    await this.hub.stop();
    for (const node of Object.values(this.nodes)) await node.db.close().catch(() => undefined);
    rmSync(this.buildDir, { recursive: true, force: true });
    rmSync(this.keysRoot, { recursive: true, force: true });
  }
}

export const AUTHORITY = { FR: NODES.FR.authority, DE: NODES.DE.authority };
