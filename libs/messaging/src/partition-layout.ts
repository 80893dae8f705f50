import { Admin, Kafka, PartitionMetadata } from 'kafkajs';

/** How long a topic's partitions and leaders are taken as read: a leader that moved makes a send span two leaders until then. */
const LAYOUT_TTL_MS = 10_000;

/**
 * The partitions and leaders of the topics a producer writes to, read with an admin client and
 * kept for a few seconds: enough to choose each record's partition (as the producer's
 * partitioner would) and to group records by leader. A failed send forgets it.
 */
export class PartitionLayout {
  private admin: Admin | null = null;
  private layout = new Map<string, PartitionMetadata[]>();
  private readAt = 0;

  constructor(private readonly kafka: Kafka) {}

  async connect(): Promise<void> {
    this.admin = this.kafka.admin();
    await this.admin.connect();
  }

  async of(topics: string[]): Promise<ReadonlyMap<string, PartitionMetadata[]>> {
    if (!this.admin) throw new Error('PartitionLayout used before connect()');
    if (Date.now() - this.readAt > LAYOUT_TTL_MS) this.layout = new Map();
    const missing = [...new Set(topics)].filter((t) => !this.layout.has(t));
    if (missing.length > 0) {
      const { topics: read } = await this.admin.fetchTopicMetadata({ topics: missing });
      if (this.layout.size === 0) this.readAt = Date.now();
      for (const { name, partitions } of read) this.layout.set(name, partitions);
    }
    return this.layout;
  }

  /** Read everything again at the next send (leaders moved, or a send failed). */
  forget(): void {
    this.readAt = 0;
  }

  async close(): Promise<void> {
    await this.admin?.disconnect();
    this.admin = null;
  }
}
