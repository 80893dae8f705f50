/** How a new topic is replicated, given how many brokers the cluster has. */
export interface TopicReplication {
  replicationFactor: number;
  configEntries: { name: string; value: string }[];
}

/**
 * Three copies, of which two must have a write before an acks=all producer hears it is
 * stored, once the cluster has three brokers: one broker may die without losing or refusing
 * writes. Below three, the broker's default (-1), which on a single broker is one copy.
 */
export function topicReplication(brokers: number): TopicReplication {
  return brokers >= 3
    ? { replicationFactor: 3, configEntries: [{ name: 'min.insync.replicas', value: '2' }] }
    : { replicationFactor: -1, configEntries: [] };
}
