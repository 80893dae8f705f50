import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CompressionTypes, Kafka, Producer } from 'kafkajs';
import { DirectoryDocument } from '@imi/domain';
import { DIRECTORY_TYPE, NodeKeySet, signHubDocument } from '@imi/envelope';
import { directoryKey, ensureTopics, idempotentProducer, topicNames } from '@imi/messaging';
import { Database, Listener } from '@imi/persistence';
import { HubConfig } from '../config';
import { InjectHubConfig, InjectHubKeys } from '../core.module';
import { REGISTRY_CHANGED } from '../registry/registry.repository';
import { DirectoryRepository } from './directory.repository';

/**
 * Broadcasts the directory, one signed document per member state (key `directory.CC` on the
 * compacted `hub.broadcast`), at start and whenever the registry changes: a node's update
 * republishes that state's part only. Gzip keeps a large state's part well inside a record.
 */
@Injectable()
export class DirectoryPublisher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DirectoryPublisher.name);
  private producer: Producer | null = null;
  private listener: Listener | null = null;
  private publishing: Promise<void> = Promise.resolve();

  constructor(
    private readonly kafka: Kafka,
    private readonly db: Database,
    private readonly directory: DirectoryRepository,
    @InjectHubConfig() private readonly config: HubConfig,
    @InjectHubKeys() private readonly keys: NodeKeySet,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      await ensureTopics(admin, [{ topic: topicNames(this.config.topicPrefix).broadcast, partitions: 1, compacted: true }]);
    } finally {
      await admin.disconnect();
    }
    this.producer = idempotentProducer(this.kafka);
    await this.producer.connect();
    await this.publish(null);
    // A change made while the database connection was lost notified nobody: every state's part goes out again once it is back.
    this.listener = new Listener(this.db.pool, [REGISTRY_CHANGED], {
      onNotification: (n) => void this.publish(n.payload && /^[A-Z]{2}$/.test(n.payload) ? n.payload : null),
      onReconnect: () => void this.publish(null),
      onError: (error) => this.logger.warn(`registry listener lost, reconnecting: ${error.message}`),
    });
    await this.listener.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.listener?.close();
    await this.publishing.catch(() => undefined);
    await this.producer?.disconnect();
  }

  /** Publishes one member state's part, or every state's (null); calls run one after another. */
  publish(node: string | null): Promise<void> {
    this.publishing = this.publishing
      .catch(() => undefined)
      .then(() => this.publishNow(node))
      .catch((error) => this.logger.error(`directory not published: ${error.message}`));
    return this.publishing;
  }

  private async publishNow(node: string | null): Promise<void> {
    const nodes = node ? [node] : await this.directory.nodes();
    const messages = [];
    for (const code of nodes) {
      const document: DirectoryDocument = { node: code, version: Date.now(), issuedAt: new Date().toISOString(), entries: await this.directory.entriesOf(code) };
      messages.push({ key: directoryKey(code), value: await signHubDocument(document, DIRECTORY_TYPE, this.keys.signing) });
    }
    await this.producer!.send({ topic: topicNames(this.config.topicPrefix).broadcast, compression: CompressionTypes.GZIP, messages });
    this.logger.log(`directory published for ${nodes.join(', ')}`);
  }
}
