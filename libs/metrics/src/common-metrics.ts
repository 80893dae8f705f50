import { Counter, Gauge, Registry } from 'prom-client';
import { PartitionLag } from './consumer-lag';

/** What both the hub and a node report at scrape time; a source not yet wired reports nothing. */
export interface CommonSources {
  /** The version of the trust list in force in this process; 0 before the first. */
  trustListVersion(): number;
  /** The version of the question catalogue in force; 0 before the first. */
  catalogueVersion(): number;
  /** The lag of this process's consumer group on the topic it consumes. */
  consumerLag(): Promise<PartitionLag[]>;
}

/** The metrics the hub and every node have in common, read from their sources at scrape time. */
export class CommonMetrics<S extends CommonSources = CommonSources> {
  /** Set once the application's services exist; until then the scrape-time gauges stay empty. */
  sources: S | null = null;
  readonly collectErrors: Counter<'source'>;

  constructor(readonly registry: Registry) {
    const metrics = this;
    this.collectErrors = new Counter({
      name: 'imi_metrics_collect_errors_total', help: 'Scrapes that could not read a source (Kafka, the database), by source; its metrics are absent from that scrape',
      labelNames: ['source'], registers: [registry],
    });
    new Gauge({
      name: 'imi_trust_list_version', help: 'Version of the signed trust list in force in this process (0 before the first)', registers: [registry],
      collect() {
        if (metrics.sources) this.set(metrics.sources.trustListVersion());
      },
    });
    new Gauge({
      name: 'imi_catalogue_version', help: 'Version of the question catalogue in force in this process (0 before the first)', registers: [registry],
      collect() {
        if (metrics.sources) this.set(metrics.sources.catalogueVersion());
      },
    });
    new Gauge({
      name: 'imi_kafka_consumergroup_lag', help: 'Records a consumer group has still to read, per partition (last stable offset less committed offset)',
      labelNames: ['consumer_group', 'topic', 'partition'], registers: [registry],
      async collect() {
        this.reset();
        const lag = await metrics.read('consumer_lag', (s) => s.consumerLag());
        for (const p of lag ?? []) this.set({ consumer_group: p.consumerGroup, topic: p.topic, partition: String(p.partition) }, p.lag);
      },
    });
  }

  /** Reads a source for a scrape; a failure is counted and leaves that metric out, never fails the scrape. */
  async read<T>(source: string, read: (sources: S) => Promise<T>): Promise<T | null> {
    if (!this.sources) return null;
    try {
      return await read(this.sources);
    } catch {
      this.collectErrors.inc({ source });
      return null;
    }
  }
}
