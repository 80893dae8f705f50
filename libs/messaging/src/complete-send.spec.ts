import { RecordMetadata, TopicMessages } from 'kafkajs';
import { IncompleteSendError, sendEveryPartition } from './complete-send';

const ack = (topicName: string, partition: number): RecordMetadata => ({ topicName, partition, errorCode: 0, baseOffset: '0' });

/** Records of inbox.DE on partitions 0–2 and one of inbox.FR on partition 1. */
const batch = (): TopicMessages[] => [
  { topic: 'inbox.DE', messages: [0, 1, 2, 0].map((partition, i) => ({ key: `case-${i}`, value: `v${i}`, partition })) },
  { topic: 'inbox.FR', messages: [{ key: 'case-9', value: 'v9', partition: 1 }] },
];

describe('a send that every partition must acknowledge', () => {
  it('sends once when kafkajs answers for every partition', async () => {
    const sent: TopicMessages[][] = [];
    const outcome = await sendEveryPartition(async (b) => {
      sent.push(b);
      return b.flatMap(({ topic, messages }) => [...new Set(messages.map((m) => m.partition!))].map((p) => ack(topic, p)));
    }, batch());
    expect(sent).toHaveLength(1);
    expect(outcome).toEqual({ records: 5, resent: 0 });
  });

  it('sends again, and only, the records of a partition the answer left out (kafkajs after a leader moved)', async () => {
    const sent: TopicMessages[][] = [];
    const outcome = await sendEveryPartition(async (b) => {
      sent.push(b);
      // First round: the answer of the broker that took partition 2 over covers only its own partitions.
      if (sent.length === 1) return [ack('inbox.DE', 0), ack('inbox.DE', 1), ack('inbox.FR', 1)];
      return [ack('inbox.DE', 2)];
    }, batch());
    expect(sent).toHaveLength(2);
    expect(sent[1]).toEqual([{ topic: 'inbox.DE', messages: [{ key: 'case-2', value: 'v2', partition: 2 }] }]);
    expect(outcome).toEqual({ records: 5, resent: 1 });
  });

  it('gives up with a typed error, naming the partitions, when a partition is never acknowledged', async () => {
    let rounds = 0;
    const sending = sendEveryPartition(async () => {
      rounds++;
      return [ack('inbox.DE', 0), ack('inbox.DE', 1), ack('inbox.FR', 1)];
    }, batch());
    await expect(sending).rejects.toThrow(IncompleteSendError);
    await expect(sending).rejects.toMatchObject({ partitions: ['inbox.DE/2'] });
    expect(rounds).toBe(5);
  });

  it('passes a failed send\'s error on (the caller keeps the records to send again)', async () => {
    await expect(sendEveryPartition(async () => { throw new Error('broker gone'); }, batch())).rejects.toThrow('broker gone');
  });

  it('refuses records whose partition was not chosen, before sending anything', async () => {
    const send = jest.fn();
    await expect(sendEveryPartition(send, [{ topic: 'inbox.DE', messages: [{ key: 'k', value: 'v' }] }])).rejects.toThrow(/partition chosen/);
    expect(send).not.toHaveBeenCalled();
  });
});
