import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus } from 'node:os';
import { BenchNetwork, Endpoints } from './pipeline';

/**
 * One leg of the benchmark on its own (`npm run bench -- --amqp`, `-- --hub`, `npm run bench:web`): hub, FR
 * and DE started from the build, the leg measured, its figures printed and written to
 * bench/results/<file>, the network stopped, and the process's exit code saying how it went.
 */
export function runSingleLeg(file: string, leg: string, measure: (network: BenchNetwork, endpoints: Endpoints) => Promise<unknown>): void {
  const run = async () => {
    const endpoints = JSON.parse(process.env.BENCH_ENDPOINTS!) as Endpoints;
    const network = await BenchNetwork.start(endpoints);
    try {
      const result = { at: new Date().toISOString(), machine: { cpus: cpus().length, node: process.version }, [leg]: await measure(network, endpoints) };
      const dir = join(__dirname, '..', '..', 'bench', 'results');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, file), `${JSON.stringify(result, null, 2)}\n`);
      console.log(JSON.stringify(result, null, 2));
    } finally {
      await network.stop();
    }
  };
  run().then(() => process.exit(0), (error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
