import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CompressionTypes, Kafka, Producer } from 'kafkajs';
import { NodeKeySet, signTrustList, TrustStore } from '@imi/envelope';
import { ensureTopics, grantNodeAccess, idempotentProducer, sealedTopicRetention, topicNames, TRUST_LIST_KEY } from '@imi/messaging';
import { Database, Listener } from '@imi/persistence';
import { HubConfig } from '../config';
import { InjectHubConfig, InjectHubKeys } from '../core.module';
import { REGISTRY_CHANGED, RegistryRepository } from './registry.repository';

/**
 * Publishes the signed trust list on `hub.broadcast` at start and after every registry change
 * (operator CLI writes the registry and NOTIFYs), and keeps the hub's own TrustStore current.
 * Also creates the topics the network needs, including each registered node's inbox.
 */
@Injectable()
export class TrustListPublisher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TrustListPublisher.name);
  private producer: Producer | null = null;
  private listener: Listener | null = null;
  private signed: string | null = null;
  private publishing: Promise<void> = Promise.resolve();

  constructor(
    private readonly registry: RegistryRepository,
    private readonly db: Database,
    private readonly kafka: Kafka,
    private readonly trust: TrustStore,
    @InjectHubConfig() private readonly config: HubConfig,
    @InjectHubKeys() private readonly keys: NodeKeySet,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const topics = topicNames(this.config.topicPrefix);
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      await ensureTopics(admin, [
        { topic: topics.ingress, partitions: this.config.ingressPartitions, sealed: sealedTopicRetention() },
        { topic: topics.broadcast, partitions: 1, compacted: true },
        { topic: topics.rejected, partitions: 1 },
      ]);
    } finally {
      await admin.disconnect();
    }
    this.producer = idempotentProducer(this.kafka);
    await this.producer.connect();
    await this.publish();
    const republish = () => void this.publish().catch((error) => this.logger.error(`trust list not published: ${error.message}`));
    // A change made while the database connection was lost notified nobody: publish again once it is back.
    this.listener = new Listener(this.db.pool, [REGISTRY_CHANGED], {
      onNotification: republish,
      onReconnect: republish,
      onError: (error) => this.logger.warn(`registry listener lost, reconnecting: ${error.message}`),
    });
    await this.listener.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.listener?.close();
    await this.publishing.catch(() => undefined);
    await this.producer?.disconnect();
  }

  /** The latest signed trust list, for the HTTP endpoint. */
  get current(): string | null {
    return this.signed;
  }

  /** Publishes the registry as it is now; calls are serialised so versions go out in order. */
  publish(): Promise<void> {
    this.publishing = this.publishing.catch(() => undefined).then(() => this.publishNow());
    return this.publishing;
  }

  private async publishNow(): Promise<void> {
    const list = await this.registry.nextTrustList(new Date());
    const topics = topicNames(this.config.topicPrefix);
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      await ensureTopics(admin, list.nodes.map((n) => ({ topic: topics.inbox(n.code), partitions: this.config.inboxPartitions, sealed: sealedTopicRetention() })));
      // On a secured broker each node gets exactly its own topics and groups.
      if (this.config.kafkaCredentials) await grantNodeAccess(admin, this.config.topicPrefix, list.nodes.map((n) => n.code));
    } finally {
      await admin.disconnect();
    }
    const signed = await signTrustList(list, this.keys.signing);
    // Compressed: with every authority of the EEA listed (12,600 in IMI) the list nears a record's 2 MB limit.
    await this.producer!.send({ topic: topics.broadcast, compression: CompressionTypes.GZIP, messages: [{ key: TRUST_LIST_KEY, value: signed }] });
    this.trust.replace(list);
    this.signed = signed;
    this.logger.log(`trust list v${list.version} published: ${list.nodes.length} nodes, ${list.authorities.length} authorities`);
  }
}
