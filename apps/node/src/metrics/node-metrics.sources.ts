import { Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Kafka } from 'kafkajs';
import { TrustStore } from '@imi/envelope';
import { topicNames } from '@imi/messaging';
import { ConsumerLagProbe, NodeMetrics } from '@imi/metrics';
import { Database } from '@imi/persistence';
import { CatalogueStore } from '../catalogue/catalogue.store';
import { NodeConfig } from '../config';
import { InjectNodeConfig } from '../core.module';
import { InboundProcessor } from '../messaging/inbound.processor';

/** A scrape waits this long for the database, then answers without the outbox figures. */
const OUTBOX_QUERY_TIMEOUT_MS = 2000;

/**
 * Wires what a node reports at scrape time: inbox totals (kept in memory from inbox_counts),
 * the outbox backlog (one query on the partial index of unsent rows: the count reads only the
 * backlog, the oldest row is the first of that index), the inbox group's lag, trust list and
 * catalogue versions.
 */
@Injectable()
export class NodeMetricsSources implements OnModuleInit, OnApplicationShutdown {
  private readonly lag: ConsumerLagProbe;

  constructor(
    private readonly metrics: NodeMetrics,
    private readonly db: Database,
    private readonly trust: TrustStore,
    private readonly modules: ModuleRef,
    kafka: Kafka,
    @InjectNodeConfig() config: NodeConfig,
  ) {
    this.lag = new ConsumerLagProbe(kafka, `${config.topicPrefix}node.${config.country}`, topicNames(config.topicPrefix).inbox(config.country));
  }

  onModuleInit(): void {
    // Owned by their modules: looked up, not imported, so metrics depend on no capability's wiring.
    const inbound = this.modules.get(InboundProcessor, { strict: false });
    const catalogue = this.modules.get(CatalogueStore, { strict: false });
    this.metrics.sources = {
      trustListVersion: () => this.trust.version,
      catalogueVersion: () => catalogue.version,
      consumerLag: () => this.lag.read(),
      inboxCounts: () => inbound.counts,
      outboxBacklog: () => this.outboxBacklog(),
    };
  }

  async onApplicationShutdown(): Promise<void> {
    this.metrics.sources = null;
    await this.lag.close();
  }

  private async outboxBacklog(): Promise<{ pending: number; oldestAgeSeconds: number }> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('outbox backlog not read in time')), OUTBOX_QUERY_TIMEOUT_MS);
    });
    const query = this.db.query<{ pending: string; oldest_age: number | null }>(
      `SELECT count(*) AS pending,
              extract(epoch FROM now() - (SELECT created_at FROM outbox_messages WHERE sent_at IS NULL ORDER BY id LIMIT 1))::float8 AS oldest_age
         FROM outbox_messages WHERE sent_at IS NULL`,
    );
    try {
      const [row] = await Promise.race([query, timeout]);
      return { pending: Number(row.pending), oldestAgeSeconds: Math.max(0, row.oldest_age ?? 0) };
    } finally {
      clearTimeout(timer);
      query.catch(() => undefined);
    }
  }
}
