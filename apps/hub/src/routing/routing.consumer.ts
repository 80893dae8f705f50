import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Consumer, EachBatchPayload, Kafka, Producer, TopicMessages } from 'kafkajs';
import { idempotentProducer, topicNames } from '@imi/messaging';
import { HubConfig } from '../config';
import { InjectHubConfig } from '../core.module';
import { HEADERS, MessageRejected } from '@imi/envelope';
import { AuditCheckpointHandler } from '../audit-witness/audit-checkpoint.handler';
import { RegistrationHandler } from '../directory/registration.handler';
import { Router, RoutingOutcome } from './router';

export const ROUTER_GROUP = 'hub.router';

/**
 * Consumes `hub.ingress` and produces the routed copies and rejections inside one Kafka
 * transaction together with the consumed offsets: a crash mid-batch routes nothing twice.
 */
@Injectable()
export class RoutingConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RoutingConsumer.name);
  private consumer: Consumer | null = null;
  private producer: Producer | null = null;
  private readonly group: string;

  constructor(
    private readonly kafka: Kafka,
    private readonly router: Router,
    private readonly registrations: RegistrationHandler,
    private readonly checkpoints: AuditCheckpointHandler,
    @InjectHubConfig() private readonly config: HubConfig,
  ) {
    this.group = `${config.topicPrefix}${ROUTER_GROUP}`;
  }

  async onApplicationBootstrap(): Promise<void> {
    this.producer = idempotentProducer(this.kafka, { transactionalId: `${this.config.topicPrefix}hub-router-${this.config.instanceId}` });
    await this.producer.connect();
    this.consumer = this.kafka.consumer({ groupId: this.group, maxBytesPerPartition: 4 * 1024 * 1024 });
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: topicNames(this.config.topicPrefix).ingress, fromBeginning: true });
    await this.consumer.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch: (payload) => this.route(payload) });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.disconnect();
    await this.producer?.disconnect();
  }

  private async route({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> {
    if (!isRunning() || isStale() || batch.messages.length === 0) return;
    const out = new Map<string, TopicMessages['messages']>();
    let rejected = 0;
    for (const message of batch.messages) {
      const record = { ...message, partition: batch.partition };
      let outcome = await this.router.inspect(record);
      if (outcome.kind === 'for-hub') outcome = await this.applyHere(outcome, message.headers?.[HEADERS.signature]?.toString() ?? '');
      if (outcome.kind === 'reject') rejected++;
      for (const { topic, messages } of this.router.outputs(record, outcome)) {
        out.set(topic, [...(out.get(topic) ?? []), ...messages]);
      }
    }
    const transaction = await this.producer!.transaction();
    try {
      await transaction.sendBatch({ topicMessages: [...out].map(([topic, messages]) => ({ topic, messages })) });
      await transaction.sendOffsets({
        consumerGroupId: this.group,
        topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: (BigInt(batch.lastOffset()) + 1n).toString() }] }],
      });
      await transaction.commit();
    } catch (error) {
      await transaction.abort().catch(() => undefined);
      throw error;
    }
    resolveOffset(batch.lastOffset());
    await heartbeat();
    if (rejected > 0) this.logger.warn(`rejected ${rejected} of ${batch.messages.length} messages on partition ${batch.partition}`);
  }

  /**
   * A message for the hub itself (a directory update, an audit checkpoint) is applied in the
   * hub's database before the batch's transaction: a batch consumed again applies it again as a
   * no-op (by message id). `signature`: the sender's JWS header, verified by the router.
   */
  private async applyHere(outcome: Extract<RoutingOutcome, { kind: 'for-hub' }>, signature: string): Promise<RoutingOutcome> {
    try {
      const { envelope } = outcome;
      const applied = envelope.type === 'audit.checkpoint' ? await this.checkpoints.apply(envelope, signature) : await this.registrations.apply(envelope);
      return { ...outcome, duplicate: applied === 'duplicate' };
    } catch (error) {
      if (!(error instanceof MessageRejected)) throw error;
      return { kind: 'reject', code: error.code, reason: error.message, envelope: outcome.envelope, authenticatedSender: outcome.envelope.senderNode };
    }
  }
}
