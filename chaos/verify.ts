import { createKafka, kafkaUserFromFile } from '@imi/messaging';
import { AuditLog } from '../apps/node/src/privacy/audit-log';
import { COUNTRIES, ChaosNetwork, Country } from './network';
import { FULL_FLOW_HISTORY, Ledger } from './ledger';
import { scanRecords } from './raw-topics';
import { ChaosEndpoints } from './stack';

/** What the verifier found, against the driver's ledger. */
export interface Verdict {
  exchanges: { requests: number; canaries: number; alerts: number };
  /** An exchange missing on a participant, or not in the state the driver took it to. */
  lost: number;
  /** Applied more than once: a repeated history event, answer or alert version, or an exchange the driver never made. */
  appliedTwice: number;
  /** Exchanges the driver could not finish (a step that never succeeded), with the first reasons. */
  driverFailures: number;
  /** Messages whose receipt never came back (deliveries unacknowledged). */
  receiptsMissing: number;
  /** Outbox rows never handed to Kafka. */
  outboxStuck: number;
  /** Copies the nodes' inboxes recognised and dropped, from each node's GET /health. */
  duplicatesDropped: Partial<Record<Country, number>>;
  auditChains: Partial<Record<Country, { entries: number; intact: boolean }>>;
  rawScan: { records: number; personalValuesFound: number };
  /** Details of the first problems, for the reader of the report. */
  problems: string[];
}

/** Until every outbox row went out and every delivery has its receipt, unchanged for `quietMs` (or `timeoutMs` passed). */
export async function waitForQuiescence(network: ChaosNetwork, timeoutMs: number, quietMs = 5000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  let since = Date.now();
  while (Date.now() < deadline) {
    try {
      const counts = await Promise.all(COUNTRIES.map(async (c) => {
        const [row] = await network.node(c).db.query<{ unsent: number; unacked: number; inbox: number }>(
          `SELECT (SELECT count(*)::int FROM outbox_messages WHERE sent_at IS NULL) AS unsent,
                  (SELECT count(*)::int FROM deliveries WHERE acknowledged_at IS NULL) AS unacked,
                  (SELECT count(*)::int FROM inbox_messages) AS inbox`);
        return row;
      }));
      const key = JSON.stringify(counts);
      const idle = counts.every((c) => c.unsent === 0 && c.unacked === 0);
      if (key !== last) {
        last = key;
        since = Date.now();
      } else if (idle && Date.now() - since >= quietMs) {
        return true;
      }
    } catch {
      // Postgres restarting: ask again
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  return false;
}

/** Checks every node's database and REST API against the ledger, the audit chains, and every topic for personal values. */
export async function verify(network: ChaosNetwork, endpoints: ChaosEndpoints, ledger: Ledger): Promise<Verdict> {
  const problems: string[] = [];
  const problem = (text: string) => {
    if (problems.length < 50) problems.push(text);
  };
  let lost = 0;
  let appliedTwice = 0;
  const expectedIds = new Map<Country, Set<string>>(COUNTRIES.map((c) => [c, new Set<string>()]));
  const verdict: Verdict = {
    exchanges: { requests: ledger.requests.filter((r) => !r.canary).length, canaries: ledger.requests.filter((r) => r.canary).length, alerts: ledger.alerts.length },
    lost: 0, appliedTwice: 0, driverFailures: 0, receiptsMissing: 0, outboxStuck: 0, duplicatesDropped: {}, auditChains: {},
    rawScan: { records: 0, personalValuesFound: 0 }, problems,
  };

  for (const item of [...ledger.requests, ...ledger.alerts]) {
    if (item.failure) {
      verdict.driverFailures++;
      problem(`driver: ${item.kind} ${item.ref} ${item.from}→${item.to}: ${item.failure}`);
    }
  }

  for (const country of COUNTRIES) {
    const db = network.node(country).db;
    const requests = new Map((await db.query<{ id: string; state: string }>('SELECT id, state FROM requests')).map((r) => [r.id, r.state]));
    const histories = new Map((await db.query<{ id: string; types: string[] }>(
      'SELECT request_id AS id, array_agg(type ORDER BY seq) AS types FROM request_events GROUP BY request_id')).map((r) => [r.id, r.types]));
    const answers = new Map((await db.query<{ id: string; n: number }>(
      'SELECT request_id AS id, count(*)::int AS n FROM request_answers GROUP BY request_id')).map((r) => [r.id, r.n]));
    for (const r of ledger.requests) {
      if (!r.id || (r.from !== country && r.to !== country)) continue;
      expectedIds.get(country)!.add(r.id);
      // A request the driver gave up on is checked for what it reached, not for `closed`.
      if (r.failure) continue;
      const state = requests.get(r.id);
      const history = histories.get(r.id) ?? [];
      const expectedHistory = r.canary ? ['sent'] : FULL_FLOW_HISTORY;
      if (state !== r.expectedState) {
        lost++;
        problem(`request ${r.ref} (${r.id}) on ${country}: ${state ?? 'missing'}, expected ${r.expectedState}`);
      } else if (history.length > expectedHistory.length || new Set(history).size !== history.length) {
        appliedTwice++;
        problem(`request ${r.ref} on ${country}: history ${history.join(',')}`);
      } else if (history.join() !== expectedHistory.join()) {
        lost++;
        problem(`request ${r.ref} on ${country}: history ${history.join(',')}, expected ${expectedHistory.join(',')}`);
      } else if (!r.canary && (answers.get(r.id) ?? 0) !== 2) {
        if ((answers.get(r.id) ?? 0) > 2) appliedTwice++;
        else lost++;
        problem(`request ${r.ref} on ${country}: ${answers.get(r.id) ?? 0} answers, expected 2`);
      }
    }

    const alerts = new Map((await db.query<{ id: string; version: number; state: string }>('SELECT id, version, state FROM alerts')).map((a) => [a.id, a]));
    const versions = new Map((await db.query<{ id: string; n: number }>(
      'SELECT alert_id AS id, count(*)::int AS n FROM alert_versions GROUP BY alert_id')).map((r) => [r.id, r.n]));
    for (const a of ledger.alerts) {
      if (!a.id || (a.from !== country && !a.to.includes(country))) continue;
      expectedIds.get(country)!.add(a.id);
      if (a.failure) continue;
      const row = alerts.get(a.id);
      const n = versions.get(a.id) ?? 0;
      if (!row || row.version !== a.expectedVersion || n < a.expectedVersion) {
        lost++;
        problem(`alert ${a.ref} (${a.id}) on ${country}: ${row ? `version ${row.version}, ${n} versions` : 'missing'}, expected ${a.expectedVersion}`);
      } else if (n > a.expectedVersion) {
        appliedTwice++;
        problem(`alert ${a.ref} on ${country}: ${n} versions`);
      }
    }

    // Any exchange the driver never made is a copy the system created: applied twice.
    for (const id of [...requests.keys(), ...alerts.keys()]) {
      if (!expectedIds.get(country)!.has(id)) {
        appliedTwice++;
        problem(`${country} holds exchange ${id}, which the driver never made`);
      }
    }

    const [{ unsent, unacked }] = await db.query<{ unsent: number; unacked: number }>(
      `SELECT (SELECT count(*)::int FROM outbox_messages WHERE sent_at IS NULL) AS unsent,
              (SELECT count(*)::int FROM deliveries WHERE acknowledged_at IS NULL) AS unacked`);
    verdict.outboxStuck += unsent;
    verdict.receiptsMissing += unacked;
    lost += await lostInTransit(network, country, problem);
    if (unsent) problem(`${country}: ${unsent} outbox rows never sent`);
    if (unacked) problem(`${country}: ${unacked} messages without their receipt`);

    const audit = await new AuditLog(db).verify();
    verdict.auditChains[country] = { entries: audit.entries, intact: audit.firstBreak === null };
    if (audit.firstBreak) problem(`${country}: audit chain broken at ${JSON.stringify(audit.firstBreak)}`);

    try {
      const health = (await (await fetch(`${network.node(country).process.url}/health`)).json()) as { inbox?: { duplicate?: number } };
      verdict.duplicatesDropped[country] = health.inbox?.duplicate ?? 0;
    } catch (error) {
      problem(`${country}: GET /health failed: ${(error as Error).message}`);
    }
  }

  // The REST API agrees with the databases: a sample of the exchanges read back as a case handler does.
  await sampleThroughRest(network, ledger, problem, () => lost++);

  verdict.rawScan = await scanForPersonalValues(network, endpoints);
  if (verdict.rawScan.personalValuesFound) problem(`${verdict.rawScan.personalValuesFound} records on the topics carry a personal value in clear`);
  verdict.lost = lost;
  verdict.appliedTwice = appliedTwice;
  return verdict;
}

/**
 * Messages this node sent (their outbox row marked sent) that the recipient's inbox never saw:
 * lost between the two, whatever the driver made of it (it may have given up on the exchange).
 */
async function lostInTransit(network: ChaosNetwork, sender: Country, problem: (text: string) => void): Promise<number> {
  const unacknowledged = await network.node(sender).db.query<{ message_id: string; recipient_node: string; type: string }>(
    'SELECT message_id, recipient_node, type FROM deliveries WHERE acknowledged_at IS NULL');
  let lost = 0;
  for (const d of unacknowledged) {
    const recipient = COUNTRIES.find((c) => c === d.recipient_node);
    if (!recipient) continue;
    const [seen] = await network.node(recipient).db.query<{ n: number }>('SELECT count(*)::int AS n FROM inbox_messages WHERE message_id = $1', [d.message_id]);
    if (seen.n === 0) {
      lost++;
      problem(`${d.type} ${d.message_id} ${sender}→${recipient}: sent, never received`);
    }
  }
  return lost;
}

async function sampleThroughRest(network: ChaosNetwork, ledger: Ledger, problem: (text: string) => void, lost: () => void): Promise<void> {
  const { NodeClient } = await import('./node-client');
  const clients = new Map(COUNTRIES.map((c) => [c, new NodeClient(network, c)]));
  const sample = ledger.requests.filter((r) => r.id && !r.failure).filter((_, i) => i % 25 === 0);
  for (const r of sample) {
    for (const country of [r.from, r.to]) {
      const view = await clients.get(country)!.find<{ state: string }>(`/requests/${r.id}`);
      if (view?.state !== r.expectedState) {
        lost();
        problem(`REST: request ${r.ref} on ${country} is ${view?.state ?? 'missing'}, expected ${r.expectedState}`);
      }
    }
  }
}

/** The raw scan of test/flows: every record of the run's topics, searched for the people the driver made up. */
async function scanForPersonalValues(network: ChaosNetwork, endpoints: ChaosEndpoints): Promise<{ records: number; personalValuesFound: number }> {
  const kafka = createKafka(endpoints.kafkaBrokers.split(','), 'chaos-raw-scan', kafkaUserFromFile(endpoints.kafkaCredentialsFile, 'admin'));
  // Every person's family name starts so, and all share the given name and dates of birth.
  const needles = ['Chaosperson', 'Wiesława', '1983-11-02', '1968-05-17', 'CHAOS-'].map((v) => Buffer.from(v, 'utf8'));
  let found = 0;
  const records = await scanRecords(kafka, network.prefix, (r) => {
    if (needles.some((n) => r.value?.includes(n) || r.key?.includes(n) || r.headers.includes(n))) found++;
  }, 120_000);
  return { records, personalValuesFound: found };
}
