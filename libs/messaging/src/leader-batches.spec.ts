import { Partitioners, PartitionMetadata } from 'kafkajs';
import { byLeader } from './leader-batches';

const partitions = (leaders: number[]): PartitionMetadata[] =>
  leaders.map((leader, partitionId) => ({ partitionId, leader, partitionErrorCode: 0, replicas: [leader], isr: [leader] }));

describe('a transaction\'s records, one send per partition leader', () => {
  const layout = new Map([['inbox.DE', partitions([1, 2, 3])], ['inbox.FR', partitions([2, 3, 1])], ['rejected', partitions([3])]]);
  const partitioner = Partitioners.DefaultPartitioner();

  it('puts every record in the batch of its partition\'s leader, with the partition the producer would choose', () => {
    const messages = Array.from({ length: 30 }, (_, i) => ({ key: `case-${i}`, value: `v${i}` }));
    const sends = byLeader([{ topic: 'inbox.DE', messages }, { topic: 'inbox.FR', messages }, { topic: 'rejected', messages: [{ key: null, value: 'n' }] }], layout, partitioner);
    expect(sends.length).toBe(3);
    for (const send of sends) {
      const leaders = new Set(send.flatMap(({ topic, messages: m }) => m.map((r) => layout.get(topic)!.find((p) => p.partitionId === r.partition)!.leader)));
      expect(leaders.size).toBe(1);
    }
    const all = sends.flat().flatMap(({ topic, messages: m }) => m.map((r) => `${topic}|${r.value}|${r.partition}`));
    expect(all).toHaveLength(61);
    const fresh = Partitioners.DefaultPartitioner();
    for (const m of messages) {
      const expected = fresh({ topic: 'inbox.DE', partitionMetadata: layout.get('inbox.DE')!, message: m });
      expect(all).toContain(`inbox.DE|${m.value}|${expected}`);
    }
  });

  it('keeps the order of one partition\'s records', () => {
    const messages = Array.from({ length: 20 }, (_, i) => ({ key: 'same-case', value: String(i) }));
    const [send] = byLeader([{ topic: 'inbox.DE', messages }], layout, partitioner);
    expect(send[0].messages.map((m) => m.value)).toEqual(messages.map((m) => m.value));
  });

  it('refuses a topic it has no metadata for rather than guess', () => {
    expect(() => byLeader([{ topic: 'unknown', messages: [{ key: 'k', value: 'v' }] }], layout, partitioner)).toThrow(/no partition metadata/);
  });
});
