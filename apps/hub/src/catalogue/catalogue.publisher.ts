import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Kafka, Producer } from 'kafkajs';
import { QuestionCatalogue } from '@imi/domain';
import { CATALOGUE_TYPE, NodeKeySet, signHubDocument } from '@imi/envelope';
import { CATALOGUE_KEY, ensureTopics, idempotentProducer, topicNames } from '@imi/messaging';
import { HubConfig } from '../config';
import { InjectHubConfig, InjectHubKeys } from '../core.module';
import { loadQuestionCatalogue } from './catalogue-file';

/**
 * Publishes the pre-translated question catalogue, signed with the hub key, on the compacted
 * `hub.broadcast` topic at start. Nodes keep the newest version they have verified.
 */
@Injectable()
export class CataloguePublisher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CataloguePublisher.name);
  private producer: Producer | null = null;
  readonly catalogue: QuestionCatalogue = loadQuestionCatalogue();

  constructor(
    private readonly kafka: Kafka,
    @InjectHubConfig() private readonly config: HubConfig,
    @InjectHubKeys() private readonly keys: NodeKeySet,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const topics = topicNames(this.config.topicPrefix);
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      await ensureTopics(admin, [{ topic: topics.broadcast, partitions: 1, compacted: true }]);
    } finally {
      await admin.disconnect();
    }
    this.producer = idempotentProducer(this.kafka);
    await this.producer.connect();
    const signed = await signHubDocument(this.catalogue, CATALOGUE_TYPE, this.keys.signing);
    await this.producer.send({ topic: topics.broadcast, messages: [{ key: CATALOGUE_KEY, value: signed }] });
    this.logger.log(`question catalogue v${this.catalogue.version} published`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer?.disconnect();
  }
}
