import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Kafka } from 'kafkajs';
import { AvroCodec, DetachedSigner, Envelope, findSchemasDir, HEADERS, readKeySet } from '@imi/envelope';
import { createKafka, idempotentProducer, kafkaUserFromFile, topicNames } from '@imi/messaging';
import { committedOffset } from '../apps/hub/src/routing/partition-claim';
import { ROUTER_GROUP } from '../apps/hub/src/routing/routing.consumer';
import { CpuMeter } from './cpu';
import { BenchNetwork, Endpoints, postRequest } from './pipeline';
import { round } from './stats';

export interface HubAloneResult {
  /** Envelopes written into hub.ingress, each routed once. */
  messages: number;
  /** From the first write until the router group had committed past the last record. */
  seconds: number;
  messagesPerSecond: number;
  /** CPU per message routed, ms: the hub, Kafka, the hub's Postgres, and the bench's writer. */
  cpuMsPerMessage: { hub: number; kafka: number; postgres: number; writer: number };
  /** The hub's write system calls per message (sockets to Kafka and Postgres). */
  hubWriteCallsPerMessage: number;
  /** Bytes of one envelope's value and signature header. */
  valueBytes: number;
  headerBytes: number;
}

/** Progress on stderr, as the bench's other steps. */
const step = (message: string) => process.stderr.write(`[bench] hub alone: ${message}\n`);

/** Records written per send of the writer. */
const WRITE_BATCH = 500;

/**
 * The hub alone, the figure the Commission sizes hub instances from: `count` envelopes that node
 * FR signed and sealed for DE (one real request's envelope, each copy with a message id, case id
 * and time of its own, signed again with FR's key) are written straight into `hub.ingress` as
 * fast as Kafka takes them, while both nodes are stopped, so only the hub works on them. Measured
 * from the first write until the hub's router group has committed past the last record; the
 * hub's own counters must show every one routed and none rejected, or the leg fails.
 * It stops the network's nodes: run it last.
 */
export async function measureHubAlone(network: BenchNetwork, endpoints: Endpoints, count: number): Promise<HubAloneResult> {
  const kafka = createKafka(endpoints.kafkaBrokers.split(','), 'bench-hub-alone', endpoints.kafkaCredentialsFile ? kafkaUserFromFile(endpoints.kafkaCredentialsFile, 'admin') : undefined);
  const codec = await AvroCodec.connect(endpoints.schemaRegistryUrl, findSchemasDir());
  const ingress = topicNames(network.prefix).ingress;

  // One real request FR sent to DE: its envelope and sealed body are the template.
  await postRequest(network.frUrl, network.frSession, Date.now());
  const template = await requestTemplate(kafka, codec, ingress);
  step('template found; stopping the nodes');
  await Promise.all([network.fr.stop(), network.de.stop()]);

  const signer = new DetachedSigner(readKeySet(join(network.keysRoot, 'FR')).signing);
  const records = Array.from({ length: count }, () => {
    const envelope: Envelope = { ...template, messageId: randomUUID(), caseId: randomUUID(), sentAt: Date.now() };
    const value = codec.encodeEnvelope(envelope);
    return { key: envelope.caseId, value, headers: { [HEADERS.signature]: signer.signMessage(value, envelope.body) } };
  });

  const producer = idempotentProducer(kafka);
  const admin = kafka.admin();
  await Promise.all([producer.connect(), admin.connect()]);
  const group = `${network.prefix}${ROUTER_GROUP}`;
  try {
    // What the nodes sent before they stopped is routed first, so the counts below are the leg's alone.
    await routedUpTo(admin, ingress, group, await admin.fetchTopicOffsets(ingress));
    step('caught up');
    const before = await hubCounts();
    const meter = new CpuMeter({ [network.hub.child.pid!]: 'hub' });
    meter.begin();
    const started = Date.now();
    for (let i = 0; i < records.length; i += WRITE_BATCH) {
      await producer.send({ topic: ingress, acks: -1, messages: records.slice(i, i + WRITE_BATCH) });
    }
    step(`${count} written`);
    await routedUpTo(admin, ingress, group, await admin.fetchTopicOffsets(ingress)).catch((error: Error) => {
      throw new Error(`${error.message}; the hub's log ends: ${network.hub.log.join('').slice(-4000)}`);
    });
    const seconds = (Date.now() - started) / 1000;
    const { cpuMs, writeCalls } = meter.end();
    const after = await hubCounts();
    if (after.routed - before.routed !== count || after.rejected !== before.rejected) {
      throw new Error(`the hub routed ${after.routed - before.routed} and rejected ${after.rejected - before.rejected} of the ${count} envelopes`);
    }
    const per = (ms: number | undefined) => round((ms ?? 0) / count, 3);
    return {
      messages: count, seconds: round(seconds), messagesPerSecond: round(count / seconds),
      cpuMsPerMessage: { hub: per(cpuMs.hub), kafka: per(cpuMs.kafka), postgres: per(cpuMs.postgres), writer: per(cpuMs['bench driver']) },
      hubWriteCallsPerMessage: round((writeCalls.hub ?? 0) / count, 2),
      valueBytes: records[0].value.length, headerBytes: records[0].headers[HEADERS.signature].length,
    };
  } finally {
    await Promise.all([producer.disconnect(), admin.disconnect()]);
  }

  /** The hub's routed and rejected totals, from its /metrics. */
  async function hubCounts(): Promise<{ routed: number; rejected: number }> {
    const text = await (await fetch('http://127.0.0.1:3900/metrics')).text();
    const sum = (name: string) => text.split('\n').filter((l) => l.startsWith(`${name}{`)).reduce((n, l) => n + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
    return { routed: sum('imi_hub_messages_routed_total'), rejected: sum('imi_hub_messages_rejected_total') };
  }
}

/** The envelope of the first `request.sent` FR wrote into hub.ingress (a minute at most). */
async function requestTemplate(kafka: Kafka, codec: AvroCodec, ingress: string): Promise<Envelope> {
  const consumer = kafka.consumer({ groupId: `bench-template-${randomUUID()}`, maxWaitTimeInMs: 200 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: ingress, fromBeginning: true });
    return await new Promise<Envelope>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no request.sent of FR on hub.ingress within 60 s')), 60_000);
      void consumer.run({
        eachMessage: async ({ message }) => {
          const envelope = message.value ? await codec.decodeEnvelope(message.value).catch(() => null) : null;
          if (envelope?.type !== 'request.sent' || envelope.senderNode !== 'FR') return;
          clearTimeout(timer);
          resolve(envelope);
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
}

/** Resolves once the router group's committed offsets reached `ends` on every partition; fails after `timeoutMs`. */
async function routedUpTo(admin: ReturnType<Kafka['admin']>, topic: string, groupId: string, ends: { partition: number; high: string }[], timeoutMs = Number(process.env.BENCH_HUB_TIMEOUT_MS ?? 300_000)): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    const at = new Map(committed.partitions.map((p) => [p.partition, committedOffset(p.offset) ?? 0n]));
    if (ends.every((e) => (at.get(e.partition) ?? 0n) >= BigInt(e.high))) return;
    if (Date.now() > deadline) {
      throw new Error(`the hub's router did not reach the end of ${topic} in ${timeoutMs / 1000} s: ${ends.map((e) => `partition ${e.partition} at ${at.get(e.partition) ?? 0n} of ${e.high}`).join(', ')}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
