import { Registry } from 'prom-client';
import { TrustStore } from '@imi/envelope';
import { NodeMetrics } from '@imi/metrics';
import { AuditLog } from '../apps/node/src/privacy/audit-log';
import { RetentionService } from '../apps/node/src/privacy/retention.service';
import { EpochKeyDestruction } from '../apps/node/src/trust/epoch-key-destruction';
import { postJson } from './http-client';
import { BenchNetwork, maximumThroughput } from './pipeline';
import { signInAs } from './sign-in';
import { LatencySummary, round, summarise } from './stats';

export interface HistoryReplayResult {
  closedExchanges: number;
  /** Of them, still holding personal data (closed within 3 years), and blocked (closed over 6 months ago). */
  withPersonalData: number;
  blocked: number;
  rows: Record<string, number>;
  databaseMb: number;
  loadSeconds: number;
  retention: { dailyRunMs: number; blocked: number; deleted: number; nothingDueRunMs: number };
  accessReport: LatencySummary & { exchangesPerReport: number };
  proofReport: LatencySummary & { messagesPerReport: number };
}

const DAY_MS = 86_400_000;
/** The ids of the history's exchanges ($1: how many), derived from their number g. */
const HISTORY_IDS = `SELECT md5('history-' || g)::uuid FROM generate_series(1, $1) g`;
/** The history spans 17 years of closures, the newest a month ago. */
const HISTORY_DAYS = 17 * 365;

/**
 * History replay (`npm run bench -- --history`): node FR's database is filled with
 * BENCH_HISTORY_EXCHANGES (600,000) closed information requests, the whole history of IMI to
 * 2023, as retention left them yesterday: closed over 3 years ago, anonymised; over 6 months,
 * blocked with their stored copies' bodies erased; newer, whole. Each has five events, three
 * messages sent (with their receipts) and three received. The stored copies reuse the bytes of
 * real messages this run exchanged, so the proof report decodes real manifests. Then, against
 * the running node: the retention run that is due today (one day's closures cross each period),
 * again with nothing due, access reports for persons of the history over HTTP, and proof reports
 * of exchanges of every age over HTTP.
 */
export async function measureHistoryReplay(network: BenchNetwork, exchanges: number, samples = 200): Promise<HistoryReplayResult> {
  // Real messages whose bytes the history's stored copies reuse.
  await maximumThroughput(network, 20, 4);
  const db = network.frDb;
  const [sent] = await db.query<{ topic: string; value: Buffer; manifest: Buffer; headers: object }>(
    `SELECT topic, value, manifest, headers FROM outbox_messages WHERE value IS NOT NULL AND manifest IS NOT NULL ORDER BY id LIMIT 1`);
  const [received] = await db.query<{ value: Buffer; manifest: Buffer; sender_signature: string; hub_signature: string }>(
    `SELECT value, manifest, sender_signature, hub_signature FROM inbox_messages WHERE value IS NOT NULL AND manifest IS NOT NULL LIMIT 1`);
  const [{ questions }] = await db.query<{ questions: object }>('SELECT questions FROM requests LIMIT 1');
  if (!sent || !received) throw new Error('history replay: no stored message to copy');

  const now = new Date();
  const started = performance.now();
  await load(db, exchanges, now, { sent, received, questions });
  const loadSeconds = round((performance.now() - started) / 1000, 1);
  const [counts] = await db.query<{ with_data: number; blocked: number }>(
    `SELECT count(*) FILTER (WHERE personal_data_deleted_at IS NULL AND closed_at IS NOT NULL)::int AS with_data,
            count(*) FILTER (WHERE blocked_at IS NOT NULL AND personal_data_deleted_at IS NULL)::int AS blocked FROM requests`);
  const rows: Record<string, number> = {};
  for (const table of ['requests', 'request_subjects', 'request_events', 'outbox_messages', 'deliveries', 'inbox_messages']) {
    rows[table] = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0].n;
  }
  const [{ mb }] = await db.query<{ mb: number }>('SELECT round(pg_database_size(current_database()) / 1048576.0)::int AS mb');

  const retention = await retentionRuns(network, now);
  const accessReport = await accessReports(network, exchanges, samples);
  const proofReport = await proofReports(network, exchanges, samples);
  return {
    closedExchanges: exchanges, withPersonalData: counts.with_data, blocked: counts.blocked, rows, databaseMb: mb, loadSeconds,
    retention, accessReport, proofReport,
  };
}

interface Templates {
  sent: { topic: string; value: Buffer; manifest: Buffer; headers: object };
  received: { value: Buffer; manifest: Buffer; sender_signature: string; hub_signature: string };
  questions: object;
}

/** The history, in a few statements: exchange g closes `g / n` of 17 years before a month ago. */
async function load(db: BenchNetwork['frDb'], n: number, now: Date, t: Templates): Promise<void> {
  const yesterday = new Date(now.getTime() - DAY_MS);
  await db.query(
    `INSERT INTO requests (id, role, requester_authority_id, requester_node, addressee_authority_id, addressee_node, legislative_area, questions,
       state, reply_by, sent_at, accepted_at, answered_at, closed_at, last_activity_at, blocked_at, personal_data_deleted_at, personal_data_erasure)
     SELECT id, 'requester', 'FR-CNOM', 'FR', 'DE-BE-AEK', 'DE', 'professional-qualifications', $4::jsonb,
       'closed', closed - interval '16 days', closed - interval '30 days', closed - interval '29 days', closed - interval '20 days', closed, closed,
       CASE WHEN closed <= $3::timestamptz - interval '6 months' THEN closed + interval '6 months' END,
       CASE WHEN closed <= $3::timestamptz - interval '3 years' THEN closed + interval '3 years' END,
       CASE WHEN closed <= $3::timestamptz - interval '3 years' THEN '{"reason":"retention-deletion","decision":null,"decidedBy":null}'::jsonb END
     FROM (SELECT md5('history-' || g)::uuid AS id, $2::timestamptz - interval '30 days' - (g::float8 / $1) * interval '${HISTORY_DAYS} days' AS closed
           FROM generate_series(1, $1) g) h`,
    [n, now, yesterday, JSON.stringify(t.questions)],
  );
  // The persons of the exchanges not yet anonymised: 20,000 family names (EU spellings), 30 given names.
  await db.query(
    `INSERT INTO request_subjects (request_id, family_name, given_names, date_of_birth, register_number)
     SELECT r.id,
       (ARRAY['Müller','Dupont','García','Rossi','Kowalski','Novák','Nagy','Popescu','Jansen','Dubois','Fernández','Łukasiewicz','Søndergaard','Öztürk','Papadopoulos',
              'Ó Briain','Horváth','Virtanen','Andersson','Silva','Peeters','Schmidt','Martin','Bianchi','Nowak','Dvořák','Kovač','Ivanova','Berziņš','Kazlauskas'])[1 + g % 30]
         || '-' || (g / 30) % 667,
       (ARRAY['Anna','Jean','María','Luca','Piotr','Eva','Ádám','Ioana','Daan','Chloé','José','Zofia','Mette','Elif','Nikos'])[1 + (g / 7) % 15],
       '1945-01-01'::date + (g * 7919) % 20000,
       CASE WHEN g % 2 = 0 THEN 'RPPS-' || lpad(g::text, 9, '0') END
     FROM generate_series(1, $1) g JOIN requests r ON r.id = md5('history-' || g)::uuid AND r.personal_data_deleted_at IS NULL`,
    [n],
  );
  await db.query(
    `INSERT INTO request_events (request_id, seq, type, at)
     SELECT r.id, e.seq, e.type, r.closed_at - e.before
     FROM requests r CROSS JOIN (VALUES (1, 'sent', interval '30 days'), (2, 'accepted', interval '29 days'), (3, 'subject-disclosed', interval '29 days'),
                                        (4, 'answered', interval '20 days'), (5, 'closed', interval '0 days')) AS e(seq, type, before)
     WHERE r.id = ANY (${HISTORY_IDS})`,
    [n],
  );
  const erased = `'{"reason":"retention-blocking","decision":null,"decidedBy":null}'::jsonb`;
  await db.query(
    `INSERT INTO outbox_messages (message_id, topic, message_key, value, manifest, headers, created_at, sent_at, body_erased_at, body_erasure)
     SELECT md5('history-sent-' || r.id || '-' || m.k)::uuid, $2, r.id::text, CASE WHEN r.blocked_at IS NULL THEN $3::bytea END, $4::bytea, $5::jsonb,
       r.closed_at - m.before, r.closed_at - m.before, r.blocked_at, CASE WHEN r.blocked_at IS NOT NULL THEN ${erased} END
     FROM requests r CROSS JOIN (VALUES (1, interval '30 days'), (2, interval '29 days'), (3, interval '0 days')) AS m(k, before)
     WHERE r.id = ANY (${HISTORY_IDS})
     ORDER BY r.closed_at, m.k`,
    [n, t.sent.topic, t.sent.value, t.sent.manifest, JSON.stringify(t.sent.headers)],
  );
  await db.query(
    `INSERT INTO deliveries (message_id, recipient_node, type, sent_at, delivered_at, acknowledged_at)
     SELECT o.message_id, 'DE', 'request.sent', o.sent_at, o.sent_at + interval '1 minute', o.sent_at + interval '1 minute'
     FROM outbox_messages o WHERE o.message_key IN (SELECT id::text FROM (${HISTORY_IDS}) AS h(id))`,
    [n],
  );
  await db.query(
    `INSERT INTO inbox_messages (message_id, type, sender_node, outcome, received_at, case_id, sent_at, sender_signature, hub_signature, value, manifest,
       signature_protocol, body_erased_at, body_erasure)
     SELECT md5('history-received-' || r.id || '-' || m.type)::uuid, m.type, 'DE', 'applied', r.closed_at - m.before, r.id::text, r.closed_at - m.before,
       $2, $3, CASE WHEN r.blocked_at IS NULL THEN $4::bytea END, $5::bytea, 2, r.blocked_at, CASE WHEN r.blocked_at IS NOT NULL THEN ${erased} END
     FROM requests r CROSS JOIN (VALUES ('request.accepted', interval '29 days'), ('request.answered', interval '20 days'), ('message.received', interval '1 day')) AS m(type, before)
     WHERE r.id = ANY (${HISTORY_IDS})`,
    [n, t.received.sender_signature, t.received.hub_signature, t.received.value, t.received.manifest],
  );
  await db.query('ANALYZE');
}

/**
 * The node's own retention code on its database: the run due today, then one with nothing due.
 * Its periods come from the defaults (no trust list is read) and no epoch key is destroyed (the
 * running node's keys stay where they are); everything else is the schedule as it runs.
 */
async function retentionRuns(network: BenchNetwork, now: Date): Promise<HistoryReplayResult['retention']> {
  const trust = { legislativeArea: () => undefined, legislativeAreas: () => [] } as unknown as TrustStore;
  const keys = { destroyExpired: () => [] } as unknown as EpochKeyDestruction;
  const retention = new RetentionService(network.frDb, trust, new AuditLog(network.frDb), keys, new NodeMetrics(new Registry()));
  let started = performance.now();
  const daily = await retention.runOnce(now);
  const dailyRunMs = round(performance.now() - started);
  started = performance.now();
  const again = await retention.runOnce(now);
  const nothingDueRunMs = round(performance.now() - started);
  if (again.blocked + again.deleted > 0) throw new Error(`history replay: a second retention run found ${again.blocked + again.deleted} exchanges due`);
  return { dailyRunMs, blocked: daily.blocked, deleted: daily.deleted, nothingDueRunMs };
}

/** Access reports (JSON) for persons of the history, by family and given names and date of birth, one after the other. */
async function accessReports(network: BenchNetwork, exchanges: number, samples: number): Promise<HistoryReplayResult['accessReport']> {
  const session = await signInAs(network.frDb, network.frUrl, 'FR', 'FR-CNOM', ['data-protection-contact'], 'Dana Protection');
  const persons = await network.frDb.query<{ family_name: string; given_names: string; date_of_birth: string }>(
    `SELECT family_name, given_names, to_char(date_of_birth, 'YYYY-MM-DD') AS date_of_birth FROM request_subjects
     WHERE request_id IN (${HISTORY_IDS}) ORDER BY md5(request_id::text) LIMIT $2`,
    [exchanges, samples],
  );
  const times: number[] = [];
  let found = 0;
  for (const p of persons) {
    const started = performance.now();
    const { status, text } = await postJson(`${network.frUrl}/access-reports`, { familyName: p.family_name, givenNames: p.given_names, dateOfBirth: p.date_of_birth },
      { authorization: `Bearer ${session}` });
    times.push(performance.now() - started);
    if (status !== 200) throw new Error(`POST /access-reports answered ${status}: ${text.slice(0, 200)}`);
    found += (JSON.parse(text) as { report: { exchanges: unknown[] } }).report.exchanges.length;
  }
  return { ...summarise(times), exchangesPerReport: round(found / persons.length, 2) };
}

/** Proof-of-exchange reports of exchanges drawn across the whole history, one after the other. */
async function proofReports(network: BenchNetwork, exchanges: number, samples: number): Promise<HistoryReplayResult['proofReport']> {
  const times: number[] = [];
  let messages = 0;
  // Spread evenly over the 17 years.
  const picked = Array.from({ length: samples }, (_, i) => 1 + Math.floor(((i + 0.5) / samples) * exchanges));
  const ids = await network.frDb.query<{ id: string }>(`SELECT md5('history-' || g)::uuid AS id FROM unnest($1::int[]) g`, [picked]);
  for (const { id } of ids) {
    const started = performance.now();
    const response = await fetch(`${network.frUrl}/requests/${id}/proof-of-exchange`, { headers: { authorization: `Bearer ${network.frSession}` } });
    const text = await response.text();
    times.push(performance.now() - started);
    if (response.status !== 200) throw new Error(`GET proof-of-exchange answered ${response.status}: ${text.slice(0, 200)}`);
    messages += (JSON.parse(text) as { report: { messages: unknown[] } }).report.messages.length;
  }
  return { ...summarise(times), messagesPerReport: round(messages / samples, 2) };
}
