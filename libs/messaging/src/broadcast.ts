import { Consumer, Kafka } from 'kafkajs';
import { FETCH_WAIT_MS, SupervisedConsumer, superviseConsumer } from './consumer-supervisor';
import { subscribeWhenAllowed } from './kafka';

/** One kind of document on the broadcast topic: an exact key, or every key with a prefix. */
export interface BroadcastRoute {
  key: string | { prefix: string };
  onValue: (value: string, key: string) => Promise<void>;
}

/**
 * Follows the hub's compacted broadcast topic (trust list, question catalogue, the directory's
 * parts by key prefix) with one consumer, handing each record to the route its key names.
 * Offsets are never committed, so every start reads the topic from the beginning and ends on
 * the newest version of each document.
 */
export async function followBroadcast(
  kafka: Kafka,
  options: { groupId: string; topic: string; routes: BroadcastRoute[]; onCrash?: (error: Error) => void },
): Promise<{ consumer: Consumer; supervision: SupervisedConsumer }> {
  const consumer = kafka.consumer({ groupId: options.groupId, maxWaitTimeInMs: FETCH_WAIT_MS });
  const start = async () => {
    await consumer.connect();
    await subscribeWhenAllowed(consumer, { topic: options.topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ message }) => {
        const key = message.key?.toString() ?? '';
        const route = options.routes.find((r) => (typeof r.key === 'string' ? key === r.key : key.startsWith(r.key.prefix)));
        if (route && message.value) await route.onValue(message.value.toString(), key);
      },
    });
  };
  // A document that kept failing to apply (its database down) must not end the node's following of the hub for good.
  const supervision = superviseConsumer(consumer, start, { onCrash: options.onCrash });
  await start();
  return { consumer, supervision };
}
