import { measureHubAlone } from './hub-alone';
import { runSingleLeg } from './single-leg';
import { measureTransport } from './transport-baseline';
import { kafkaUser } from './pipeline';
import { round } from './stats';

/**
 * `npm run bench -- --hub`: the hub alone (the full `npm run bench` measures it too), against hub,
 * FR and DE started from the build, and the transport baseline (bare kafkajs on the same broker,
 * records of the same size) measured in the same run. Results: bench/results/hub-latest.json.
 * BENCH_HUB_MESSAGES (default 20000) tunes it.
 */
const messages = Number(process.env.BENCH_HUB_MESSAGES ?? 20_000);
runSingleLeg('hub-latest.json', 'hubAlone', async (network, endpoints) => {
  const hub = await measureHubAlone(network, endpoints, messages);
  const transport = await measureTransport(endpoints.kafkaBrokers, messages, hub.valueBytes, hub.headerBytes, kafkaUser(endpoints, 'admin').sasl);
  return { ...hub, transportBaseline: transport, ofTransport: round(hub.messagesPerSecond / transport.messagesPerSecond, 3) };
});
