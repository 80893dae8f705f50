import { Kafka, SASLOptions } from 'kafkajs';
import { kafkaUserFromFile } from '@imi/messaging';
import { ChaosNetwork, Country } from './network';
import { PAIRS, TrafficDriver } from './driver';
import { Seeded } from './seeded';
import { stallReport } from './stall-report';
import { ChaosStack } from './stack';

export const FAULT_KINDS = ['hub-instance', 'sending-node', 'receiving-node', 'ingress-leader-broker', 'postgres'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** One fault: what was killed, and when each part of its recovery was seen. */
export interface FaultRecord {
  kind: FaultKind;
  target: string;
  /** Whether the traffic driver was still running when it struck. */
  underTraffic: boolean;
  killedAt: string;
  /** Kill until the component answered again (process ready, broker answering, Postgres accepting). */
  readyMs: number | null;
  /**
   * Full recovery: from the kill until both the component is ready again and a canary request,
   * sent right after the kill (and sent again by the driver's rules until its sender took it),
   * was applied at its recipient (in its database). Null: not recovered.
   */
  recoveryMs: number | null;
  canaryRef: string;
  error?: string;
}

export interface FaultOptions {
  /** The kinds to inject (all by default; fewer to repeat one fault many times). */
  kinds?: readonly FaultKind[];
  /** At least this many of each kind. */
  perKind: number;
  /** At most this many in all (the minimum of each kind comes first, in a drawn order). */
  maxFaults: number;
  /** Pause between one fault's recovery and the next, in ms (drawn uniformly). */
  gapMs: [number, number];
  /** How long a killed component stays down before it is started again, in ms. */
  downMs: [number, number];
}

/** When a fault not recovered yet has the run's output say where messages wait (most recover within a minute). */
const STALL_REPORT_AFTER_MS = [120_000, 360_000];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Kills and restarts, at intervals drawn from the seed, a hub instance, a request's sending or
 * receiving node, the broker leading the busiest hub.ingress partition, and the Postgres server.
 * One fault at a time; each is followed until full recovery before the next is drawn.
 */
export class FaultInjector {
  readonly faults: FaultRecord[] = [];
  private stopWhenDone = false;

  constructor(
    private readonly random: Seeded,
    private readonly network: ChaosNetwork,
    private readonly stack: ChaosStack,
    private readonly driver: TrafficDriver,
    private readonly options: FaultOptions,
    private readonly trafficRunning: () => boolean,
    private readonly log: (message: string) => void,
  ) {}

  /** Injects faults until traffic has stopped (see finish) and every kind had its minimum. */
  async run(): Promise<void> {
    if (this.options.perKind === 0) return;
    const kinds = this.options.kinds ?? FAULT_KINDS;
    const due = this.random.shuffled(kinds.flatMap((k) => Array.from({ length: this.options.perKind }, () => k)));
    for (;;) {
      const kind = due.shift() ?? (this.stopWhenDone || !this.trafficRunning() ? undefined : this.random.pick(kinds));
      if (!kind || this.faults.length >= this.options.maxFaults) return;
      await sleep(this.random.between(...this.options.gapMs));
      await this.inject(kind);
    }
  }

  /** No more faults beyond the minimum once the traffic is over. */
  finish(): void {
    this.stopWhenDone = true;
  }

  async inject(kind: FaultKind): Promise<FaultRecord> {
    const [from, to] = this.random.pick(PAIRS);
    const downMs = this.random.between(...this.options.downMs);
    const hubIndex = Math.floor(this.random.next() * this.network.hubs.length);
    const target = await this.target(kind, from, to, hubIndex);
    const record: FaultRecord = { kind, target: target.name, underTraffic: this.trafficRunning(), killedAt: '', readyMs: null, recoveryMs: null, canaryRef: '' };
    this.log(`fault ${this.faults.length + 1}: ${kind} (${target.name}), down ${Math.round(downMs)} ms`);
    const killed = Date.now();
    record.killedAt = new Date(killed).toISOString();
    // A slow recovery says where messages wait while it is still slow, not only after the canary's 600 s.
    let settled = false;
    const stallReports = STALL_REPORT_AFTER_MS.map((after) => setTimeout(() => void this.reportStall(`${kind} not recovered after ${after / 1000} s`, () => settled), after));
    try {
      await target.kill();
      const canary = this.driver.newRequest(`${this.faults.length + 1}`, from, to, true);
      record.canaryRef = canary.ref;
      const delivered = (async () => {
        await this.driver.requestFlow(canary);
        if (canary.failure) throw new Error(canary.failure);
        await this.driver.seen(to, 'request', canary.id!, (v) => v !== null, 'the canary at its recipient');
        return Date.now() - killed;
      })();
      delivered.catch(() => undefined);
      await sleep(downMs);
      await target.restart();
      record.readyMs = Date.now() - killed;
      // Recovered: the component is ready again and the canary reached its recipient, whichever came last.
      record.recoveryMs = Math.max(record.readyMs, await delivered);
      this.log(`  ready after ${record.readyMs} ms, recovered after ${record.recoveryMs} ms`);
    } catch (error) {
      record.error = (error as Error).message;
      this.log(`  ${kind} did not recover: ${record.error}`);
      await this.reportStall('where messages wait now', () => false);
    } finally {
      settled = true;
      stallReports.forEach(clearTimeout);
    }
    this.faults.push(record);
    return record;
  }

  /** Logs stallReport's lines (unless the fault has settled meanwhile): into the run's own output, as a CI log may hold nothing else. */
  private async reportStall(title: string, settled: () => boolean): Promise<void> {
    const lines = await stallReport(this.network);
    if (settled()) return;
    this.log(`  ${title}:`);
    for (const line of lines) this.log(`    ${line}`);
  }

  private async target(kind: FaultKind, from: Country, to: Country, hubIndex: number): Promise<{ name: string; kill: () => Promise<void>; restart: () => Promise<void> }> {
    const processTarget = (p: { name: string; kill: () => Promise<void>; start: () => void; waitReady: () => Promise<void> }) => ({
      name: p.name, kill: () => p.kill(), restart: async () => {
        p.start();
        await p.waitReady();
      },
    });
    switch (kind) {
      case 'hub-instance':
        return processTarget(this.network.hubs[hubIndex]);
      case 'sending-node':
        return processTarget(this.network.node(from).process);
      case 'receiving-node':
        return processTarget(this.network.node(to).process);
      case 'postgres':
        return { name: 'postgres', kill: () => this.stack.kill('postgres'), restart: () => this.stack.up(['postgres']).then(() => undefined) };
      case 'ingress-leader-broker': {
        const broker = await this.busiestIngressLeader();
        // `up kafka` starts the cluster's nodes that are missing: the one killed.
        return { name: broker, kill: () => this.stack.kill(broker), restart: () => this.stack.up(['kafka']).then(() => undefined) };
      }
    }
  }

  /** The broker leading the hub.ingress partition that holds the most records. */
  private async busiestIngressLeader(): Promise<string> {
    const brokers = await this.stack.brokers();
    if (brokers.length <= 1) return brokers[0]?.component ?? 'kafka';
    const kafka = new Kafka({ brokers: this.stack.endpoints.kafkaBrokers.split(','), sasl: adminSasl(this.stack), logLevel: 0, clientId: 'chaos-faults' });
    const admin = kafka.admin();
    await admin.connect();
    try {
      const topic = `${this.network.prefix}hub.ingress`;
      const [{ partitions }] = (await admin.fetchTopicMetadata({ topics: [topic] })).topics;
      const offsets = await admin.fetchTopicOffsets(topic);
      const size = (p: number) => {
        const o = offsets.find((x) => x.partition === p);
        return o ? Number(o.high) - Number(o.low) : 0;
      };
      const busiest = [...partitions].sort((a, b) => size(b.partitionId) - size(a.partitionId))[0];
      return brokers.find((b) => b.nodeId === busiest.leader)?.component ?? brokers[0].component;
    } finally {
      await admin.disconnect();
    }
  }
}

export function adminSasl(stack: ChaosStack): SASLOptions {
  const user = kafkaUserFromFile(stack.endpoints.kafkaCredentialsFile, 'admin');
  return { mechanism: user.mechanism, username: user.username, password: user.password } as SASLOptions;
}
