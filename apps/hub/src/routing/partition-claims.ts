import { Logger } from '@nestjs/common';
import { Admin, Kafka, Partitioners, Producer, TopicMessages } from 'kafkajs';
import { byLeader, idempotentProducer, PartitionLayout, sendEveryPartition } from '@imi/messaging';
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
  /** Partitions and leaders of the topics routed to, read again after a while or a failed transaction. */
  private readonly layout: PartitionLayout;
  private readonly partitioner = Partitioners.DefaultPartitioner();

  constructor(
    private readonly kafka: Kafka,
    private readonly topicPrefix: string,
    private readonly group: string,
    private readonly topic: string,
  ) {
    this.layout = new PartitionLayout(kafka);
  }

  async connect(): Promise<void> {
    this.admin = this.kafka.admin();
    await this.admin.connect();
    await this.layout.connect();
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
      // One leader per send: see byLeader (kafkajs would otherwise duplicate records on a cluster);
      // and every partition acknowledged: see sendEveryPartition (kafkajs can drop a moved leader's records).
      for (const send of byLeader(topicMessages, await this.layout.of(topicMessages.map((t) => t.topic)), this.partitioner)) {
        const { records, resent } = await sendEveryPartition((batch) => transaction.sendBatch({ topicMessages: batch }), send);
        if (resent > 0) this.logger.warn(`kafkajs left ${resent} of ${records} records unsent after a leader moved; sent again`);
      }
      const offsets = { consumerGroupId: this.group, topics: [{ topic: this.topic, partitions: [{ partition: claim.partition, offset: nextOffset }] }] };
      // kafkajs does not retry AddOffsetsToTxn; CONCURRENT_TRANSACTIONS there only means the previous commit is completing.
      await whileConcurrent(() => transaction.sendOffsets(offsets));
      await transaction.commit();
    } catch (error) {
      await transaction.abort().catch(() => undefined);
      await this.releaseClaim(claim);
      this.layout.forget();
      throw error;
    }
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
    await this.layout.close();
    this.admin = null;
  }
}

