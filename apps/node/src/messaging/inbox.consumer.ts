import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Consumer, Kafka } from 'kafkajs';
import { FETCH_WAIT_MS, subscribeWhenAllowed, SupervisedConsumer, superviseConsumer, topicNames } from '@imi/messaging';
import { NodeConfig } from '../config';
import { InjectNodeConfig } from '../core.module';
import { InboundProcessor } from './inbound.processor';

/** Messages applied per database transaction. */
const BATCH_SLICE = 200;

/** The inbox consumer's Kafka session; it heartbeats between slices of a batch. */
const INBOX_SESSION_TIMEOUT_MS = 10_000;

/** Reads `node.<CC>.inbox`. An offset is committed only after its message was applied or rejected. */
@Injectable()
export class InboxConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(InboxConsumer.name);
  private consumer: Consumer | null = null;
  private supervision: SupervisedConsumer | null = null;
  /** Set once the broker let the consumer subscribe (the hub grants a new node its inbox). */
  private granted = false;

  constructor(
    private readonly kafka: Kafka,
    private readonly processor: InboundProcessor,
    @InjectNodeConfig() private readonly config: NodeConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const consumer = this.kafka.consumer({
      groupId: `${this.config.topicPrefix}node.${this.config.country}`,
      maxWaitTimeInMs: FETCH_WAIT_MS,
      // A node that crashed comes back as a new member; the group waits for the dead one's
      // session to end before it hands the inbox over, so this is how long a restarted node
      // waits for its inbox (Kafka's 30 s default made it 30 s; the heartbeat stays at 3 s).
      sessionTimeout: INBOX_SESSION_TIMEOUT_MS,
    });
    this.consumer = consumer;
    // A batch that keeps failing (the database is down) crashes the consumer; it must start again, not stay stopped.
    this.supervision = superviseConsumer(consumer, () => this.start(consumer), {
      onCrash: (error) => this.logger.warn(`inbox consumer restarts: ${error.message}`),
    });
    await this.start(consumer);
  }

  /** Whether the consumer is in its group, for the readiness probe. */
  get ready(): boolean {
    return this.supervision?.ready ?? false;
  }

  /** Whether the node still waits for the broker to let it read its inbox (or has not asked yet), for the readiness probe. */
  get waitingForGrant(): boolean {
    return !this.granted;
  }

  private async start(consumer: Consumer): Promise<void> {
    await consumer.connect();
    await subscribeWhenAllowed(consumer, { topic: topicNames(this.config.topicPrefix).inbox(this.config.country), fromBeginning: true });
    this.granted = true;
    await consumer.run({
      partitionsConsumedConcurrently: 3,
      // Resolved offsets are committed once a second rather than after every batch: each commit
      // is a write to Kafka's offsets log. A crash redelivers at most a second of messages, which
      // the inbox recognises by message id and applies no second time.
      autoCommitInterval: 1000,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
        // Slices keep one transaction short and let heartbeats through on a long backlog.
        for (let i = 0; i < batch.messages.length && isRunning() && !isStale(); i += BATCH_SLICE) {
          const slice = batch.messages.slice(i, i + BATCH_SLICE);
          await this.processor.processBatch(slice, batch.partition);
          resolveOffset(slice[slice.length - 1].offset);
          await heartbeat();
        }
      },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.supervision?.stop();
    await this.consumer?.disconnect();
  }
}
