import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Consumer, Kafka } from 'kafkajs';
import { TrustStore, verifyTrustList } from '@imi/envelope';
import { followBroadcast, topicNames, TRUST_LIST_KEY } from '@imi/messaging';
import { NodeConfig } from '../config';
import { InjectNodeConfig } from '../core.module';
import { EpochKeys } from './epoch-keys';

/**
 * Reads the hub's signed trust list from `hub.broadcast` (see followBroadcast). Start-up waits for a first list: without one, no message can be checked. Every new list
 * also re-reads the node's key set, so rotated and destroyed epoch keys take effect at once.
 */
@Injectable()
export class TrustListConsumer implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(TrustListConsumer.name);
  private consumer: Consumer | null = null;

  constructor(
    private readonly kafka: Kafka,
    private readonly trust: TrustStore,
    private readonly epochKeys: EpochKeys,
    @InjectNodeConfig() private readonly config: NodeConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    let first: () => void = () => undefined;
    const received = new Promise<void>((resolve) => (first = resolve));
    this.consumer = await followBroadcast(this.kafka, {
      groupId: `${this.config.topicPrefix}node.${this.config.country}.broadcast`,
      topic: topicNames(this.config.topicPrefix).broadcast,
      key: TRUST_LIST_KEY,
      onValue: async (value) => {
        try {
          const list = await verifyTrustList(value, this.config.hubPublicKey);
          if (this.trust.replace(list)) {
            this.logger.log(`trust list v${list.version} in force`);
            this.epochKeys.refresh();
          }
          first();
        } catch (error) {
          this.logger.error(`broadcast trust list refused: ${(error as Error).message}`);
        }
      },
    });
    const timeout = setTimeout(() => this.logger.warn('still waiting for a trust list from the hub'), 15_000);
    await received;
    clearTimeout(timeout);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.disconnect();
  }
}
