import { measureAmqpLeg } from './amqp-leg';
import { runSingleLeg } from './single-leg';

/**
 * `npm run bench -- --amqp`: the AMQP leg alone (the full `npm run bench` runs it too), against
 * hub, FR and DE started from the build. Results: bench/results/amqp-latest.json.
 * BENCH_AMQP_COMMANDS (default 2000) and BENCH_CONCURRENCY (64) tune it.
 */
const commands = Number(process.env.BENCH_AMQP_COMMANDS ?? 2000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 64);
runSingleLeg('amqp-latest.json', 'amqpLeg', (network) => measureAmqpLeg(network, commands, concurrency));
