import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Consumer, Kafka } from 'kafkajs';
import { followBroadcast, SupervisedConsumer, topicNames } from '@imi/messaging';
import { CatalogueReader } from '../catalogue/catalogue.reader';
import { NodeConfig } from '../config';
import { InjectNodeConfig } from '../core.module';
import { DirectoryReader } from '../directory/directory.reader';
import { TrustListReader } from '../trust/trust-list.reader';
import { BroadcastReader } from './broadcast-reader';

/**
 * One consumer of `hub.broadcast` for the trust list, the question catalogue and the directory,
 * rather than one each: a single group join at start, and the topic read once. Start-up waits
 * until every reader is ready (a first trust list; a catalogue unless one is cached), so nothing
 * is checked or applied before; the inbox and the outbox start after every module's init.
 */
@Injectable()
export class BroadcastConsumer implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(BroadcastConsumer.name);
  private readonly readers: BroadcastReader[];
  private consumer: Consumer | null = null;
  private supervision: SupervisedConsumer | null = null;

  constructor(
    private readonly kafka: Kafka,
    trustList: TrustListReader,
    catalogue: CatalogueReader,
    directory: DirectoryReader,
    @InjectNodeConfig() private readonly config: NodeConfig,
  ) {
    this.readers = [trustList, catalogue, directory];
  }

  async onModuleInit(): Promise<void> {
    ({ consumer: this.consumer, supervision: this.supervision } = await followBroadcast(this.kafka, {
      groupId: `${this.config.topicPrefix}node.${this.config.country}.broadcast`,
      topic: topicNames(this.config.topicPrefix).broadcast,
      routes: this.readers,
      onCrash: (error) => this.logger.warn(`broadcast consumer restarts: ${error.message}`),
    }));
    for (const reader of this.readers) {
      const timeout = setTimeout(() => this.logger.warn(`still waiting for a ${reader.document} from the hub`), 15_000);
      await reader.ready();
      clearTimeout(timeout);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.supervision?.stop();
    await this.consumer?.disconnect();
  }
}
