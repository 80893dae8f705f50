import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus } from 'node:os';
import { BenchNetwork, Endpoints } from './pipeline';
import { measureWebFirstLoad } from './web-first-load';

/**
 * `npm run bench:web`: the web application's first load (JavaScript shipped, sign-in form ready,
 * work list rendered) against hub, FR and DE started from the build. Results:
 * bench/results/web-latest.json. BENCH_WEB_INCOMING (default 300) and BENCH_WEB_RUNS (10) tune it.
 */
async function main(): Promise<void> {
  const endpoints = JSON.parse(process.env.BENCH_ENDPOINTS!) as Endpoints;
  const incoming = Number(process.env.BENCH_WEB_INCOMING ?? 300);
  const runs = Number(process.env.BENCH_WEB_RUNS ?? 10);
  const network = await BenchNetwork.start(endpoints);
  try {
    const result = { at: new Date().toISOString(), machine: { cpus: cpus().length }, webFirstLoad: await measureWebFirstLoad(network, incoming, runs) };
    const dir = join(__dirname, '..', '..', 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'web-latest.json'), `${JSON.stringify(result, null, 2)}\n`);
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await network.stop();
  }
}

main().then(() => process.exit(0), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
