import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus } from 'node:os';
import { measureAmqpLeg } from './amqp-leg';
import { BenchNetwork, Endpoints } from './pipeline';

/**
 * `npm run bench -- --amqp`: the AMQP leg alone (the full `npm run bench` runs it too), against
 * hub, FR and DE started from the build. Results: bench/results/amqp-latest.json.
 * BENCH_AMQP_COMMANDS (default 2000) and BENCH_CONCURRENCY (64) tune it.
 */
async function main(): Promise<void> {
  const endpoints = JSON.parse(process.env.BENCH_ENDPOINTS!) as Endpoints;
  const commands = Number(process.env.BENCH_AMQP_COMMANDS ?? 2000);
  const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 64);
  const network = await BenchNetwork.start(endpoints);
  try {
    const result = { at: new Date().toISOString(), machine: { cpus: cpus().length, node: process.version }, amqpLeg: await measureAmqpLeg(network, commands, concurrency) };
    const dir = join(__dirname, '..', '..', 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'amqp-latest.json'), `${JSON.stringify(result, null, 2)}\n`);
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await network.stop();
  }
}

main().then(() => process.exit(0), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
