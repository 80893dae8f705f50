import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { publicKeySet } from '@imi/envelope';
import { Database, ensureDatabase, migrate } from '@imi/persistence';
import { ensureKeys, provision } from '../apps/hub/src/operator/provision';
import { kafkaUser } from '../bench/pipeline';
import { MeasuredProcess } from '../bench/processes';
import { signInAs } from '../bench/sign-in';
import { ChaosEndpoints } from './stack';

/** The member states of the chaos run, each with one authority; all share one legislative area. */
export const COUNTRIES = ['DE', 'FR', 'ES'] as const;
export type Country = (typeof COUNTRIES)[number];
export const AREA = 'professional-qualifications';
export const AUTHORITY: Record<Country, string> = { DE: 'DE-BE-AEK', FR: 'FR-CNOM', ES: 'ES-MSAN' };

const root = join(__dirname, '..', '..');
const dist = (path: string) => join(root, 'dist', path);

/** One hub instance or node: a process from the build that can be killed and started again with the same configuration. */
export class ChaosProcess {
  process!: MeasuredProcess;
  /** Exits nobody asked for (a crash), with the end of the log. */
  readonly crashes: { at: Date; log: string }[] = [];
  /** Sends whose records kafkajs left out and the process sent again (sendEveryPartition), over every start. */
  readonly resends = { sends: 0, records: 0 };
  /** Its latest warnings and errors, over every start: printed when a fault does not recover. */
  readonly warnings: string[] = [];
  private expectingExit = false;

  constructor(
    readonly name: string,
    private readonly script: string,
    private readonly env: Record<string, string>,
    readonly url: string,
    /** Every start's output is appended here, for a look after the run. */
    private readonly logFile?: string,
  ) {}

  start(): void {
    this.expectingExit = false;
    this.process = MeasuredProcess.start(this.name, this.script, this.env);
    const child = this.process.child;
    for (const stream of [child.stdout, child.stderr]) {
      let partial = '';
      stream?.on('data', (chunk: Buffer) => {
        if (this.logFile) appendFileSync(this.logFile, chunk);
        const lines = (partial + chunk.toString()).split('\n');
        partial = lines.pop() ?? '';
        for (const [, records] of lines.join('\n').matchAll(RESENT)) {
          this.resends.sends++;
          this.resends.records += Number(records);
        }
        for (const line of lines) if (WARNING.test(line)) this.warnings.push(line);
        this.warnings.splice(0, Math.max(0, this.warnings.length - 40));
      });
    }
    child.once('exit', () => {
      if (!this.expectingExit) this.crashes.push({ at: new Date(), log: this.process.log.join('').slice(-8000) });
    });
  }

  /** Exited without being asked to: a supervisor (the run's watchdog) starts it again. */
  get crashed(): boolean {
    return !this.running && !this.expectingExit && this.process !== undefined;
  }

  get running(): boolean {
    return this.process?.child.exitCode === null && this.process.child.signalCode === null;
  }

  /** Ready: answers GET /health/ready (or /health where the process has no readiness endpoint yet). */
  async ready(): Promise<boolean> {
    try {
      const ready = await fetch(`${this.url}/health/ready`, { signal: AbortSignal.timeout(2000) });
      if (ready.status !== 404) return ready.ok;
      return (await fetch(`${this.url}/health`, { signal: AbortSignal.timeout(2000) })).ok;
    } catch {
      return false;
    }
  }

  async waitReady(timeoutMs = 180_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`${this.name} exited: ${this.process.log.join('').slice(-2000)}`);
      if (await this.ready()) return;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`${this.name} not ready at ${this.url} after ${timeoutMs / 1000} s`);
  }

  /** SIGKILL: no shutdown hook runs, as when a machine fails. */
  async kill(): Promise<void> {
    if (!this.running) return;
    this.expectingExit = true;
    const exited = new Promise((resolve) => this.process.child.once('exit', resolve));
    this.process.child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    this.expectingExit = true;
    await this.process?.stop();
  }
}

/** The line a hub instance or node logs when kafkajs left records of a send unsent (libs/messaging sendEveryPartition). */
const RESENT = /kafkajs left (\d+) of \d+ records unsent/g;
/** A JSON log line at level warn or above (libs/logging). */
const WARNING = /"level":"(warn|error|fatal)"/;

export interface ChaosNode {
  country: Country;
  authorityId: string;
  process: ChaosProcess;
  databaseUrl: string;
  /** For the driver's sign-ins and the verifier's reads. */
  db: Database;
}

/**
 * Hub instances and nodes DE, FR and ES as separate processes from the build, each node with
 * its own database, provisioned as bench/pipeline.ts does; every process can be killed and
 * restarted with the same configuration (and the same session secret, so sessions survive).
 */
export class ChaosNetwork {
  private constructor(
    readonly prefix: string,
    readonly keysRoot: string,
    readonly hubs: ChaosProcess[],
    readonly nodes: Map<Country, ChaosNode>,
    readonly hubDb: Database,
  ) {}

  static async start(endpoints: ChaosEndpoints, options: { hubs: number; basePort: number; logDir?: string }): Promise<ChaosNetwork> {
    const logFile = (name: string) => (options.logDir ? join(options.logDir, `${name.replace(/ /g, '-')}.log`) : undefined);
    const run = `chaos${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
    const prefix = `${run}.`;
    const keysRoot = mkdtempSync(join(tmpdir(), 'imi-chaos-keys-'));
    const hubKeys = ensureKeys(join(keysRoot, 'hub'), 'HUB');
    writeFileSync(join(keysRoot, 'hub', 'public.json'), JSON.stringify(publicKeySet(hubKeys)));
    const database = (name: string) => ensureDatabase(endpoints.databaseUrl, `${run}_${name}`);
    const hubDbUrl = await database('hub');
    const hubDb = Database.connect(hubDbUrl, 2);
    await migrate(hubDb, join(root, 'apps/hub/migrations'));
    await provision(hubDb, {
      nodes: COUNTRIES.map((code) => ({ code, authorities: [{ id: AUTHORITY[code], name: `${code} competent authority`, legislativeAreas: [AREA] }] })),
    }, keysRoot);
    const common = { KAFKA_BROKERS: endpoints.kafkaBrokers, SCHEMA_REGISTRY_URL: endpoints.schemaRegistryUrl, TOPIC_PREFIX: prefix };
    const credentials = { kafkaBrokers: endpoints.kafkaBrokers, schemaRegistryUrl: endpoints.schemaRegistryUrl, databaseUrl: endpoints.databaseUrl, kafkaCredentialsFile: endpoints.kafkaCredentialsFile };
    const hubs = Array.from({ length: options.hubs }, (_, i) => {
      const port = options.basePort + i;
      return new ChaosProcess(`hub ${i + 1}`, dist('apps/hub/src/main.js'), {
        ...common, ...kafkaUser(credentials, 'hub').env, DATABASE_URL: hubDbUrl, HUB_KEYS_DIR: join(keysRoot, 'hub'), PORT: String(port), HUB_INSTANCE_ID: String(i + 1),
      }, `http://127.0.0.1:${port}`, logFile(`hub ${i + 1}`));
    });
    // The first instance creates the topics; the others join its consumer group.
    hubs[0].start();
    await hubs[0].waitReady();
    for (const hub of hubs.slice(1)) hub.start();
    await Promise.all(hubs.slice(1).map((h) => h.waitReady()));

    const nodes = new Map<Country, ChaosNode>();
    await Promise.all(COUNTRIES.map(async (country, i) => {
      const databaseUrl = await database(`node_${country.toLowerCase()}`);
      const port = options.basePort + 10 + i;
      const process = new ChaosProcess(`node ${country}`, dist('apps/node/src/main.js'), {
        ...common, ...kafkaUser(credentials, country).env, NODE_COUNTRY: country, DATABASE_URL: databaseUrl, NODE_KEYS_DIR: join(keysRoot, country),
        HUB_PUBLIC_KEY_FILE: join(keysRoot, 'hub', 'public.json'), PORT: String(port),
        // Kept across restarts: a killed node comes back with its users still signed in.
        SESSION_SECRET: randomBytes(32).toString('base64url'),
      }, `http://127.0.0.1:${port}`, logFile(`node ${country}`));
      process.start();
      nodes.set(country, { country, authorityId: AUTHORITY[country], process, databaseUrl, // Bounded waits: a query that hung would stop the driver's watch, and every exchange would seem stuck.
        db: Database.connect(databaseUrl, 3, { timeoutMs: 30_000 }) });
    }));
    await Promise.all([...nodes.values()].map((n) => n.process.waitReady()));
    return new ChaosNetwork(prefix, keysRoot, hubs, nodes, hubDb);
  }

  node(country: Country): ChaosNode {
    return this.nodes.get(country)!;
  }

  get processes(): ChaosProcess[] {
    return [...this.hubs, ...[...this.nodes.values()].map((n) => n.process)];
  }

  /** A case handler's session at the node's authority. */
  session(country: Country): Promise<string> {
    const node = this.node(country);
    return signInAs(node.db, node.process.url, country, node.authorityId, ['case-handler'], 'Chaos Driver');
  }

  async stop(): Promise<void> {
    await Promise.all([...this.nodes.values()].map((n) => n.process.stop()));
    await Promise.all(this.hubs.map((h) => h.stop()));
    for (const node of this.nodes.values()) await node.db.close().catch(() => undefined);
    await this.hubDb.close().catch(() => undefined);
    rmSync(this.keysRoot, { recursive: true, force: true });
  }
}
