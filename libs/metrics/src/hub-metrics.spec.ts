import { Registry } from 'prom-client';
import { HubMetrics } from './hub-metrics';
import { NodeMetrics } from './node-metrics';

describe('hub metrics', () => {
  it('counts routed, applied and rejected messages with labels from closed sets only', async () => {
    const metrics = new HubMetrics(new Registry());
    metrics.count([
      { kind: 'route', type: 'request.sent', senderNode: 'FR' },
      { kind: 'route', type: 'request.sent', senderNode: 'FR' },
      { kind: 'for-hub', type: 'directory.updated', senderNode: 'DE' },
      { kind: 'reject', type: 'request.sent', senderNode: 'FR', code: 'unknown-recipient' },
      // A forged record: no authenticated sender, a type and a code no check vouched for.
      { kind: 'reject', type: 'Amélie-Zoé Testperson', senderNode: 'Testperson-Lefèvre', code: 'born 1979-03-14' },
    ]);
    const text = await metrics.registry.metrics();
    expect(text).toContain('imi_hub_messages_routed_total{type="request.sent",sender_node="FR"} 2');
    expect(text).toContain('imi_hub_messages_applied_total{type="directory.updated",sender_node="DE"} 1');
    expect(text).toContain('imi_hub_messages_rejected_total{type="request.sent",sender_node="FR",code="unknown-recipient"} 1');
    expect(text).toContain('imi_hub_messages_rejected_total{type="unknown",sender_node="unknown",code="unknown"} 1');
    expect(text).not.toMatch(/Testperson|Amélie|1979/);
  });

  it('reports versions and lag from its sources, and leaves out a source that fails', async () => {
    const metrics = new HubMetrics(new Registry());
    metrics.sources = {
      trustListVersion: () => 7,
      catalogueVersion: () => 3,
      consumerLag: async () => [{ consumerGroup: 'hub.router', topic: 'hub.ingress', partition: 2, lag: 5 }],
    };
    let text = await metrics.registry.metrics();
    expect(text).toContain('imi_trust_list_version 7');
    expect(text).toContain('imi_catalogue_version 3');
    expect(text).toContain('imi_kafka_consumergroup_lag{consumer_group="hub.router",topic="hub.ingress",partition="2"} 5');
    metrics.sources.consumerLag = async () => { throw new Error('broker down'); };
    text = await metrics.registry.metrics();
    expect(text).not.toContain('imi_kafka_consumergroup_lag{');
    // Scrapes collect every metric at once: the failure shows in the error count from the next scrape on.
    text = await metrics.registry.metrics();
    expect(text).toContain('imi_metrics_collect_errors_total{source="consumer_lag"} 1');
  });
});

describe('node metrics', () => {
  it('reports the durable inbox totals, the outbox backlog and retention runs', async () => {
    const metrics = new NodeMetrics(new Registry());
    let queries = 0;
    metrics.sources = {
      trustListVersion: () => 2,
      catalogueVersion: () => 1,
      consumerLag: async () => [],
      inboxCounts: () => ({ applied: 40, duplicate: 3, rejected: 1, ignored: 0 }),
      outboxBacklog: async () => { queries++; return { pending: 4, oldestAgeSeconds: 12.5 }; },
    };
    metrics.retentionCompleted({ blocked: 2, deleted: 1 }, new Date(1_700_000_000_000));
    metrics.retentionFailed();
    const text = await metrics.registry.metrics();
    expect(text).toContain('imi_inbox_messages_total{outcome="applied"} 40');
    expect(text).toContain('imi_inbox_messages_total{outcome="duplicate"} 3');
    expect(text).toContain('imi_outbox_pending_messages 4');
    expect(text).toContain('imi_outbox_oldest_pending_age_seconds 12.5');
    expect(queries).toBe(1);
    expect(text).toContain('imi_retention_runs_total{result="completed"} 1');
    expect(text).toContain('imi_retention_runs_total{result="failed"} 1');
    expect(text).toContain('imi_retention_exchanges_total{action="blocked"} 2');
    expect(text).toContain('imi_retention_last_completed_run_timestamp_seconds 1700000000');
  });

  it('observes end-to-end latency by sender node, a clock ahead of ours as 0', async () => {
    const metrics = new NodeMetrics(new Registry());
    metrics.applied('FR', 1_000, 1_250);
    metrics.applied('FR', 2_000, 1_900);
    metrics.applied('Testperson', 0, 10);
    const text = await metrics.registry.metrics();
    expect(text).toContain('imi_message_end_to_end_latency_seconds_sum{sender_node="FR"} 0.25');
    expect(text).toContain('imi_message_end_to_end_latency_seconds_count{sender_node="FR"} 2');
    expect(text).toContain('imi_message_end_to_end_latency_seconds_count{sender_node="unknown"} 1');
    expect(text).not.toContain('Testperson');
  });
});
