import { runSingleLeg } from './single-leg';
import { measureWebFirstLoad } from './web-first-load';

/**
 * `npm run bench:web`: the web application's first load (JavaScript shipped, sign-in form ready,
 * work list rendered) against hub, FR and DE started from the build. Results:
 * bench/results/web-latest.json. BENCH_WEB_INCOMING (default 300) and BENCH_WEB_RUNS (10) tune it.
 */
const incoming = Number(process.env.BENCH_WEB_INCOMING ?? 300);
const runs = Number(process.env.BENCH_WEB_RUNS ?? 10);
runSingleLeg('web-latest.json', 'webFirstLoad', (network) => measureWebFirstLoad(network, incoming, runs));
