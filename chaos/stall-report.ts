import { ChaosNetwork, ChaosProcess } from './network';

/** How long each read of the report may take: a stalled process must not stall the report too. */
const READ_MS = 5000;

/** The metrics that tell where messages wait: consumer lag (hub's router group, a node's inbox group) and the outbox. */
const WAITING = /^(imi_kafka_consumergroup_lag|imi_outbox_pending_messages|imi_outbox_oldest_pending_age_seconds)(\{[^}]*\})? (\S+)$/;

/**
 * Where a fault that has not recovered yet leaves the messages, as lines for the run's output
 * (a CI log may hold nothing else): each member state's inbox lag and the last message the hub
 * routed to it (the hub's operator view), every process's non-zero lag and outbox figures from its
 * metrics, and its latest warnings. Metadata only, like the sources it reads.
 */
export async function stallReport(network: ChaosNetwork): Promise<string[]> {
  const lines: string[] = [];
  lines.push(...(await memberStates(network.hubs.filter((h) => h.running))));
  for (const p of network.processes) {
    if (!p.running) {
      lines.push(`${p.name}: not running`);
      continue;
    }
    lines.push(`${p.name}: ${(await waiting(p)).join(', ') || 'nothing waiting'}`);
    for (const warning of p.warnings.slice(-6)) lines.push(`  ${p.name}: ${warning.slice(0, 400)}`);
  }
  return lines;
}

/** The first answer of the hub instances that run (one of them may be the fault, starting again). */
async function memberStates(hubs: ChaosProcess[]): Promise<string[]> {
  const failures: string[] = [];
  for (const hub of hubs) {
    try {
      const response = await fetch(`${hub.url}/operations/network`, { signal: AbortSignal.timeout(READ_MS) });
      const view = (await response.json()) as { memberStates?: { node: string; inbox: { lag: number | null; unavailable?: string }; lastMessageReceived: string | null }[] };
      return (view.memberStates ?? []).map((s) => `inbox ${s.node}: lag ${s.inbox.lag ?? `? (${s.inbox.unavailable})`}, last routed to it ${s.lastMessageReceived ?? 'never'}`);
    } catch (error) {
      failures.push(`network status from ${hub.name}: ${(error as Error).message}`);
    }
  }
  return failures;
}

/** The process's lag and outbox figures that are not zero. */
async function waiting(p: ChaosProcess): Promise<string[]> {
  try {
    const text = await (await fetch(`${p.url}/metrics`, { signal: AbortSignal.timeout(READ_MS) })).text();
    return text.split('\n').flatMap((line) => {
      const match = WAITING.exec(line);
      return match && Number(match[3]) !== 0 ? [`${match[1]}${match[2] ?? ''} ${match[3]}`] : [];
    });
  } catch (error) {
    return [`metrics: ${(error as Error).message}`];
  }
}
