import { randomUUID } from 'node:crypto';
import { Kafka } from 'kafkajs';

export interface RawRecord {
  topic: string;
  key: Buffer | null;
  value: Buffer | null;
  /** All header values concatenated, to search them too. */
  headers: Buffer;
}

/**
 * Reads every record of every topic under `prefix`, as raw bytes, up to each partition's end
 * as it was when the scan began, and hands each to `visit` (a run's million records are
 * searched, not held). Returns how many.
 */
export async function scanRecords(kafka: Kafka, prefix: string, visit: (record: RawRecord) => void, timeoutMs = 30_000): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
  // Each partition's end as it was at the start: the scan is over once every partition was read that far.
  const ends = new Map<string, bigint>();
  let expected = 0;
  for (const topic of topics) {
    for (const o of await admin.fetchTopicOffsets(topic)) {
      if (BigInt(o.high) > BigInt(o.low)) ends.set(`${topic}/${o.partition}`, BigInt(o.high));
      expected += Number(BigInt(o.high) - BigInt(o.low));
    }
  }
  await admin.disconnect();
  if (expected === 0) return 0;
  // readUncommitted: aborted transactions' records are on the log too, and must be clean as well.
  const consumer = kafka.consumer({ groupId: `raw-scan-${randomUUID()}`, readUncommitted: true });
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });
  let count = 0;
  await new Promise<void>((resolve, reject) => {
    let deadline = setTimeout(() => reject(new Error(`raw scan incomplete: ${[...ends.keys()].join(', ')}`)), timeoutMs);
    // How far each batch read, transaction markers included (kafkajs reports a batch of markers
    // alone here too): a partition whose last offsets are markers is still seen to its end.
    consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
      const key = `${payload.topic}/${payload.partition}`;
      const end = ends.get(key);
      if (end !== undefined && BigInt(payload.lastOffset) + 1n >= end) ends.delete(key);
      // Progress pushes the deadline on: a large scan is slow, not stuck.
      clearTimeout(deadline);
      if (ends.size === 0) return resolve();
      deadline = setTimeout(() => reject(new Error(`raw scan stalled: ${[...ends.keys()].join(', ')}`)), timeoutMs);
    });
    consumer
      .run({
        eachMessage: async ({ topic, message }) => {
          const headerBytes = Object.values(message.headers ?? {}).flatMap((h) => (Array.isArray(h) ? h : [h])).filter(Boolean) as (Buffer | string)[];
          visit({ topic, key: message.key, value: message.value, headers: Buffer.concat(headerBytes.map((h) => Buffer.from(h))) });
          count++;
        },
      })
      .catch(reject);
  });
  await consumer.disconnect();
  return count;
}
