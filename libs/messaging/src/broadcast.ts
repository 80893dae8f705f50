import { Consumer, Kafka } from 'kafkajs';

/**
 * Follows one kind of document on the hub's compacted broadcast topic (trust list, question
 * catalogue, the directory's parts by key prefix). Offsets are never committed, so every start reads the topic from the beginning
 * and ends on the newest version; `onValue` sees each version of the document under `key`.
 */
export async function followBroadcast(
  kafka: Kafka,
  options: { groupId: string; topic: string; key: string | { prefix: string }; onValue: (value: string, key: string) => Promise<void> },
): Promise<Consumer> {
  const consumer = kafka.consumer({ groupId: options.groupId });
  await consumer.connect();
  await consumer.subscribe({ topic: options.topic, fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachMessage: async ({ message }) => {
      const key = message.key?.toString() ?? '';
      const wanted = typeof options.key === 'string' ? key === options.key : key.startsWith(options.key.prefix);
      if (wanted && message.value) await options.onValue(message.value.toString(), key);
    },
  });
  return consumer;
}
