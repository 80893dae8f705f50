import { summarise } from '../bench/stats';
import { FAULT_KINDS, FaultRecord } from './faults';
import { Verdict } from './verify';

export interface ChaosReport {
  measuredAt: string;
  seed: number;
  parameters: { requests: number; alerts: number; brokers: number; hubs: number; concurrency: number; hostile: number };
  durationSeconds: { traffic: number; total: number };
  faultsByKind: Record<string, number>;
  faultsUnderTraffic: number;
  /** Kill until a canary request sent after the kill reached its recipient (see FaultRecord). */
  recovery: { p50Ms: number; p99Ms: number; maxMs: number; unrecovered: number };
  recoveryByKind: Record<string, { p50Ms: number; p99Ms: number; maxMs: number }>;
  exchanges: Verdict['exchanges'];
  lost: number;
  appliedTwice: number;
  duplicatesDropped: number;
  driver: { failures: number; retries: number; foundAfterLostAnswer: number };
  receiptsMissing: number;
  outboxStuck: number;
  auditChainsIntact: boolean;
  personalValuesOnTopics: number;
  /** Processes that exited on their own (a crash), restarted by the run's watchdog. */
  crashes: { process: string; at: string; log: string }[];
  /** Records tried by kind (chaos/hostile), half into hub.ingress and half into node DE's inbox; null when none were asked for. */
  hostile: Record<string, number> | null;
  hostileError: string | null;
  /** Sends in which kafkajs left records out (a leader moved mid-send) and the hub or a node sent them again. */
  kafkajsResends: { sends: number; records: number };
  verdict: Verdict;
  faults: FaultRecord[];
  ok: boolean;
}

export function buildReport(input: Omit<ChaosReport, 'faultsByKind' | 'faultsUnderTraffic' | 'recovery' | 'recoveryByKind' | 'lost' | 'appliedTwice' | 'duplicatesDropped' | 'receiptsMissing' | 'outboxStuck' | 'auditChainsIntact' | 'personalValuesOnTopics' | 'exchanges' | 'ok'>): ChaosReport {
  const { verdict, faults } = input;
  const recovered = faults.filter((f) => f.recoveryMs !== null);
  const figures = (values: number[]) => {
    const s = summarise(values);
    return { p50Ms: s.p50Ms, p99Ms: s.p99Ms, maxMs: s.maxMs };
  };
  const report: ChaosReport = {
    ...input,
    faultsByKind: Object.fromEntries(FAULT_KINDS.map((k) => [k, faults.filter((f) => f.kind === k).length])),
    faultsUnderTraffic: faults.filter((f) => f.underTraffic).length,
    recovery: { ...figures(recovered.map((f) => f.recoveryMs!)), unrecovered: faults.length - recovered.length },
    recoveryByKind: Object.fromEntries(FAULT_KINDS.map((k) => [k, figures(recovered.filter((f) => f.kind === k).map((f) => f.recoveryMs!))])),
    exchanges: verdict.exchanges,
    lost: verdict.lost,
    appliedTwice: verdict.appliedTwice,
    duplicatesDropped: Object.values(verdict.duplicatesDropped).reduce((n, d) => n + (d ?? 0), 0),
    receiptsMissing: verdict.receiptsMissing,
    outboxStuck: verdict.outboxStuck,
    auditChainsIntact: Object.values(verdict.auditChains).every((c) => c?.intact),
    personalValuesOnTopics: verdict.rawScan.personalValuesFound,
    ok: false,
  };
  report.ok = report.lost === 0 && report.appliedTwice === 0 && report.driver.failures === 0 && report.receiptsMissing === 0 && report.outboxStuck === 0
    && report.auditChainsIntact && report.personalValuesOnTopics === 0 && report.recovery.unrecovered === 0 && report.crashes.length === 0
    && report.hostileError === null;
  return report;
}

export function reportTable(r: ChaosReport): string {
  const rows: [string, string][] = [
    ['seed', `${r.seed} (replay: npm run chaos -- --seed ${r.seed})`],
    ['topology', `${r.parameters.brokers} broker(s), ${r.parameters.hubs} hub instance(s), nodes DE FR ES`],
    ['exchanges', `${r.exchanges.requests} requests (full flow), ${r.exchanges.alerts} alerts (rectified), ${r.exchanges.canaries} canaries`],
    ['traffic / total time', `${r.durationSeconds.traffic} s / ${r.durationSeconds.total} s`],
    ['faults injected', `${Object.entries(r.faultsByKind).map(([k, n]) => `${k} ${n}`).join(', ')} (${r.faultsUnderTraffic} under traffic)`],
    ['recovery (kill → ready and canary applied)', r.faults.length === 0 ? 'no faults'
      : `p50 ${r.recovery.p50Ms} ms, p99 ${r.recovery.p99Ms} ms, max ${r.recovery.maxMs} ms; unrecovered ${r.recovery.unrecovered}`],
    ...Object.entries(r.recoveryByKind).map(([k, f]) => [`  ${k}`, r.faultsByKind[k] ? `p50 ${f.p50Ms} ms, max ${f.maxMs} ms` : '-'] as [string, string]),
    ['lost', String(r.lost)],
    ['applied twice', String(r.appliedTwice)],
    ['inbox duplicates dropped', String(r.duplicatesDropped)],
    ['driver retries (found after lost answer)', `${r.driver.retries} (${r.driver.foundAfterLostAnswer}); unfinished ${r.driver.failures}`],
    ['receipts missing / outbox stuck', `${r.receiptsMissing} / ${r.outboxStuck}`],
    ['audit chains', r.auditChainsIntact ? 'intact on every node' : 'BROKEN'],
    ['personal values on the topics', `${r.personalValuesOnTopics} of ${r.verdict.rawScan.records} records`],
    ['crashes (exits nobody asked for)', String(r.crashes.length)],
    ['records kafkajs left unsent, sent again', `${r.kafkajsResends.records} in ${r.kafkajsResends.sends} sends`],
    ['hostile records tried', r.hostileError ? `FAILED: ${r.hostileError}` : r.hostile ? Object.entries(r.hostile).map(([k, n]) => `${k} ${n}`).join(', ') : 'none'],
    ['result', r.ok ? 'OK' : 'FAILED'],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n');
}
