import { randomUUID } from 'node:crypto';
import { Kafka } from 'kafkajs';
import { CapturedRecord } from './material';

/**
 * The first `count` records of `topic` (from its beginning, all partitions), as material for
 * hostile records. Read them after they were delivered: a re-signed copy of a message id that
 * has not arrived yet would be the one applied. `accept` picks which records to keep.
 */
export async function captureRecords(kafka: Kafka, topic: string, count: number, options: { timeoutMs?: number; accept?: (record: CapturedRecord) => boolean } = {}): Promise<CapturedRecord[]> {
  const consumer = kafka.consumer({ groupId: `hostile-capture-${randomUUID()}`, maxWaitTimeInMs: 200 });
  const records: CapturedRecord[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    const done = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`only ${records.length} of ${count} records on ${topic}`)), options.timeoutMs ?? 30_000);
      void consumer.run({
        eachMessage: async ({ message }) => {
          if (records.length >= count) return;
          const record: CapturedRecord = { key: message.key, value: message.value, headers: message.headers as CapturedRecord['headers'] };
          if (options.accept && !options.accept(record)) return;
          records.push(record);
          if (records.length >= count) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
    await done;
  } finally {
    await consumer.disconnect();
  }
  return records;
}
