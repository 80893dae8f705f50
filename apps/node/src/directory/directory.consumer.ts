import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Consumer, Kafka } from 'kafkajs';
import { DirectoryDocument } from '@imi/domain';
import { DIRECTORY_TYPE, verifyHubDocument } from '@imi/envelope';
import { DIRECTORY_KEY_PREFIX, followBroadcast, topicNames } from '@imi/messaging';
import { NodeConfig } from '../config';
import { InjectNodeConfig } from '../core.module';
import { DirectoryStore } from './directory.store';

/** Reads the hub's signed directory parts from `hub.broadcast` (see followBroadcast) into the store. */
@Injectable()
export class DirectoryConsumer implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(DirectoryConsumer.name);
  private consumer: Consumer | null = null;

  constructor(
    private readonly kafka: Kafka,
    private readonly store: DirectoryStore,
    @InjectNodeConfig() private readonly config: NodeConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.store.loadCached();
    this.consumer = await followBroadcast(this.kafka, {
      groupId: `${this.config.topicPrefix}node.${this.config.country}.directory`,
      topic: topicNames(this.config.topicPrefix).broadcast,
      key: { prefix: DIRECTORY_KEY_PREFIX },
      onValue: async (value, key) => {
        try {
          const document = (await verifyHubDocument(value, DIRECTORY_TYPE, this.config.hubPublicKey)) as DirectoryDocument;
          if (key !== `${DIRECTORY_KEY_PREFIX}${document.node}`) throw new Error(`${key} carries ${document.node}'s part`);
          await this.store.offer(document);
        } catch (error) {
          this.logger.error(`broadcast directory part ${key} refused: ${(error as Error).message}`);
        }
      },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.disconnect();
  }
}
