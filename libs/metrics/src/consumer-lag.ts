import type { Admin, Kafka } from 'kafkajs';

/** How far one consumer group is behind on one partition. */
export interface PartitionLag {
  consumerGroup: string;
  topic: string;
  partition: number;
  lag: number;
}

/**
 * Lag per partition: the latest committed-read offset (the last stable offset: Kafka answers a
 * read-committed ListOffsets with it) less the group's committed offset. A partition the group
 * never committed counts from the log's start, as `fromBeginning` consumers read it.
 */
export function lagPerPartition(
  consumerGroup: string,
  topic: string,
  latest: { partition: number; high: string; low: string }[],
  committed: { partition: number; offset: string }[],
): PartitionLag[] {
  return latest.map(({ partition, high, low }) => {
    const offset = committed.find((c) => c.partition === partition)?.offset;
    const from = offset === undefined || Number(offset) < 0 ? Number(low) : Number(offset);
    return { consumerGroup, topic, partition, lag: Math.max(0, Number(high) - from) };
  }).sort((a, b) => a.partition - b.partition);
}

/**
 * Reads a consumer group's lag with the admin API when Prometheus scrapes, not from the
 * consumer's own fetches: a consumer that stopped fetching (stuck, crashed, cut off) would
 * otherwise keep showing the lag it last saw, exactly when the lag matters. Two small requests
 * per scrape (OffsetFetch, ListOffsets); concurrent scrapes share one reading. Bounded by a
 * timeout: a scrape during a Kafka outage answers without lag rather than hang.
 */
export class ConsumerLagProbe {
  /** The admin client, connected or connecting: a close during its connection waits for it, then disconnects it. */
  private admin: Promise<Admin> | null = null;
  private reading: Promise<PartitionLag[]> | null = null;
  private closed = false;

  constructor(
    private readonly kafka: Kafka,
    private readonly consumerGroup: string,
    private readonly topic: string,
    private readonly timeoutMs = 2000,
  ) {}

  read(): Promise<PartitionLag[]> {
    if (this.closed) return Promise.reject(new Error('consumer lag probe closed'));
    this.reading ??= this.readNow().finally(() => {
      this.reading = null;
    });
    return this.reading;
  }

  /** At shutdown: no reading after this one. */
  async close(): Promise<void> {
    this.closed = true;
    await this.disconnect();
  }

  private async disconnect(): Promise<void> {
    const admin = this.admin;
    this.admin = null;
    await admin?.then((a) => a.disconnect()).catch(() => undefined);
  }

  private async readNow(): Promise<PartitionLag[]> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`consumer lag not read within ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    try {
      return await Promise.race([this.fetch(), timeout]);
    } catch (error) {
      // A broken connection is made again at the next scrape.
      await this.disconnect();
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  private connected(): Promise<Admin> {
    this.admin ??= (async () => {
      const admin = this.kafka.admin({ retry: { retries: 0 } });
      await admin.connect();
      return admin;
    })();
    return this.admin;
  }

  private async fetch(): Promise<PartitionLag[]> {
    const admin = await this.connected();
    const [latest, groups] = await Promise.all([
      admin.fetchTopicOffsets(this.topic),
      admin.fetchOffsets({ groupId: this.consumerGroup, topics: [this.topic] }),
    ]);
    const committed = groups.find((g) => g.topic === this.topic)?.partitions ?? [];
    return lagPerPartition(this.consumerGroup, this.topic, latest, committed);
  }
}
