import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChaosReport } from '../../chaos/report';
import { FAULT_KINDS } from '../../chaos/faults';

const root = join(__dirname, '..', '..');

/**
 * The chaos run's short variant, as `npm run chaos` runs it (from the build, which `npm test`
 * makes first): a stack of its own on other ports and in a state folder of its own (one
 * broker, its own Postgres; the test stack's schema registry is shared, the run's subjects
 * carry a prefix of their own), two hub instances, nodes DE, FR and ES; a few hundred exchanges
 * while each kind of fault strikes once. Nothing may be lost or applied twice.
 */
describe('chaos run, short', () => {
  let report: ChaosReport;
  const stateDir = join(tmpdir(), `imi-chaos-short-stack-${process.pid}`);
  const out = mkdtempSync(join(tmpdir(), 'imi-chaos-short-'));

  beforeAll(async () => {
    // The stack's folder outside `out` (0700): Postgres runs as its own user and must reach it.
    const args = [
      join(root, 'dist', 'chaos', 'run.js'),
      '--requests', '150', '--alerts', '20', '--brokers', '1', '--hubs', '2', '--faults-per-kind', '1', '--max-faults', '5', '--hostile', '0',
      '--concurrency', '12', '--base-port', '27092', '--state-dir', stateDir, '--out', out,
      '--schema-registry-url', process.env.SCHEMA_REGISTRY_URL!,
    ];
    const code = await new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
      child.once('exit', resolve);
    });
    report = JSON.parse(readFileSync(join(out, 'latest.json'), 'utf8')) as ChaosReport;
    // The exit code says the same as the report; both are checked.
    report.parameters = { ...report.parameters, exitCode: code } as ChaosReport['parameters'];
  }, 15 * 60_000);

  // The run stopped its stack; its data goes too, and the report (its table is in the output).
  afterAll(() => {
    rmSync(stateDir, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  });

  it('injects every kind of fault, most under traffic, and each recovers', () => {
    expect(FAULT_KINDS.filter((k) => !(report.faultsByKind[k] >= 1))).toEqual([]);
    expect(report.faultsUnderTraffic).toBeGreaterThan(0);
    expect(report.faults.filter((f) => f.error)).toEqual([]);
    expect(report.recovery.unrecovered).toBe(0);
  });

  it('loses nothing and applies nothing twice, on every node', () => {
    expect(report.exchanges).toMatchObject({ requests: 150, alerts: 20 });
    expect(report.verdict.problems).toEqual([]);
    expect(report.lost).toBe(0);
    expect(report.appliedTwice).toBe(0);
    expect(report.driver.failures).toBe(0);
    expect(report.receiptsMissing).toBe(0);
    expect(report.outboxStuck).toBe(0);
  });

  it('keeps every audit chain intact and nothing personal on any topic', () => {
    expect(report.auditChainsIntact).toBe(true);
    expect(Object.keys(report.verdict.auditChains).sort()).toEqual(['DE', 'ES', 'FR']);
    expect(report.verdict.rawScan.records).toBeGreaterThan(0);
    expect(report.personalValuesOnTopics).toBe(0);
  });

  it('exits 0 with no process crashing on its own', () => {
    expect(report.crashes).toEqual([]);
    expect(report.ok).toBe(true);
    expect((report.parameters as unknown as { exitCode: number }).exitCode).toBe(0);
  });
});
