import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Kafka, Producer } from 'kafkajs';
import { idempotentProducer, OutboxRelay, PartitionLayout } from '@imi/messaging';
import { Database } from '@imi/persistence';

/** Runs the outbox relay for the node's lifetime, with an idempotent producer. */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelayService.name);
  private producer: Producer | null = null;
  private relay: OutboxRelay | null = null;
  private layout: PartitionLayout | null = null;

  constructor(
    private readonly kafka: Kafka,
    private readonly db: Database,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.producer = idempotentProducer(this.kafka);
    await this.producer.connect();
    this.layout = new PartitionLayout(this.kafka);
    await this.layout.connect();
    this.relay = new OutboxRelay(this.db, this.producer, this.layout, {
      onError: (error) => this.logger.warn(`outbox relay will retry: ${error.message}`),
      onResent: ({ records, resent }) => this.logger.warn(`kafkajs left ${resent} of ${records} records unsent after a leader moved; sent again`),
    });
    await this.relay.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay?.stop();
    await this.producer?.disconnect();
    await this.layout?.close();
  }
}
