import { measureHistoryReplay } from './history-replay';
import { runSingleLeg } from './single-leg';

/**
 * `npm run bench -- --history`: node FR's retention, access reports and proof reports over a
 * database holding BENCH_HISTORY_EXCHANGES (default 600,000) closed exchanges, against hub, FR
 * and DE started from the build. Results: bench/results/history-latest.json.
 */
const exchanges = Number(process.env.BENCH_HISTORY_EXCHANGES ?? 600_000);
runSingleLeg('history-latest.json', 'historyReplay', (network) => measureHistoryReplay(network, exchanges));
