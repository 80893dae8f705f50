import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CompressionTypes, Kafka, Producer } from 'kafkajs';
import { PoolClient } from 'pg';
import { DirectoryDocument } from '@imi/domain';
import { DIRECTORY_TYPE, NodeKeySet, signHubDocument } from '@imi/envelope';
import { directoryKey, ensureTopics, idempotentProducer, topicNames } from '@imi/messaging';
import { Database } from '@imi/persistence';
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
  private listener: PoolClient | null = null;
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
    this.listener = await this.db.pool.connect();
    this.listener.on('notification', (n) => void this.publish(n.payload && /^[A-Z]{2}$/.test(n.payload) ? n.payload : null));
    await this.listener.query(`LISTEN ${REGISTRY_CHANGED}`);
  }

  async onApplicationShutdown(): Promise<void> {
    this.listener?.release();
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
