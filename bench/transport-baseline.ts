import { randomBytes, randomUUID } from 'node:crypto';
import { CompressionTypes, Kafka, logLevel, Partitioners, SASLOptions } from 'kafkajs';
import { CpuMeter } from './cpu';
import { round } from './stats';

export interface TransportBaseline {
  messages: number;
  valueBytes: number;
  headerBytes: number;
  batchSize: number;
  messagesPerSecond: number;
  /** CPU of broker and client together per message produced and consumed (both on this machine). */
  cpuMsPerMessage: number;
}

/**
 * Bare kafkajs on the same broker: produce `count` values of an envelope's size, with headers of
 * a detached signature's size, in batches like the outbox relay's, into a topic with as many
 * partitions as hub.ingress, and consume them all. The limit one Kafka hop puts on the pipeline.
 */
export async function measureTransport(brokers: string, count: number, valueBytes: number, headerBytes: number, sasl?: SASLOptions, batchSize = 500): Promise<TransportBaseline> {
  // Same authentication as the pipeline's processes (SASL/SCRAM: once per connection, nothing per message).
  const kafka = new Kafka({ brokers: brokers.split(','), sasl, logLevel: logLevel.NOTHING, clientId: 'bench-transport' });
  const topic = `bench-transport-${randomUUID()}`;
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 3, replicationFactor: 1 }], waitForLeaders: true });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  const consumer = kafka.consumer({ groupId: `${topic}-group` });
  await Promise.all([producer.connect(), consumer.connect()]);
  await consumer.subscribe({ topic, fromBeginning: true });
  let received = 0;
  let done: () => void = () => undefined;
  const all = new Promise<void>((resolve) => (done = resolve));
  await consumer.run({
    eachBatch: async ({ batch }) => {
      received += batch.messages.length;
      if (received >= count) done();
    },
  });
  const value = randomBytes(valueBytes);
  const header = randomBytes(Math.floor(headerBytes * 0.75)).toString('base64url').slice(0, headerBytes);
  const cpu = new CpuMeter({});
  cpu.begin();
  const start = performance.now();
  for (let sent = 0; sent < count; sent += batchSize) {
    const messages = Array.from({ length: Math.min(batchSize, count - sent) }, () => ({ key: randomUUID(), value, headers: { 'imi-signature': header } }));
    await producer.send({ topic, messages, compression: CompressionTypes.None });
  }
  await all;
  const seconds = (performance.now() - start) / 1000;
  const { cpuMs } = cpu.end();
  await Promise.all([producer.disconnect(), consumer.disconnect()]);
  await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await admin.disconnect();
  return {
    messages: count, valueBytes, headerBytes, batchSize, messagesPerSecond: round(count / seconds),
    cpuMsPerMessage: round(((cpuMs.kafka ?? 0) + (cpuMs['bench driver'] ?? 0)) / count, 3),
  };
}
