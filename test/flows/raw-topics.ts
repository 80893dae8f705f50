import { randomUUID } from 'node:crypto';
import { createKafka } from '@imi/messaging';
import { kafkaCredentials, stackEndpoints } from '../stack/endpoints';

export interface RawRecord {
  topic: string;
  key: Buffer | null;
  value: Buffer | null;
  /** All header values concatenated, to search them too. */
  headers: Buffer;
}

/** Reads every record of every topic under `prefix`, as raw bytes, up to the current end. */
export async function readAllRecords(prefix: string): Promise<RawRecord[]> {
  const kafka = createKafka(stackEndpoints().kafkaBrokers, 'raw-scan', kafkaCredentials('admin'));
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
  const records: RawRecord[] = [];
  if (expected === 0) return records;
  // readUncommitted: aborted transactions' records are on the log too, and must be clean as well.
  const consumer = kafka.consumer({ groupId: `raw-scan-${randomUUID()}`, readUncommitted: true });
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });
  // Transaction markers take offsets too, so the end of a partition cannot be told from its
  // high watermark alone: read until every partition that holds data has delivered some and
  // nothing new arrived for a quiet second.
  const pending = new Set<string>();
  for (const [topic, partitions] of ends) for (const [p, high] of partitions) if (high > 0n) pending.add(`${topic}/${p}`);
  await new Promise<void>((resolve, reject) => {
    let quiet: NodeJS.Timeout | undefined;
    const deadline = setTimeout(() => reject(new Error(`raw scan incomplete: ${[...pending].join(', ')}`)), 30_000);
    consumer
      .run({
        eachMessage: async ({ topic, partition, message }) => {
          const headerBytes = Object.values(message.headers ?? {}).flatMap((h) => (Array.isArray(h) ? h : [h])).filter(Boolean) as (Buffer | string)[];
          records.push({ topic, key: message.key, value: message.value, headers: Buffer.concat(headerBytes.map((h) => Buffer.from(h))) });
          pending.delete(`${topic}/${partition}`);
          clearTimeout(quiet);
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
  return records;
}
