/** The PromQL of a Grafana dashboard (deploy/grafana/imi-network.json) and the metric names it reads. */
interface Panel {
  type: string;
  targets?: { expr?: string }[];
  panels?: Panel[];
}

export function dashboardQueries(dashboard: { panels: Panel[] }): string[] {
  const walk = (panels: Panel[]): string[] => panels.flatMap((p) => [...(p.targets ?? []).flatMap((t) => (t.expr ? [t.expr] : [])), ...walk(p.panels ?? [])]);
  return walk(dashboard.panels);
}

/** The metric names a query reads: histogram series (`_bucket`, `_sum`, `_count`) by their histogram's name. */
export function metricNamesIn(query: string): string[] {
  // Label matchers and strings removed first: a label value could look like a metric name.
  const bare = query.replace(/\{[^}]*\}/g, '').replace(/"[^"]*"/g, '');
  const names = bare.match(/\b(?:imi|process|nodejs)_[a-z0-9_]+\b/g) ?? [];
  return [...new Set(names.map((n) => n.replace(/_(?:bucket|sum|count)$/, '')))];
}

/** A query as Prometheus's HTTP API takes it: Grafana's variables given values. */
export function withGrafanaVariables(query: string, rateInterval = '1m'): string {
  return query.replace(/\$__rate_interval/g, rateInterval).replace(/\$node/g, '.*');
}
