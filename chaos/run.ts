import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { TrafficDriver } from './driver';
import { FAULT_KINDS, FaultInjector, FaultKind } from './faults';
import { writeHostileTraffic } from './hostile-traffic';
import { Ledger } from './ledger';
import { ChaosNetwork } from './network';
import { buildReport, ChaosReport, reportTable } from './report';
import { drawSeed, Seeded } from './seeded';
import { ChaosStack } from './stack';
import { verify, waitForQuiescence } from './verify';

export interface ChaosOptions {
  requests: number;
  alerts: number;
  brokers: number;
  hubs: number;
  seed: number;
  hostile: number;
  concurrency: number;
  /** Faults of each kind at least; more while traffic lasts, up to maxFaults in all. */
  faultsPerKind: number;
  maxFaults: number;
  /** The fault kinds injected (all unless --kinds names fewer: a run to repeat one fault). */
  kinds: FaultKind[];
  /**
   * The stack's first port and state folder: never the default stack's. Brokers take it and every
   * tenth port after (up to five), the registry and Postgres the next ones, hub instances and
   * nodes from 60 above. Below 32768, so no client's ephemeral port takes one.
   */
  basePort: number;
  stateDir: string;
  /** The run made the folder (no --state-dir): it removes it after stopping the stack. */
  stateDirIsOwn: boolean;
  schemaRegistryUrl?: string;
  /** Where the report goes (chaos/results by default). */
  outDir: string;
  /** Leave the stack running after the run (to look at it). */
  keepStack: boolean;
}

const root = join(__dirname, '..', '..');
const log = (message: string) => process.stderr.write(`[chaos ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

export function optionsFromArgs(argv: string[]): ChaosOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      requests: { type: 'string' }, alerts: { type: 'string' }, brokers: { type: 'string' }, hubs: { type: 'string' }, seed: { type: 'string' },
      hostile: { type: 'string' }, concurrency: { type: 'string' }, 'faults-per-kind': { type: 'string' }, 'max-faults': { type: 'string' }, kinds: { type: 'string' }, 'base-port': { type: 'string' },
      'state-dir': { type: 'string' }, 'schema-registry-url': { type: 'string' }, out: { type: 'string' }, 'keep-stack': { type: 'boolean' },
    },
  });
  const int = (name: string, value: string | undefined, fallback: number) => {
    const n = value === undefined ? fallback : Number(value);
    if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} takes a whole number, not ${value}`);
    return n;
  };
  const basePort = int('base-port', values['base-port'], 24092);
  return {
    requests: int('requests', values.requests, 10_000),
    alerts: int('alerts', values.alerts, 1_000),
    brokers: int('brokers', values.brokers, 3),
    hubs: int('hubs', values.hubs, 2),
    seed: int('seed', values.seed, drawSeed()),
    hostile: int('hostile', values.hostile, 1_000_000),
    concurrency: int('concurrency', values.concurrency, 64),
    faultsPerKind: int('faults-per-kind', values['faults-per-kind'], 3),
    maxFaults: values['max-faults'] === undefined ? Infinity : int('max-faults', values['max-faults'], 0),
    kinds: faultKinds(values.kinds),
    basePort,
    stateDir: values['state-dir'] ?? freshStateDir(),
    stateDirIsOwn: values['state-dir'] === undefined,
    schemaRegistryUrl: values['schema-registry-url'],
    outDir: values.out ?? join(root, 'chaos', 'results'),
    keepStack: values['keep-stack'] ?? false,
  };
}

function faultKinds(list: string | undefined): FaultKind[] {
  if (list === undefined) return [...FAULT_KINDS];
  const kinds = list.split(',').map((k) => k.trim());
  const unknown = kinds.filter((k) => !(FAULT_KINDS as readonly string[]).includes(k));
  if (unknown.length > 0 || kinds.length === 0) throw new Error(`--kinds takes a comma-separated list of ${FAULT_KINDS.join(', ')}; not ${unknown.join(', ') || 'nothing'}`);
  return kinds as FaultKind[];
}

/** A new folder for the run's stack, removed after it (0755: Postgres runs as a user of its own and must reach its data). */
function freshStateDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'imi-chaos-stack-'));
  chmodSync(dir, 0o755);
  return dir;
}

/** The whole chaos run: stack, network, traffic under faults, quiescence, verification, report. */
export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const started = Date.now();
  log(`seed ${options.seed} (replay with --seed ${options.seed})`);
  const random = new Seeded(options.seed);
  const stack = new ChaosStack({ stateDir: options.stateDir, basePort: options.basePort, brokers: options.brokers, schemaRegistryUrl: options.schemaRegistryUrl });
  log(`stack: ${options.brokers} broker(s) on ${options.basePort}, state in ${options.stateDir}`);
  let network: ChaosNetwork | undefined;
  try {
    const endpoints = await stack.up();
    mkdirSync(join(options.stateDir, 'logs'), { recursive: true });
    network = await ChaosNetwork.start(endpoints, { hubs: options.hubs, basePort: options.basePort + 60, logDir: join(options.stateDir, 'logs') });
    log(`network up: ${options.hubs} hub instance(s), nodes DE FR ES (topics ${network.prefix}*)`);
    const ledger = new Ledger();
    const driver = new TrafficDriver(network, ledger, log);
    const crashes: ChaosReport['crashes'] = [];
    // The watchdog: a process that exits on its own is started again, as a service manager would, and counted.
    const net = network;
    const watchdog = setInterval(() => {
      for (const p of net.processes) {
        if (!p.crashed) continue;
        const crash = p.crashes[p.crashes.length - 1];
        crashes.push({ process: p.name, at: crash?.at.toISOString() ?? new Date().toISOString(), log: crash?.log ?? '' });
        log(`${p.name} exited on its own; restarting it`);
        p.start();
      }
    }, 1000);
    let trafficRunning = true;
    const injector = new FaultInjector(random, network, stack, driver, {
      kinds: options.kinds,
      perKind: options.faultsPerKind,
      maxFaults: options.maxFaults,
      gapMs: options.requests >= 2000 ? [5_000, 30_000] : [1_000, 4_000],
      downMs: [500, 3_000],
    }, () => trafficRunning, log);
    const faults = injector.run();
    faults.catch(() => undefined);
    let hostile: Record<string, number> | null = null;
    // Hostile bytes alongside the traffic, from real records of this run (captured once there are some).
    const firstFlowsThrough = async () => {
      const enough = Math.min(Math.ceil((options.requests + options.alerts) / 2), options.concurrency * 2);
      while (driver.completed < enough && trafficRunning) await new Promise((r) => setTimeout(r, 1000));
    };
    const hostileRun = options.hostile > 0
      ? firstFlowsThrough().then(() => writeHostileTraffic(network!, endpoints, options.hostile, options.seed)).then((tried) => {
        hostile = tried;
        log(`hostile records written: ${JSON.stringify(tried)}`);
      })
      : Promise.resolve();
    let hostileError: string | null = null;
    hostileRun.catch((error) => {
      hostileError = String(error.message ?? error);
      log(`hostile records: ${error.stack ?? error.message}`);
    });
    const trafficStart = Date.now();
    let lastLog = 0;
    await driver.drive(options.requests, options.alerts, options.concurrency, (done, total) => {
      if (Date.now() - lastLog > 10_000 || done === total) {
        lastLog = Date.now();
        log(`traffic: ${done}/${total} exchanges done, ${injector.faults.length} faults so far`);
      }
    });
    trafficRunning = false;
    const trafficSeconds = Math.round((Date.now() - trafficStart) / 1000);
    injector.finish();
    await faults;
    await hostileRun.catch(() => undefined);
    clearInterval(watchdog);
    driver.stop();
    log('traffic and faults over; waiting for quiescence');
    // A million hostile records take the attacked inbox a while to refuse.
    const quietWithinMs = options.hostile >= 100_000 ? 20 * 60_000 : 5 * 60_000;
    if (!(await waitForQuiescence(network, quietWithinMs))) log(`not quiet after ${quietWithinMs / 60_000} minutes; verifying what is there`);
    log('verifying every node against the ledger');
    const verdict = await verify(network, endpoints, ledger);
    const report = buildReport({
      measuredAt: new Date().toISOString(),
      seed: options.seed,
      parameters: { requests: options.requests, alerts: options.alerts, brokers: options.brokers, hubs: options.hubs, concurrency: options.concurrency, hostile: options.hostile },
      durationSeconds: { traffic: trafficSeconds, total: Math.round((Date.now() - started) / 1000) },
      driver: { failures: verdict.driverFailures, retries: ledger.retries, foundAfterLostAnswer: ledger.foundAfterLostAnswer },
      crashes,
      hostile,
      hostileError,
      kafkajsResends: network.processes.reduce((sum, p) => ({ sends: sum.sends + p.resends.sends, records: sum.records + p.resends.records }), { sends: 0, records: 0 }),
      verdict,
      faults: injector.faults,
    });
    mkdirSync(options.outDir, { recursive: true });
    const json = JSON.stringify(report, null, 2);
    writeFileSync(join(options.outDir, `${report.measuredAt.replace(/[:.]/g, '-')}.json`), json);
    writeFileSync(join(options.outDir, 'latest.json'), json);
    return report;
  } finally {
    await network?.stop().catch(() => undefined);
    if (!options.keepStack) {
      await stack.down().catch((error) => log(`stack down: ${error.message}`));
      // A folder of the run's own goes with it; one given with --state-dir stays.
      if (options.stateDirIsOwn) rmSync(options.stateDir, { recursive: true, force: true });
    }
  }
}

async function main(): Promise<void> {
  const options = optionsFromArgs(process.argv.slice(2));
  const report = await runChaos(options);
  console.log('');
  console.log(reportTable(report));
  console.log(`\nreport: ${join(options.outDir, 'latest.json')}`);
  process.exitCode = report.ok ? 0 : 1;
}

if (require.main === module) {
  main().catch((error) => {
    console.error(`chaos run failed: ${error.stack ?? error}`);
    process.exit(2);
  });
}
