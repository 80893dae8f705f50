import { buildReport } from './report';
import { Verdict } from './verify';

const clean: Verdict = {
  exchanges: { requests: 10, canaries: 2, alerts: 1 }, lost: 0, appliedTwice: 0, driverFailures: 0, receiptsMissing: 0, outboxStuck: 0,
  duplicatesDropped: { DE: 2, FR: 1 }, auditChains: { DE: { entries: 5, intact: true }, FR: { entries: 5, intact: true }, ES: { entries: 5, intact: true } },
  rawScan: { records: 100, personalValuesFound: 0 }, problems: [],
};
const fault = (kind: 'postgres' | 'hub-instance', recoveryMs: number | null) => ({ kind, target: kind, underTraffic: true, killedAt: '', readyMs: 1, recoveryMs, canaryRef: 'c' });
const report = (verdict: Partial<Verdict> = {}, extra: Partial<Parameters<typeof buildReport>[0]> = {}) => buildReport({
  measuredAt: 'now', seed: 1, parameters: { requests: 10, alerts: 1, brokers: 1, hubs: 2, concurrency: 4, hostile: 0 }, durationSeconds: { traffic: 1, total: 2 },
  driver: { failures: 0, retries: 3, foundAfterLostAnswer: 1 }, crashes: [], hostile: null, hostileError: null, kafkajsResends: { sends: 1, records: 2 },
  verdict: { ...clean, ...verdict }, faults: [fault('postgres', 1000), fault('postgres', 3000), fault('hub-instance', 2000)], ...extra,
});

describe('the chaos report', () => {
  it('counts faults by kind, sums the duplicates dropped and summarises recovery', () => {
    const r = report();
    expect(r.faultsByKind).toMatchObject({ postgres: 2, 'hub-instance': 1, 'sending-node': 0 });
    expect(r.duplicatesDropped).toBe(3);
    expect(r.recovery).toEqual({ p50Ms: 2000, p99Ms: 3000, maxMs: 3000, unrecovered: 0 });
    expect(r.ok).toBe(true);
  });

  it('fails the run on anything lost or applied twice, an unrecovered fault, a crash or a broken chain', () => {
    expect(report({ lost: 1 }).ok).toBe(false);
    expect(report({ appliedTwice: 1 }).ok).toBe(false);
    expect(report({ auditChains: { DE: { entries: 5, intact: false } } }).ok).toBe(false);
    expect(report({ rawScan: { records: 5, personalValuesFound: 1 } }).ok).toBe(false);
    expect(report({}, { crashes: [{ process: 'node ES', at: 'now', log: '' }] }).ok).toBe(false);
    expect(report({}, { faults: [fault('postgres', null)] }).ok).toBe(false);
    expect(report({}, { hostileError: 'no material' }).ok).toBe(false);
  });
});
