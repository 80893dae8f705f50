import { Logger } from '@nestjs/common';
import { Admin, Kafka, Partitioners, PartitionMetadata, Producer, TopicMessages } from 'kafkajs';
import { idempotentProducer } from '@imi/messaging';
import { byLeader } from './leader-batches';
import { committedOffset, routerTransactionalId, whileConcurrent } from './partition-claim';

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
  /** Claims held or being made, by partition. */
  private readonly claims = new Map<number, Promise<PartitionClaim>>();
  /** Claims let go of and still closing: a new claim on the partition waits for them, or the old one, initialised last, would fence it. */
  private readonly closing = new Map<number, Promise<unknown>>();
  private admin: Admin | null = null;
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
  claim(partition: number): Promise<PartitionClaim> {
    const held = this.claims.get(partition);
    if (held) return held;
    const claiming = this.claimNow(partition);
    this.claims.set(partition, claiming);
    claiming.catch(() => {
      if (this.claims.get(partition) === claiming) this.claims.delete(partition);
    });
    return claiming;
  }

  private async claimNow(partition: number): Promise<PartitionClaim> {
    await this.closing.get(partition)?.catch(() => undefined);
    const producer = idempotentProducer(this.kafka, { transactionalId: routerTransactionalId(this.topicPrefix, partition) });
    try {
      await producer.connect();
      // kafkajs sends InitProducerId with a producer's first transaction: an empty one claims now (abort sends nothing).
      await (await producer.transaction()).abort();
      const [offsets] = await this.admin!.fetchOffsets({ groupId: this.group, topics: [this.topic] });
      const committed = committedOffset(offsets?.partitions.find((p) => p.partition === partition)?.offset);
      this.logger.log(`routes ${this.topic} partition ${partition} from offset ${committed ?? 0}`);
      return { partition, producer, committed };
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
      await this.releaseClaim(claim);
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
  release(partition: number): Promise<void> {
    const claim = this.claims.get(partition);
    if (!claim) return Promise.resolve();
    this.claims.delete(partition);
    const closed = claim.then((c) => c.producer.disconnect()).catch(() => undefined);
    this.closing.set(partition, closed);
    void closed.then(() => {
      if (this.closing.get(partition) === closed) this.closing.delete(partition);
    });
    return closed;
  }

  /** Releases this claim if it is still the partition's (a newer one may have replaced it), else only closes its producer. */
  private async releaseClaim(claim: PartitionClaim): Promise<void> {
    const current = this.claims.get(claim.partition);
    if (current && (await current.catch(() => null)) === claim && this.claims.get(claim.partition) === current) return this.release(claim.partition);
    await claim.producer.disconnect().catch(() => undefined);
  }

  /** Forgets every claim: after a group join, each partition is claimed again before it is routed. */
  async releaseAll(): Promise<void> {
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
