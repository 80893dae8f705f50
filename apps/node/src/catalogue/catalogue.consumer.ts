import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Consumer, Kafka } from 'kafkajs';
import { CATALOGUE_TYPE, verifyHubDocument } from '@imi/envelope';
import { CATALOGUE_KEY, topicNames } from '@imi/messaging';
import { NodeConfig } from '../config';
import { InjectNodeConfig } from '../core.module';
import { CatalogueStore } from './catalogue.store';

/**
 * Reads the hub's signed question catalogue from `hub.broadcast` (from the beginning, never
 * committing). A node that has a cached catalogue starts at once; a new node waits for one.
 */
@Injectable()
export class CatalogueConsumer implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(CatalogueConsumer.name);
  private consumer: Consumer | null = null;

  constructor(
    private readonly kafka: Kafka,
    private readonly store: CatalogueStore,
    @InjectNodeConfig() private readonly config: NodeConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    const cached = await this.store.loadCached();
    let first: () => void = () => undefined;
    const received = new Promise<void>((resolve) => (first = resolve));
    this.consumer = this.kafka.consumer({ groupId: `${this.config.topicPrefix}node.${this.config.country}.catalogue` });
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: topicNames(this.config.topicPrefix).broadcast, fromBeginning: true });
    await this.consumer.run({
      autoCommit: false,
      eachMessage: async ({ message }) => {
        if (message.key?.toString() !== CATALOGUE_KEY || !message.value) return;
        try {
          const document = await verifyHubDocument(message.value.toString(), CATALOGUE_TYPE, this.config.hubPublicKey);
          if (await this.store.offer(document)) this.logger.log(`question catalogue v${this.store.version} in force`);
          first();
        } catch (error) {
          this.logger.error(`broadcast question catalogue refused: ${(error as Error).message}`);
        }
      },
    });
    if (cached) return;
    const timeout = setTimeout(() => this.logger.warn('still waiting for a question catalogue from the hub'), 15_000);
    await received;
    clearTimeout(timeout);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.disconnect();
  }
}
