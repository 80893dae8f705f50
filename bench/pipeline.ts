import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { Kafka, logLevel, SASLOptions } from 'kafkajs';
import { publicKeySet } from '@imi/envelope';
import { kafkaUserFromFile } from '@imi/messaging';
import { Database, ensureDatabase, migrate } from '@imi/persistence';
import { ensureKeys, provision } from '../apps/hub/src/operator/provision';
import { RabbitmqManagement, setUpNodeVhost } from '../apps/node/src/back-office/rabbitmq-management';
import { Component, CpuMeter } from './cpu';
import { postJson, PostJson } from './http-client';
import { MeasuredProcess } from './processes';
import { signInAs } from './sign-in';
import { LatencySummary, round, summarise } from './stats';

export interface Endpoints {
  kafkaBrokers: string;
  schemaRegistryUrl: string;
  databaseUrl: string;
  /** The local stack's Kafka users (SASL/SCRAM); absent for an unsecured broker. */
  kafkaCredentialsFile?: string;
  /** RabbitMQ's administrator (AMQP and management API URLs): node FR then runs its back-office bridge. */
  amqpUrl?: string;
  amqpManagementUrl?: string;
}

/** The stack's Kafka user `who` (admin, hub or a country), as the processes' environment and as kafkajs options. */
export function kafkaUser(endpoints: Endpoints, who: string): { env: Record<string, string>; sasl?: SASLOptions } {
  if (!endpoints.kafkaCredentialsFile) return { env: {} };
  const user = kafkaUserFromFile(endpoints.kafkaCredentialsFile, who);
  return {
    env: { KAFKA_USERNAME: user.username, KAFKA_PASSWORD: user.password, KAFKA_SASL_MECHANISM: user.mechanism },
    sasl: { mechanism: user.mechanism, username: user.username, password: user.password } as SASLOptions,
  };
}

const root = join(__dirname, '..', '..');
const dist = (path: string) => join(root, 'dist', path);

/** Hub, FR and DE as separate processes from the build, each with a fresh database. */
export class BenchNetwork {
  private constructor(
    readonly prefix: string,
    readonly keysRoot: string,
    readonly hub: MeasuredProcess,
    readonly fr: MeasuredProcess,
    readonly de: MeasuredProcess,
    readonly frDb: Database,
    readonly frUrl: string,
    /** A case handler's session at FR-CNOM (15 minutes; renewed before it runs out). */
    public frSession: string,
    readonly deDatabaseUrl: string,
    readonly deUrl: string,
    /** Node FR's back-office bridge: its vhost on the stack's RabbitMQ, when the endpoints name one. */
    readonly frAmqp?: { vhost: string; amqpUrl: string; amqpManagementUrl: string },
  ) {}

  static async start(endpoints: Endpoints): Promise<BenchNetwork> {
    const run = `bench${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
    const prefix = `${run}.`;
    const keysRoot = mkdtempSync(join(tmpdir(), 'imi-bench-keys-'));
    const hubKeys = ensureKeys(join(keysRoot, 'hub'), 'HUB');
    writeFileSync(join(keysRoot, 'hub', 'public.json'), JSON.stringify(publicKeySet(hubKeys)));
    const db = (name: string) => ensureDatabase(endpoints.databaseUrl, `${run}_${name}`);
    const hubDbUrl = await db('hub');
    const hubDb = Database.connect(hubDbUrl, 1);
    await migrate(hubDb, join(root, 'apps/hub/migrations'));
    await provision(hubDb, {
      nodes: [
        { code: 'FR', authorities: [{ id: 'FR-CNOM', name: "Conseil national de l'Ordre des médecins", legislativeAreas: ['professional-qualifications'] }] },
        { code: 'DE', authorities: [{ id: 'DE-BE-AEK', name: 'Ärztekammer Berlin', legislativeAreas: ['professional-qualifications'] }] },
      ],
    }, keysRoot);
    await hubDb.close();
    const common = { KAFKA_BROKERS: endpoints.kafkaBrokers, SCHEMA_REGISTRY_URL: endpoints.schemaRegistryUrl, TOPIC_PREFIX: prefix };
    const hub = MeasuredProcess.start('hub', dist('apps/hub/src/main.js'), { ...common, ...kafkaUser(endpoints, 'hub').env, DATABASE_URL: hubDbUrl, HUB_KEYS_DIR: join(keysRoot, 'hub'), PORT: '3900' });
    await hub.waitHealthy('http://127.0.0.1:3900/health');
    // Node FR runs its back-office bridge (the AMQP leg) on a vhost of this run's own.
    const frAmqp = endpoints.amqpUrl && endpoints.amqpManagementUrl
      ? { vhost: `${run}-FR`, amqpUrl: endpoints.amqpUrl, amqpManagementUrl: endpoints.amqpManagementUrl }
      : undefined;
    const frBridge: Record<string, string> = frAmqp
      ? { AMQP_URL: (await setUpNodeVhost(new RabbitmqManagement(frAmqp.amqpManagementUrl), frAmqp.amqpUrl, 'FR', frAmqp.vhost, `node-${frAmqp.vhost}`)).amqpUrl, AMQP_EVENTS_POLL_MS: '500' }
      : {};
    const node = async (code: string, port: number) => {
      const url = await db(`node_${code.toLowerCase()}`);
      const child = MeasuredProcess.start(`node ${code}`, dist('apps/node/src/main.js'), {
        ...common, ...kafkaUser(endpoints, code).env, NODE_COUNTRY: code, DATABASE_URL: url, NODE_KEYS_DIR: join(keysRoot, code), HUB_PUBLIC_KEY_FILE: join(keysRoot, 'hub', 'public.json'), PORT: String(port),
        ...(code === 'FR' ? frBridge : {}),
      });
      return { child, url };
    };
    const [fr, de] = await Promise.all([node('FR', 3901), node('DE', 3902)]);
    await Promise.all([fr.child.waitHealthy('http://127.0.0.1:3901/health'), de.child.waitHealthy('http://127.0.0.1:3902/health')]);
    const frDb = Database.connect(fr.url, 2);
    const network = new BenchNetwork(prefix, keysRoot, hub, fr.child, de.child, frDb, 'http://127.0.0.1:3901', await caseHandlerSession(frDb, 'http://127.0.0.1:3901'), de.url, 'http://127.0.0.1:3902', frAmqp);
    // A failed renewal keeps the old session (FR may be stopped: the hub-alone leg stops it).
    const renew = setInterval(() => void caseHandlerSession(frDb, network.frUrl).then((token) => (network.frSession = token), () => undefined), 10 * 60_000);
    renew.unref();
    return network;
  }

  get processes(): MeasuredProcess[] {
    return [this.hub, this.fr, this.de];
  }

  /** Starts counting CPU time per component (hub, nodes, Kafka, Postgres…) for one phase. */
  cpuMeter(): CpuMeter {
    const meter = new CpuMeter({ [this.hub.child.pid!]: 'hub', [this.fr.child.pid!]: 'node FR', [this.de.child.pid!]: 'node DE' });
    meter.begin();
    return meter;
  }

  async stop(): Promise<void> {
    await Promise.all([this.fr.stop(), this.de.stop()]);
    await this.hub.stop();
    await this.frDb.close();
    if (this.frAmqp) {
      const management = new RabbitmqManagement(this.frAmqp.amqpManagementUrl);
      await management.deleteVhost(this.frAmqp.vhost).catch(() => undefined);
      await management.deleteUser(`node-${this.frAmqp.vhost}`).catch(() => undefined);
    }
  }
}

/** Enrols a case handler of FR-CNOM and signs in with password and one-time code, as a person does. */
function caseHandlerSession(frDb: Database, frUrl: string): Promise<string> {
  return signInAs(frDb, frUrl, 'FR', 'FR-CNOM', ['case-handler']);
}

let sequence = 0;

/** One information request as a case handler at FR-CNOM sends it, with a person of its own. */
async function sendRequest(network: BenchNetwork): Promise<void> {
  await postRequest(network.frUrl, network.frSession, ++sequence);
}

/** POST /requests with the body a case handler sends; `n` makes the person unique. */
export async function postRequest(baseUrl: string, session: string, n: number, post: PostJson = postJson): Promise<void> {
  const { status, text } = await post(`${baseUrl}/requests`, {
    addresseeAuthorityId: 'DE-BE-AEK',
    legislativeArea: 'professional-qualifications',
    replyBy: new Date(Date.now() + 14 * 86_400_000).toISOString(),
    questions: [{ questionId: 'pq.diploma.authentic' }, { questionId: 'pq.free-text', freeText: 'Does the diploma include the specialist training in general medicine?' }],
    subject: { familyName: `Bench-${n}`, givenNames: 'Camille', dateOfBirth: '1980-01-01', registerNumber: `RPPS-${100000 + n}` },
  }, { authorization: `Bearer ${session}` });
  if (status !== 201) throw new Error(`POST /requests answered ${status}: ${text}`);
}

export interface PhaseResult {
  exchanges: number;
  offeredPerSecond: number | null;
  achievedPerSecond: number;
  /** Sent at FR until its receipt is applied at FR: the whole exchange. */
  latency: LatencySummary;
  /** The exchange in its two legs: FR → hub → DE applied, and DE's receipt → hub → FR applied. */
  legs: { requestAppliedAtRecipient: LatencySummary; receiptAppliedAtSender: LatencySummary };
  peakRssMb: Record<string, number>;
  /** CPU milliseconds per exchange in each component, from the phase's start until its last receipt. */
  cpuMsPerExchange: Partial<Record<Component, number>>;
  /** Write system calls per exchange in each component (socket writes, and file writes for Kafka and Postgres). */
  writeCallsPerExchange: Partial<Record<Component, number>>;
}

/** One exchange's times: sent at FR, applied at DE (DE's receipt says when), receipt applied at FR. */
interface ExchangeTimes {
  sent: Date;
  applied: Date;
  acked: Date;
}

/** Waits until FR holds the receipt of every request.sent since `since`; returns their timings. */
async function acknowledged(network: BenchNetwork, since: Date, expected: number, timeoutMs: number): Promise<ExchangeTimes[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [{ n }] = await network.frDb.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM deliveries WHERE type = 'request.sent' AND sent_at >= $1 AND acknowledged_at IS NOT NULL`, [since],
    );
    if (n >= expected) break;
    if (Date.now() > deadline) throw new Error(`only ${n} of ${expected} exchanges acknowledged`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const rows = await network.frDb.query<{ sent_at: Date; delivered_at: Date; acknowledged_at: Date }>(
    `SELECT sent_at, delivered_at, acknowledged_at FROM deliveries WHERE type = 'request.sent' AND sent_at >= $1`, [since],
  );
  return rows.map((r) => ({ sent: r.sent_at, applied: r.delivered_at, acked: r.acknowledged_at }));
}

function phaseResult(network: BenchNetwork, cpu: CpuMeter, timings: ExchangeTimes[], offered: number | null): PhaseResult {
  const usage = cpu.end();
  const perExchange = (values: Record<string, number>) =>
    Object.fromEntries(Object.entries(values).map(([component, n]) => [component, round(n / timings.length, 2)]));
  const first = Math.min(...timings.map((t) => t.sent.getTime()));
  const last = Math.max(...timings.map((t) => t.acked.getTime()));
  return {
    exchanges: timings.length,
    offeredPerSecond: offered,
    achievedPerSecond: round(timings.length / ((last - first) / 1000)),
    latency: summarise(timings.map((t) => t.acked.getTime() - t.sent.getTime())),
    legs: {
      requestAppliedAtRecipient: summarise(timings.map((t) => t.applied.getTime() - t.sent.getTime())),
      receiptAppliedAtSender: summarise(timings.map((t) => t.acked.getTime() - t.applied.getTime())),
    },
    peakRssMb: Object.fromEntries(network.processes.map((p) => [p.name, p.stopSampling()])),
    cpuMsPerExchange: perExchange(usage.cpuMs),
    writeCallsPerExchange: perExchange(usage.writeCalls),
  };
}

/** `count` calls of `send` from `concurrency` callers, each sending again as soon as its last call returned. */
export async function closedLoop(count: number, concurrency: number, send: (n: number) => Promise<void>): Promise<void> {
  let issued = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (issued < count) await send(++issued);
  }));
}

/** As many exchanges as the pipeline takes: `count` requests from `concurrency` case handlers at once. */
export async function maximumThroughput(network: BenchNetwork, count: number, concurrency: number): Promise<PhaseResult> {
  network.processes.forEach((p) => p.startSampling());
  const cpu = network.cpuMeter();
  const since = new Date();
  await closedLoop(count, concurrency, () => sendRequest(network));
  return phaseResult(network, cpu, await acknowledged(network, since, count, 600_000), null);
}

/** A fixed offered load (open loop): requests leave on schedule whether or not earlier ones finished. */
export async function fixedLoad(network: BenchNetwork, perSecond: number, seconds: number): Promise<PhaseResult> {
  network.processes.forEach((p) => p.startSampling());
  const cpu = network.cpuMeter();
  const since = new Date();
  const count = Math.round(perSecond * seconds);
  const start = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const due = start + (i * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const sent = sendRequest(network);
    sent.catch(() => undefined); // failures are raised by Promise.all below, not as unhandled rejections meanwhile
    inFlight.push(sent);
  }
  await Promise.all(inFlight);
  return phaseResult(network, cpu, await acknowledged(network, since, count, 600_000), perSecond);
}

export interface WireFigures {
  recordsPerExchange: number;
  bytesPerExchange: number;
  /**
   * Commit markers per exchange: the offsets the topics used beyond their records. One per
   * partition a hub transaction wrote to, so it shows how well the hub batches.
   */
  transactionMarkersPerExchange: number;
}

/** Bytes on the wire per exchange: every record (key, value, headers) on the run's topics, divided by exchanges. */
export async function bytesOnTheWire(network: BenchNetwork, endpoints: Endpoints, exchanges: number): Promise<WireFigures> {
  const kafka = new Kafka({ brokers: endpoints.kafkaBrokers.split(','), sasl: kafkaUser(endpoints, 'admin').sasl, logLevel: logLevel.NOTHING, clientId: 'bench-scan' });
  const admin = kafka.admin();
  await admin.connect();
  const topics = (await admin.listTopics()).filter((t) => t.startsWith(network.prefix) && !t.endsWith('hub.broadcast') && !t.endsWith('hub.rejected'));
  let expected = 0;
  for (const topic of topics) for (const o of await admin.fetchTopicOffsets(topic)) expected += Number(o.high) - Number(o.low);
  await admin.disconnect();
  const consumer = kafka.consumer({ groupId: `bench-scan-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });
  let records = 0;
  let bytes = 0;
  await new Promise<void>((resolve) => {
    let quiet: NodeJS.Timeout | undefined;
    void consumer.run({
      eachBatch: async ({ batch }) => {
        for (const m of batch.messages) {
          records++;
          bytes += (m.key?.length ?? 0) + (m.value?.length ?? 0);
          for (const [name, value] of Object.entries(m.headers ?? {})) bytes += name.length + (Array.isArray(value) ? value : [value]).reduce((n, v) => n + (v?.length ?? 0), 0);
        }
        clearTimeout(quiet);
        // Transaction markers take offsets too: stop when nothing new came for a second.
        quiet = setTimeout(resolve, records >= expected * 0.5 ? 1000 : 5000);
      },
    });
  });
  await consumer.disconnect();
  return {
    recordsPerExchange: round(records / exchanges, 2),
    bytesPerExchange: Math.round(bytes / exchanges),
    transactionMarkersPerExchange: round((expected - records) / exchanges, 3),
  };
}
