import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dashboardQueries, withGrafanaVariables } from '@imi/metrics';
import { NetworkPlan } from '../../apps/hub/src/operator/provision';
import { RetentionService } from '../../apps/node/src/privacy/retention.service';
import { actingFor, eventually } from '../flows/http';
import { TestNetwork } from '../flows/network';
import { PrometheusServer } from './prometheus-server';

const PLAN: NetworkPlan = {
  nodes: [
    { code: 'DE', authorities: [{ id: 'DE-BE-AEK', name: 'Ärztekammer Berlin', legislativeAreas: ['professional-qualifications'] }] },
    { code: 'FR', authorities: [{ id: 'FR-CNOM', name: "Conseil national de l'Ordre des médecins", legislativeAreas: ['professional-qualifications'] }] },
  ],
};

/** Personal values the requests carry: none may appear in any process's /metrics. */
const MARKERS = {
  familyName: 'Metricsperson-Quénard',
  givenNames: 'Solveig-Anaïs',
  dateOfBirth: '1983-11-27',
  registerNumber: 'RPPS-99887766554',
};
const FREE_TEXT = 'Marker free text: was the licence ever suspended in Lyon?';
const SENT = 5;

const hostPort = (url: string) => new URL(url).host;

/**
 * Debian's Prometheus scrapes the hub and two nodes of a test network every second; what the
 * test sent comes back from PromQL: the hub's routed count, the recipient's end-to-end latency.
 */
describe('Prometheus metrics of the hub and nodes', () => {
  let network: TestNetwork;
  let prometheus: PrometheusServer;
  let hubUrl: string;

  beforeAll(async () => {
    network = await TestNetwork.start(PLAN);
    hubUrl = await network.listenHub();
    prometheus = await PrometheusServer.start([
      { job: 'imi-hub', address: hostPort(hubUrl), labels: { hub_instance: '1' } },
      { job: 'imi-node', address: hostPort(network.node('DE').url), labels: { node: 'DE' } },
      { job: 'imi-node', address: hostPort(network.node('FR').url), labels: { node: 'FR' } },
    ]);
  });

  afterAll(async () => {
    await prometheus?.stop();
    await network?.close();
  });

  it('answers PromQL with the routed count sent and a consistent end-to-end latency quantile', async () => {
    await eventually(async () => expect((await prometheus.targets()).map((t) => `${t.job} ${t.health} ${t.lastError}`).sort())
      .toEqual(['imi-hub up ', 'imi-node up ', 'imi-node up ']));

    const started = Date.now();
    const fr = actingFor(network.node('FR'), 'FR-CNOM');
    const ids: string[] = [];
    for (let i = 0; i < SENT; i++) {
      const created = await fr.post('/requests', {
        addresseeAuthorityId: 'DE-BE-AEK',
        legislativeArea: 'professional-qualifications',
        replyBy: new Date(Date.now() + 14 * 86_400_000).toISOString(),
        questions: [{ questionId: 'pq.diploma.authentic' }, { questionId: 'pq.free-text', freeText: FREE_TEXT }],
        subject: MARKERS,
      });
      expect(created.status).toBe(201);
      ids.push(created.body.id);
    }

    // The hub counts what it routed once its transaction committed: exactly what FR sent.
    await eventually(async () => {
      const routed = await prometheus.query('sum(imi_hub_messages_routed_total{job="imi-hub",type="request.sent",sender_node="FR"})');
      expect(routed.map((s) => s.value)).toEqual([SENT]);
    });
    // DE observed each message's latency when it applied it.
    await eventually(async () => {
      const applied = await prometheus.query('sum(imi_message_end_to_end_latency_seconds_count{node="DE",sender_node="FR"})');
      expect(applied.map((s) => s.value)).toEqual([SENT]);
    });
    const [p90] = await prometheus.query('histogram_quantile(0.9, sum by (le) (imi_message_end_to_end_latency_seconds_bucket{node="DE",sender_node="FR"}))');
    const wallSeconds = (Date.now() - started) / 1000;
    expect(Number.isFinite(p90.value)).toBe(true);
    expect(p90.value).toBeGreaterThan(0);
    expect(p90.value).toBeLessThan(wallSeconds);
    const [sum] = await prometheus.query('sum(imi_message_end_to_end_latency_seconds_sum{node="DE",sender_node="FR"})');
    expect(sum.value).toBeGreaterThan(0);
    expect(sum.value).toBeLessThan(SENT * wallSeconds);

    // The rest of what operators read: inbox totals, lag, outbox, HTTP by route template, versions.
    await eventually(async () => {
      expect((await prometheus.query('sum(imi_inbox_messages_total{node="DE",outcome="applied"})'))[0]?.value).toBeGreaterThanOrEqual(SENT);
      expect((await prometheus.query('sum(imi_http_requests_total{node="FR",method="POST",route="/requests",code="201"})'))[0]?.value).toBe(SENT);
      // Both inboxes and the hub's ingress are read to the end; a series per partition of each.
      const lag = await prometheus.query('imi_kafka_consumergroup_lag');
      expect(new Set(lag.map((s) => s.metric.job + (s.metric.node ?? '')))).toEqual(new Set(['imi-hub', 'imi-nodeDE', 'imi-nodeFR']));
      expect(lag.map((s) => s.value).filter((v) => v !== 0)).toEqual([]);
      expect((await prometheus.query('sum by (node) (imi_outbox_pending_messages)')).map((s) => s.value)).toEqual([0, 0]);
      const versions = await prometheus.query('imi_trust_list_version');
      expect(versions).toHaveLength(3);
      expect(versions.every((s) => s.value >= 1)).toBe(true);
    });
    expect((await prometheus.query('count(imi_http_requests_total{route=~".*[0-9a-f]{8}-.*"})'))).toEqual([]);
  });

  it('evaluates every query of the Grafana dashboard, and finds data for the traffic panels', async () => {
    const dashboard = JSON.parse(readFileSync(join(__dirname, '../../deploy/grafana/imi-network.json'), 'utf8'));
    const queries = dashboardQueries(dashboard);
    // A query Prometheus cannot parse throws here.
    for (const query of queries) await prometheus.query(withGrafanaVariables(query));
    // A rate needs two samples of a series since it appeared: the traffic panels answer within a few scrapes.
    await eventually(async () => {
      const answered: string[] = [];
      for (const query of queries) if ((await prometheus.query(withGrafanaVariables(query))).length > 0) answered.push(query);
      for (const metric of ['imi_hub_messages_routed_total', 'imi_message_end_to_end_latency_seconds_bucket', 'imi_inbox_messages_total', 'imi_http_requests_total', 'imi_trust_list_version']) {
        expect({ metric, answered: answered.some((q) => q.includes(metric)) }).toEqual({ metric, answered: true });
      }
    });
  });

  it('counts a retention run and what it blocked and deleted', async () => {
    const metricsOf = async () => (await fetch(`${network.node('DE').url}/metrics`)).text();
    expect(await metricsOf()).toContain('imi_retention_runs_total{result="completed"} 0');
    // Nothing is due yet (the requests are open): a completed run with nothing blocked or deleted.
    await network.node('DE').app!.get(RetentionService).runOnce(new Date());
    const text = await metricsOf();
    expect(text).toContain('imi_retention_runs_total{result="completed"} 1');
    expect(text).toContain('imi_retention_exchanges_total{action="blocked"} 0');
    expect(text).toMatch(/^imi_retention_last_completed_run_timestamp_seconds [1-9]/m);
  });

  it('has no personal value, free text or request id in any process\'s /metrics', async () => {
    const texts = await Promise.all([hubUrl, network.node('DE').url, network.node('FR').url].map(async (url) => {
      const response = await fetch(`${url}/metrics`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      return response.text();
    }));
    const ids = (await network.node('FR').db.query<{ id: string }>('SELECT id FROM requests')).map((r) => r.id);
    expect(ids).toHaveLength(SENT);
    for (const text of texts) {
      expect(text).toContain('imi_');
      expect(text).toContain('process_cpu_seconds_total');
      for (const value of [...Object.values(MARKERS), FREE_TEXT, 'Lyon', ...ids]) expect({ value, found: text.includes(value) }).toEqual({ value, found: false });
    }
  });
});
