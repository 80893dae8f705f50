import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Consumer, Kafka } from 'kafkajs';
import { subscribeWhenAllowed, topicNames } from '@imi/messaging';
import { NodeConfig } from '../config';
import { InjectNodeConfig } from '../core.module';
import { InboundProcessor } from './inbound.processor';

/** Messages applied per database transaction. */
const BATCH_SLICE = 200;

/** Reads `node.<CC>.inbox`. An offset is committed only after its message was applied or rejected. */
@Injectable()
export class InboxConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private consumer: Consumer | null = null;

  constructor(
    private readonly kafka: Kafka,
    private readonly processor: InboundProcessor,
    @InjectNodeConfig() private readonly config: NodeConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.consumer = this.kafka.consumer({ groupId: `${this.config.topicPrefix}node.${this.config.country}` });
    await this.consumer.connect();
    await subscribeWhenAllowed(this.consumer, { topic: topicNames(this.config.topicPrefix).inbox(this.config.country), fromBeginning: true });
    await this.consumer.run({
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
          await this.processor.processBatch(slice);
          resolveOffset(slice[slice.length - 1].offset);
          await heartbeat();
        }
      },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.disconnect();
  }
}
