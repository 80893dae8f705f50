import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Consumer, Kafka } from 'kafkajs';
import { CATALOGUE_TYPE, verifyHubDocument } from '@imi/envelope';
import { CATALOGUE_KEY, followBroadcast, topicNames } from '@imi/messaging';
import { NodeConfig } from '../config';
import { InjectNodeConfig } from '../core.module';
import { CatalogueStore } from './catalogue.store';

/**
 * Reads the hub's signed question catalogue from `hub.broadcast` (see followBroadcast). A node
 * that has a cached catalogue starts at once; a new node waits for one.
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
    this.consumer = await followBroadcast(this.kafka, {
      groupId: `${this.config.topicPrefix}node.${this.config.country}.catalogue`,
      topic: topicNames(this.config.topicPrefix).broadcast,
      key: CATALOGUE_KEY,
      onValue: async (value) => {
        try {
          const document = await verifyHubDocument(value, CATALOGUE_TYPE, this.config.hubPublicKey);
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
