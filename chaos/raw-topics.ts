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
 * Reads every record of every topic under `prefix`, as raw bytes, up to the current end, and
 * hands each to `visit` (a run's million records are searched, not held). Returns how many.
 */
export async function scanRecords(kafka: Kafka, prefix: string, visit: (record: RawRecord) => void, timeoutMs = 30_000): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
  const ends = new Map<string, Map<number, bigint>>();
  let expected = 0;
  for (const topic of topics) {
    const offsets = await admin.fetchTopicOffsets(topic);
    ends.set(topic, new Map(offsets.map((o) => [o.partition, BigInt(o.high)])));
    expected += offsets.reduce((n, o) => n + Number(BigInt(o.high) - BigInt(o.low)), 0);
  }
  await admin.disconnect();
  if (expected === 0) return 0;
  // readUncommitted: aborted transactions' records are on the log too, and must be clean as well.
  const consumer = kafka.consumer({ groupId: `raw-scan-${randomUUID()}`, readUncommitted: true });
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });
  // Transaction markers take offsets too, so the end of a partition cannot be told from its
  // high watermark alone: read until every partition that holds data has reached its end as
  // it was at the start (or, failing that, has delivered some) and nothing new arrived for a quiet second.
  const pending = new Set<string>();
  for (const [topic, partitions] of ends) for (const [p, high] of partitions) if (high > 0n) pending.add(`${topic}/${p}`);
  let count = 0;
  await new Promise<void>((resolve, reject) => {
    let quiet: NodeJS.Timeout | undefined;
    let deadline = setTimeout(() => reject(new Error(`raw scan incomplete: ${[...pending].join(', ')}`)), timeoutMs);
    consumer
      .run({
        eachMessage: async ({ topic, partition, message }) => {
          const headerBytes = Object.values(message.headers ?? {}).flatMap((h) => (Array.isArray(h) ? h : [h])).filter(Boolean) as (Buffer | string)[];
          visit({ topic, key: message.key, value: message.value, headers: Buffer.concat(headerBytes.map((h) => Buffer.from(h))) });
          count++;
          pending.delete(`${topic}/${partition}`);
          clearTimeout(quiet);
          // Progress pushes the deadline on: a large scan is slow, not stuck.
          clearTimeout(deadline);
          deadline = setTimeout(() => reject(new Error(`raw scan stalled: ${[...pending].join(', ')}`)), timeoutMs);
          if (pending.size === 0) {
            quiet = setTimeout(() => {
              clearTimeout(deadline);
              resolve();
            }, 1000);
          }
        },
      })
      .catch(reject);
  });
  await consumer.disconnect();
  return count;
}
