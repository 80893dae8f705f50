import { Logger } from '@nestjs/common';
import { Admin, Kafka, Partitioners, PartitionMetadata, Producer, TopicMessages } from 'kafkajs';
import { idempotentProducer } from '@imi/messaging';
import { byLeader } from './leader-batches';
import { committedOffset, isConcurrentTransactions, routerTransactionalId } from './partition-claim';

/** This instance's hold on one ingress partition: its transactional producer and what was routed before it. */
export interface PartitionClaim {
  partition: number;
  producer: Producer;
  /** The group's committed offset read after claiming: records below it were routed by the previous owner. */
  committed: bigint | null;
}

/**
 * One transactional producer per ingress partition this instance routes (the pre-KIP-447
 * pattern). Claiming a partition initialises its transactional id, which bumps the epoch: the
 * previous owner's open transaction is aborted (or its commit completed) and any later request of
 * its is refused as fenced. Only after that is the group's committed offset read, so it includes
 * everything the previous owner committed.
 */
export class PartitionClaims {
  private readonly logger = new Logger('RoutingConsumer');
  private readonly claims = new Map<number, PartitionClaim>();
  private admin: Admin | null = null;
  /** Bumped by releaseAll: a claim begun before it is not kept. */
  private generation = 0;
  /** Partitions and leaders of the topics routed to, read again after LAYOUT_TTL_MS or a failed transaction. */
  private layout = new Map<string, PartitionMetadata[]>();
  private layoutReadAt = 0;
  private readonly partitioner = Partitioners.DefaultPartitioner();

  constructor(
    private readonly kafka: Kafka,
    private readonly topicPrefix: string,
    private readonly group: string,
    private readonly topic: string,
  ) {}

  async connect(): Promise<void> {
    this.admin = this.kafka.admin();
    await this.admin.connect();
  }

  /** The claim on a partition, made now if this instance holds none since its last group join. */
  async claim(partition: number): Promise<PartitionClaim> {
    const held = this.claims.get(partition);
    if (held) return held;
    const generation = this.generation;
    const producer = idempotentProducer(this.kafka, { transactionalId: routerTransactionalId(this.topicPrefix, partition) });
    try {
      await producer.connect();
      // kafkajs sends InitProducerId with a producer's first transaction: an empty one claims now (abort sends nothing).
      await (await producer.transaction()).abort();
      const [offsets] = await this.admin!.fetchOffsets({ groupId: this.group, topics: [this.topic] });
      const committed = committedOffset(offsets?.partitions.find((p) => p.partition === partition)?.offset);
      if (generation !== this.generation) {
        // The group rebalanced while this claim was made: claim again, for the new generation.
        await producer.disconnect().catch(() => undefined);
        return this.claim(partition);
      }
      const claim = { partition, producer, committed };
      this.claims.set(partition, claim);
      this.logger.log(`routes ${this.topic} partition ${partition} from offset ${committed ?? 0}`);
      return claim;
    } catch (error) {
      await producer.disconnect().catch(() => undefined);
      throw error;
    }
  }

  /**
   * Produces the batch's outputs and commits its offset in one transaction. Any failure releases
   * the claim: kafkajs leaves a producer whose commit failed unusable, and the next claim reads
   * the committed offset again (a commit whose answer was lost still counts).
   */
  async route(claim: PartitionClaim, topicMessages: TopicMessages[], nextOffset: string): Promise<void> {
    const transaction = await claim.producer.transaction();
    try {
      // One leader per send: see byLeader (kafkajs would otherwise duplicate records on a cluster).
      for (const send of byLeader(topicMessages, await this.leaders(topicMessages.map((t) => t.topic)), this.partitioner)) {
        await transaction.sendBatch({ topicMessages: send });
      }
      const offsets = { consumerGroupId: this.group, topics: [{ topic: this.topic, partitions: [{ partition: claim.partition, offset: nextOffset }] }] };
      // kafkajs does not retry AddOffsetsToTxn; CONCURRENT_TRANSACTIONS there only means the previous commit is completing.
      await whileConcurrent(() => transaction.sendOffsets(offsets));
      await transaction.commit();
    } catch (error) {
      await transaction.abort().catch(() => undefined);
      await this.release(claim.partition);
      this.layoutReadAt = 0;
      throw error;
    }
  }

  private async leaders(topics: string[]): Promise<Map<string, PartitionMetadata[]>> {
    const missing = [...new Set(topics)].filter((t) => !this.layout.has(t));
    if (Date.now() - this.layoutReadAt > LAYOUT_TTL_MS) {
      this.layout = new Map();
      missing.splice(0, missing.length, ...new Set(topics));
    }
    if (missing.length > 0) {
      const { topics: read } = await this.admin!.fetchTopicMetadata({ topics: missing });
      for (const { name, partitions } of read) this.layout.set(name, partitions);
      this.layoutReadAt = Date.now();
    }
    return this.layout;
  }

  /** Forgets the claim on a partition (another instance may claim it). */
  async release(partition: number): Promise<void> {
    const claim = this.claims.get(partition);
    if (!claim) return;
    this.claims.delete(partition);
    await claim.producer.disconnect().catch(() => undefined);
  }

  /** Forgets every claim: after a group join, each partition is claimed again before it is routed. */
  async releaseAll(): Promise<void> {
    this.generation++;
    await Promise.all([...this.claims.keys()].map((p) => this.release(p)));
  }

  async close(): Promise<void> {
    await this.releaseAll();
    await this.admin?.disconnect();
    this.admin = null;
  }
}

/** How long partition leaders are taken as read: a leader that moved makes a send span two leaders until then. */
const LAYOUT_TTL_MS = 10_000;

/** Retries `action` while the transaction coordinator answers CONCURRENT_TRANSACTIONS, with a short backoff (as Kafka's Java client does). */
export async function whileConcurrent<T>(action: () => Promise<T>, attempts = 50): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await action();
    } catch (error) {
      if (!isConcurrentTransactions(error) || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(20 * attempt, 200)));
    }
  }
}
