import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { CommonMetrics, CommonSources } from './common-metrics';
import { nodeLabel } from './labels';

export const INBOX_OUTCOMES = ['applied', 'duplicate', 'rejected', 'ignored'] as const;

/** What a node reports at scrape time besides the common sources. */
export interface NodeSources extends CommonSources {
  /** Messages taken from the inbox over the node's life, by outcome (the durable inbox_counts). */
  inboxCounts(): Record<(typeof INBOX_OUTCOMES)[number], number>;
  /** Outbox rows not yet published, and the age of the oldest in seconds (0 when none). */
  outboxBacklog(): Promise<{ pending: number; oldestAgeSeconds: number }>;
}

/** Seconds from a sender's `sentAt` to the message applied here: through two outboxes, Kafka twice and the hub. */
const LATENCY_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 3600];

/** A node's metrics: its inbox, outbox, end-to-end latency and retention runs. */
export class NodeMetrics extends CommonMetrics<NodeSources> {
  readonly endToEnd: Histogram<'sender_node'>;
  readonly retentionRuns: Counter<'result'>;
  readonly retentionExchanges: Counter<'action'>;
  readonly retentionLastRun: Gauge;

  constructor(registry: Registry) {
    super(registry);
    const metrics = this;
    this.endToEnd = new Histogram({
      name: 'imi_message_end_to_end_latency_seconds',
      help: 'From the envelope\'s sentAt at the sender to the message applied in this node, by sender node (clocks of two nodes: skew shows here)',
      labelNames: ['sender_node'], buckets: LATENCY_BUCKETS, registers: [registry],
    });
    // A counter kept in the node's database (inbox_counts): it survives restarts, so rates never see a reset after one.
    new Counter({
      name: 'imi_inbox_messages_total', help: 'Messages taken from this node\'s inbox over its life, by outcome: applied, duplicate (dropped: applied before), rejected, ignored (unauthenticated)',
      labelNames: ['outcome'], registers: [registry],
      collect() {
        if (!metrics.sources) return;
        const counts = metrics.sources.inboxCounts();
        this.reset();
        for (const outcome of INBOX_OUTCOMES) this.inc({ outcome }, counts[outcome] ?? 0);
      },
    });
    // One query for both outbox gauges per scrape: the first collected starts it, the second shares it.
    // A scrape that cannot read the database keeps the last reading and counts the failure (imi_metrics_collect_errors_total).
    let backlog: Promise<{ pending: number; oldestAgeSeconds: number } | null> | null = null;
    const readBacklog = () => (backlog ??= this.read('outbox', (s) => s.outboxBacklog()).finally(() => setImmediate(() => (backlog = null))));
    new Gauge({
      name: 'imi_outbox_pending_messages', help: 'Messages in the outbox not yet published to Kafka', registers: [registry],
      async collect() {
        const b = await readBacklog();
        if (b) this.set(b.pending);
      },
    });
    new Gauge({
      name: 'imi_outbox_oldest_pending_age_seconds', help: 'Age of the oldest message in the outbox not yet published (0 when none)', registers: [registry],
      async collect() {
        const b = await readBacklog();
        if (b) this.set(b.oldestAgeSeconds);
      },
    });
    this.retentionRuns = new Counter({
      name: 'imi_retention_runs_total', help: 'Runs of the retention schedule, by result (completed, failed)', labelNames: ['result'], registers: [registry],
    });
    this.retentionExchanges = new Counter({
      name: 'imi_retention_exchanges_total', help: 'Exchanges whose personal data retention blocked or deleted, by action', labelNames: ['action'], registers: [registry],
    });
    this.retentionLastRun = new Gauge({
      name: 'imi_retention_last_completed_run_timestamp_seconds', help: 'When the retention schedule last completed a run (Unix time)', registers: [registry],
    });
    for (const result of ['completed', 'failed']) this.retentionRuns.inc({ result }, 0);
    for (const action of ['blocked', 'deleted']) this.retentionExchanges.inc({ action }, 0);
  }

  /** A message applied here: the time since its sender sent it (negative under clock skew: counted as 0). */
  applied(senderNode: string, sentAt: number, appliedAt = Date.now()): void {
    this.endToEnd.observe({ sender_node: nodeLabel(senderNode) }, Math.max(0, appliedAt - sentAt) / 1000);
  }

  retentionCompleted(run: { blocked: number; deleted: number }, at = new Date()): void {
    this.retentionRuns.inc({ result: 'completed' });
    this.retentionExchanges.inc({ action: 'blocked' }, run.blocked);
    this.retentionExchanges.inc({ action: 'deleted' }, run.deleted);
    this.retentionLastRun.set(at.getTime() / 1000);
  }

  retentionFailed(): void {
    this.retentionRuns.inc({ result: 'failed' });
  }
}
