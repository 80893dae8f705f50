import { topicReplication } from './topic-replication';

describe('topicReplication', () => {
  it('keeps three copies, two in sync, on a cluster of three brokers or more', () => {
    for (const brokers of [3, 5]) {
      expect(topicReplication(brokers)).toEqual({ replicationFactor: 3, configEntries: [{ name: 'min.insync.replicas', value: '2' }] });
    }
  });

  it("leaves a smaller cluster to the broker's default", () => {
    for (const brokers of [1, 2]) expect(topicReplication(brokers)).toEqual({ replicationFactor: -1, configEntries: [] });
  });
});
