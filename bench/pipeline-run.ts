import { fixedLoad, maximumThroughput, PhaseResult } from './pipeline';
import { runSingleLeg } from './single-leg';
import { totalCpuMs } from './stats';

/**
 * `npm run bench -- --pipeline`: the pipeline's phases alone, for measuring one change quickly
 * (the full `npm run bench` measures them too, with the floors to set them against): a warm-up,
 * the maximum over BENCH_EXCHANGES (default 6000), then 50 % of it and rest (5/s) for
 * BENCH_PHASE_SECONDS (default 10) each. Results: bench/results/pipeline-latest.json.
 */
const exchanges = Number(process.env.BENCH_EXCHANGES ?? 6000);
const phaseSeconds = Number(process.env.BENCH_PHASE_SECONDS ?? 10);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 64);
runSingleLeg('pipeline-latest.json', 'pipeline', async (network) => {
  await maximumThroughput(network, 500, concurrency);
  const maximum = await maximumThroughput(network, exchanges, concurrency);
  const half = Math.max(1, Math.round(maximum.achievedPerSecond * 0.5));
  const phases: Record<string, PhaseResult> = { maximum };
  phases[`50% of max (${half}/s)`] = await fixedLoad(network, half, phaseSeconds);
  phases['at rest (5/s)'] = await fixedLoad(network, 5, phaseSeconds);
  return { parameters: { exchanges, phaseSeconds, concurrency }, phases, cpuMsPerExchangeAtMaximum: totalCpuMs(maximum.cpuMsPerExchange) };
});

