import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import { dashboardQueries, metricNamesIn } from './dashboard';
import { processMetrics } from './exposition';
import { HttpMetrics } from './http-metrics';
import { HubMetrics } from './hub-metrics';
import { NodeMetrics } from './node-metrics';

const DASHBOARD = join(__dirname, '../../../deploy/grafana/imi-network.json');

/** Every metric name the hub and a node expose, process metrics included. */
async function registeredNames(): Promise<Set<string>> {
  const hub = new HubMetrics(new Registry());
  const node = new NodeMetrics(new Registry());
  new HttpMetrics(node.registry);
  const all = await Promise.all([hub.registry, node.registry, processMetrics()].map((r) => r.getMetricsAsJSON()));
  return new Set(all.flat().map((m) => m.name));
}

describe('Grafana dashboard', () => {
  const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8'));

  it('is a Grafana dashboard with unique panel ids, each query on the data source variable', () => {
    expect(dashboard).toMatchObject({ uid: 'imi-network', title: expect.any(String), schemaVersion: expect.any(Number) });
    const ids = dashboard.panels.map((p: { id: number }) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const panel of dashboard.panels.filter((p: { type: string }) => p.type !== 'row')) {
      expect(panel.gridPos).toEqual({ h: expect.any(Number), w: expect.any(Number), x: expect.any(Number), y: expect.any(Number) });
      expect(panel.targets.length).toBeGreaterThan(0);
      expect(panel.datasource).toEqual({ type: 'prometheus', uid: '${datasource}' });
    }
  });

  it('reads only metrics the hub and nodes register, and shows each imi_ metric somewhere', async () => {
    const registered = await registeredNames();
    const used = new Set(dashboardQueries(dashboard).flatMap(metricNamesIn));
    expect([...used].filter((name) => !registered.has(name))).toEqual([]);
    expect([...registered].filter((name) => name.startsWith('imi_') && !used.has(name))).toEqual([]);
  });

  it('finds metric names in queries, histograms by their name, never in label values', () => {
    expect(metricNamesIn('histogram_quantile(0.9, sum by (le) (rate(imi_message_end_to_end_latency_seconds_bucket{node=~"imi_fake"}[5m])))'))
      .toEqual(['imi_message_end_to_end_latency_seconds']);
  });
});
