import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, totalmem } from 'node:os';
import { readKeySet } from '@imi/envelope';
import { budgetAt, HOPS_PER_EXCHANGE } from './budget';
import { AmqpLegResult, measureAmqpLeg } from './amqp-leg';
import { measureCryptoFloor } from './crypto-floor';
import { HistoryReplayResult, measureHistoryReplay } from './history-replay';
import { HubAloneResult, measureHubAlone } from './hub-alone';
import { DIRECTORY_SIZE, DirectorySearchResult, measureDirectorySearch } from './directory-search';
import { BenchNetwork, bytesOnTheWire, Endpoints, fixedLoad, kafkaUser, maximumThroughput, PhaseResult, WireFigures } from './pipeline';
import { ClientFigures, measureHttpFloor } from './http-floor';
import { round, totalCpuMs } from './stats';
import { measureTransport } from './transport-baseline';

/**
 * `npm run bench`: the pipeline and the limits it should approach, measured in one run on the
 * local stack. Writes bench/results/<time>.json and bench/results/latest.json, prints a table.
 */
async function main(): Promise<void> {
  const endpoints = JSON.parse(process.env.BENCH_ENDPOINTS ?? '{}') as Endpoints;
  const exchanges = Number(process.env.BENCH_EXCHANGES ?? 20_000);
  const phaseSeconds = Number(process.env.BENCH_PHASE_SECONDS ?? 20);
  const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 64);

  log('crypto floor (one core, tight loop)');
  const crypto = await measureCryptoFloor();

  const network = await BenchNetwork.start(endpoints);
  let maximum: PhaseResult;
  const fixed: Record<string, PhaseResult> = {};
  let wire: WireFigures;
  let directory: DirectorySearchResult;
  let amqpLeg: AmqpLegResult | null = null;
  let hubAlone: HubAloneResult;
  let history: HistoryReplayResult;
  try {
    log(`warm-up: 500 exchanges`);
    await maximumThroughput(network, 500, concurrency);
    log(`maximum throughput: ${exchanges} exchanges, ${concurrency} concurrent case handlers`);
    maximum = await maximumThroughput(network, exchanges, concurrency);
    for (const [name, rate] of [
      ['250/s', 250],
      ['50% of max', Math.max(1, Math.round(maximum.achievedPerSecond * 0.5))],
      ['90% of max', Math.max(1, Math.round(maximum.achievedPerSecond * 0.9))],
      // Almost no load: what an exchange takes when nothing queues, the floor of the latencies above.
      ['at rest (5/s)', 5],
    ] as const) {
      log(`fixed load ${name} (${rate}/s for ${phaseSeconds} s)`);
      fixed[name] = await fixedLoad(network, rate, phaseSeconds);
    }
    const total = 500 + exchanges + Object.values(fixed).reduce((n, p) => n + p.exchanges, 0);
    log('bytes on the wire');
    wire = await bytesOnTheWire(network, endpoints, total);
    log(`directory search: ${DIRECTORY_SIZE} authorities on node FR`);
    directory = await measureDirectorySearch({
      brokers: endpoints.kafkaBrokers, sasl: kafkaUser(endpoints, 'admin').sasl, prefix: network.prefix,
      hubKey: readKeySet(join(network.keysRoot, 'hub')).signing, nodeUrl: network.frUrl, session: network.frSession,
    });
    if (network.frAmqp) {
      const commands = Number(process.env.BENCH_AMQP_COMMANDS ?? 2000);
      log(`AMQP leg: ${commands} request.create commands through node FR's back-office bridge, and as many over REST`);
      amqpLeg = await measureAmqpLeg(network, commands, concurrency);
    }
    const historyExchanges = Number(process.env.BENCH_HISTORY_EXCHANGES ?? 600_000);
    log(`history replay: ${historyExchanges} closed exchanges in node FR's database; retention, access and proof reports`);
    history = await measureHistoryReplay(network, historyExchanges);
    // Last: it stops the nodes.
    const hubMessages = Number(process.env.BENCH_HUB_MESSAGES ?? exchanges);
    log(`the hub alone: ${hubMessages} envelopes signed by FR written into hub.ingress, nodes stopped`);
    hubAlone = await measureHubAlone(network, endpoints, hubMessages);
  } finally {
    await network.stop();
  }

  log('transport baseline (bare kafkajs, same broker)');
  const transport = await measureTransport(endpoints.kafkaBrokers, exchanges, crypto.valueBytes, 180, kafkaUser(endpoints, 'admin').sasl);
  log('HTTP floor (bare Nest server, same client)');
  const http = await measureHttpFloor(exchanges, concurrency);

  const result = {
    measuredAt: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: round(totalmem() / 2 ** 30), node: process.version },
    parameters: { exchanges, phaseSeconds, concurrency },
    cryptoFloor: crypto,
    transportBaseline: { ...transport, exchangesPerSecondAtFourHops: round(transport.messagesPerSecond / HOPS_PER_EXCHANGE) },
    httpFloor: http,
    // What 2,000 exchanges/s leaves per exchange on this machine, against what no implementation avoids.
    budgetAt2000PerSecond: budgetAt(2000, cpus().length, crypto, transport.cpuMsPerMessage, http.cpuMsPerRequest),
    pipeline: { maximum, fixed, wire },
    directorySearch: directory,
    amqpLeg,
    historyReplay: history,
    hubAlone,
    ratios: {
      pipelineToTransport: round(maximum.achievedPerSecond / (transport.messagesPerSecond / HOPS_PER_EXCHANGE), 3),
      pipelineToCryptoFloor: round(maximum.achievedPerSecond / crypto.shippedExchangesPerSecond, 3),
      hubAloneToTransport: round(hubAlone.messagesPerSecond / transport.messagesPerSecond, 3),
    },
    targets: {
      sustainedAtLeast2000PerSecond: maximum.achievedPerSecond >= 2000,
      atLeastHalfTheCryptoFloor: maximum.achievedPerSecond >= crypto.shippedExchangesPerSecond / 2,
      p99AtMost100MsAt250PerSecond: fixed['250/s'].latency.p99Ms <= 100,
      rssAtMost256MbAt250PerSecond: Object.values(fixed['250/s'].peakRssMb).every((mb) => mb <= 256),
      directorySearchP99Under100Ms: directory.httpLatency.p99Ms < 100,
    },
    secondRound: secondRound(maximum, fixed, budgetAt(2000, cpus().length, crypto, transport.cpuMsPerMessage, http.cpuMsPerRequest)),
  };

  const dir = join(__dirname, '..', '..', 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const json = JSON.stringify(result, null, 2);
  writeFileSync(join(dir, `${result.measuredAt.replace(/[:.]/g, '-')}.json`), json);
  writeFileSync(join(dir, 'latest.json'), json);
  printTable(result);
}

function printTable(r: any): void {
  const rows: [string, string][] = [
    ['crypto floor, shipped design (exchanges/s, 1 core)', String(r.cryptoFloor.shippedExchangesPerSecond)],
    ['crypto floor, per-message ECDH-ES via jose', String(r.cryptoFloor.perMessageEcdhExchangesPerSecond)],
    ['transport baseline (messages/s, one hop)', String(r.transportBaseline.messagesPerSecond)],
    ['transport baseline ÷ 4 hops (exchanges/s)', String(r.transportBaseline.exchangesPerSecondAtFourHops)],
    ['transport CPU per message (broker + client, ms)', String(r.transportBaseline.cpuMsPerMessage)],
    ['HTTP floor (bare Nest server, same client)', clientFigures(r.httpFloor)],
    ['the same with fetch as client', clientFigures(r.httpFloor.fetchForComparison)],
    ['floors per exchange (ms CPU)', Object.entries(r.budgetAt2000PerSecond.floorCpuMsPerExchange).map(([k, v]) => `${k} ${v}`).join(', ')],
    ['2,000/s leaves per exchange (ms CPU)', `${r.budgetAt2000PerSecond.cpuMsAvailablePerExchange} on ${r.budgetAt2000PerSecond.cores} cores: the floors allow at most ${r.budgetAt2000PerSecond.ceilingPerSecond}/s`],
    ['pipeline sustained (exchanges/s)', `${r.pipeline.maximum.achievedPerSecond} over ${r.pipeline.maximum.exchanges}`],
    ...Object.entries(r.pipeline.fixed).map(([name, p]: [string, any]) => [
      `latency at ${name} (offered ${p.offeredPerSecond}/s, achieved ${p.achievedPerSecond}/s)`,
      `p50 ${p.latency.p50Ms} ms, p99 ${p.latency.p99Ms} ms, max ${p.latency.maxMs} ms (request leg p50 ${p.legs.requestAppliedAtRecipient.p50Ms}, receipt leg p50 ${p.legs.receiptAppliedAtSender.p50Ms}); RSS ${Object.entries(p.peakRssMb).map(([k, v]) => `${k} ${v}`).join(', ')} MB`,
    ] as [string, string]),
    ['CPU per exchange at maximum (ms)', Object.entries(r.pipeline.maximum.cpuMsPerExchange).map(([k, v]) => `${k} ${v}`).join(', ')],
    ['write calls per exchange at maximum', Object.entries(r.pipeline.maximum.writeCallsPerExchange).map(([k, v]) => `${k} ${v}`).join(', ')],
    ['peak RSS at maximum (MB)', Object.entries(r.pipeline.maximum.peakRssMb).map(([k, v]) => `${k} ${v}`).join(', ')],
    ['on the wire per exchange', `${r.pipeline.wire.bytesPerExchange} bytes in ${r.pipeline.wire.recordsPerExchange} records; ${r.pipeline.wire.transactionMarkersPerExchange} hub commit markers`],
    ['directory search on a node, HTTP (' + r.directorySearch.authorities + ' authorities)', `p50 ${r.directorySearch.httpLatency.p50Ms} ms, p99 ${r.directorySearch.httpLatency.p99Ms} ms, max ${r.directorySearch.httpLatency.maxMs} ms`],
    ['directory search in process', `p50 ${r.directorySearch.inProcessLatency.p50Ms} ms, p99 ${r.directorySearch.inProcessLatency.p99Ms} ms`],
    ...(r.amqpLeg ? [
      ['AMQP leg: request.create commands/s through the bridge', `${r.amqpLeg.commandsPerSecond} (REST, same run: ${r.amqpLeg.restPerSecond}/s; ${r.amqpLeg.concurrency} in flight)`],
      ['AMQP leg: latency one at a time, command → reply vs REST', `p50 ${r.amqpLeg.latency.amqp.p50Ms} vs ${r.amqpLeg.latency.rest.p50Ms} ms, p99 ${r.amqpLeg.latency.amqp.p99Ms} vs ${r.amqpLeg.latency.rest.p99Ms} ms (added p50 ${r.amqpLeg.latency.addedP50Ms} ms)`],
    ] as [string, string][] : []),
    ['history replay (' + r.historyReplay.closedExchanges + ' closed exchanges, ' + r.historyReplay.databaseMb + ' MB)', `retention run due today ${r.historyReplay.retention.dailyRunMs} ms (${r.historyReplay.retention.blocked} blocked, ${r.historyReplay.retention.deleted} deleted), with nothing due ${r.historyReplay.retention.nothingDueRunMs} ms`],
    ['history replay: access report, proof report (HTTP)', `p50 ${r.historyReplay.accessReport.p50Ms} / p99 ${r.historyReplay.accessReport.p99Ms} ms; p50 ${r.historyReplay.proofReport.p50Ms} / p99 ${r.historyReplay.proofReport.p99Ms} ms`],
    ['the hub alone: messages routed/s (nodes stopped)', `${r.hubAlone.messagesPerSecond} over ${r.hubAlone.messages}; ÷ transport ${r.ratios.hubAloneToTransport}`],
    ['the hub alone: CPU per message (ms)', `${Object.entries(r.hubAlone.cpuMsPerMessage).map(([k, v]) => `${k} ${v}`).join(', ')}; hub write calls ${r.hubAlone.hubWriteCallsPerMessage}`],
    ['pipeline ÷ transport', String(r.ratios.pipelineToTransport)],
    ['pipeline ÷ crypto floor', String(r.ratios.pipelineToCryptoFloor)],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log('');
  for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
  console.log(`\ntargets: ${JSON.stringify(r.targets)}`);
  console.log(`second round (issue 20): ${JSON.stringify(r.secondRound)}`);
}

/**
 * The second round's targets, relative to the floors of the same run: CPU per exchange at most
 * 1.76 times the floors (4.5 ms against the 2.55 ms of the run that set them), that is sustaining
 * at least 55 % of the floors' ceiling; p99 at most 150 ms at half the maximum and 40 ms at rest.
 */
function secondRound(maximum: PhaseResult, fixed: Record<string, PhaseResult>, budget: ReturnType<typeof budgetAt>) {
  const cpuMsPerExchange = totalCpuMs(maximum.cpuMsPerExchange);
  const ofFloorsCeiling = round(maximum.achievedPerSecond / budget.ceilingPerSecond, 3);
  return {
    cpuMsPerExchange, floorsCpuMsPerExchange: budget.floorCpuMsPerExchange.total, cpuOverFloors: round(cpuMsPerExchange / budget.floorCpuMsPerExchange.total, 2),
    ofFloorsCeiling,
    sustainsAtLeast55PercentOfFloorsCeiling: ofFloorsCeiling >= 0.55,
    p99AtMost150MsAtHalfTheMaximum: fixed['50% of max'].latency.p99Ms <= 150,
    p99AtMost40MsAtRest: fixed['at rest (5/s)'].latency.p99Ms <= 40,
  };
}

function clientFigures(c: ClientFigures): string {
  return `${c.requestsPerSecond} requests/s, ${c.cpuMsPerRequest} ms CPU per request (client ${c.clientCpuMsPerRequest} ms)`;
}

function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

main().catch((error) => {
  console.error(`bench failed: ${error.stack ?? error}`);
  process.exit(1);
});
